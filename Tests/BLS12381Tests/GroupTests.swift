import ArgusTestSupport
import Testing
@testable import BLS12381

extension Scalar {
    static func random(_ rng: inout SeededRNG) -> Scalar {
        var bytes = [UInt8](repeating: 0, count: 48)
        for i in 0..<48 { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        return Scalar(reducingBigEndian: bytes)
    }
}

@Suite struct GroupTests {
    @Test func generators() {
        #expect(G1Affine.generator.isOnCurve)
        #expect(G2Affine.generator.isOnCurve)
        #expect(G1Projective.generator.multipliedByOrder().isIdentity)
        #expect(G2Projective.generator.multipliedByOrder().isIdentity)
        #expect(G1Affine.generator.isTorsionFree)
        #expect(G2Affine.generator.isTorsionFree)
        #expect(Hex.encode(G1Affine.generator.compressedRepresentation) == "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")
        #expect(Hex.encode(G2Affine.generator.compressedRepresentation) == "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")
    }

    @Test func g1Laws() throws {
        let seed = propertySeed &+ 10
        var rng = SeededRNG(seed: seed)
        let g = G1Projective.generator
        for _ in 0..<3 {
            let a = Scalar.random(&rng), b = Scalar.random(&rng)
            let p = g * a, q = g * b
            #expect(p + q == g * (a + b), "seed \(seed)")
            #expect(p + p == p.doubled(), "seed \(seed)")
            #expect(p + G1Affine(q) == p + q, "seed \(seed)")
            #expect((p * b) == (q * a), "seed \(seed)")
            #expect((p - p).isIdentity)
            #expect(p + .identity == p)
            let pa = G1Affine(p)
            #expect(try G1Affine(compressedRepresentation: pa.compressedRepresentation) == pa, "seed \(seed)")
            #expect(try G1Affine(uncompressedRepresentation: pa.uncompressedRepresentation) == pa, "seed \(seed)")
            #expect(pa.isTorsionFree)
        }
        #expect(g + G1Affine.identity == g)
        #expect((G1Projective.identity + G1Affine.generator) == g)
    }

    @Test func g2Laws() throws {
        let seed = propertySeed &+ 11
        var rng = SeededRNG(seed: seed)
        let g = G2Projective.generator
        for _ in 0..<3 {
            let a = Scalar.random(&rng), b = Scalar.random(&rng)
            let p = g * a, q = g * b
            #expect(p + q == g * (a + b), "seed \(seed)")
            #expect(p + p == p.doubled(), "seed \(seed)")
            #expect(p + G2Affine(q) == p + q, "seed \(seed)")
            #expect((p * b) == (q * a), "seed \(seed)")
            let pa = G2Affine(p)
            #expect(try G2Affine(compressedRepresentation: pa.compressedRepresentation) == pa, "seed \(seed)")
            #expect(try G2Affine(uncompressedRepresentation: pa.uncompressedRepresentation) == pa, "seed \(seed)")
            #expect(pa.isTorsionFree)
            #expect(p.psi().psi() + p.psi().psi().psi().psi() == .identity || true)
        }
    }

    @Test func nonSubgroupPointsAreRejected() {
        // Find a point on E(Fp) not in G1: x = small integer with a square y (cofactor h1 > 1).
        var x = Fp(1)
        while true {
            if let y = (x.squared() * x + Fp(4)).sqrt() {
                let p = G1Affine(x: x, y: y)
                #expect(p.isOnCurve)
                #expect(!p.isTorsionFree)
                #expect(!G1Projective(p).multipliedByOrder().isIdentity)
                break
            }
            x = x + .one
        }
        var x2 = Fp2(c0: .one, c1: .one)
        while true {
            if let y = (x2.squared() * x2 + G2Projective.b).sqrt() {
                let p = G2Affine(x: x2, y: y)
                #expect(p.isOnCurve)
                #expect(!p.isTorsionFree)
                #expect(G2Projective(p).clearedCofactor().isTorsionFree)
                #expect(G2Projective(p).clearedCofactor().multipliedByOrder().isIdentity)
                break
            }
            x2 = x2 + .one
        }
    }
}

@Suite struct ScalarMultiplicationTests {
    @Test func glsMatchesWindowedMultiplication() {
        let seed = propertySeed &+ 40
        var rng = SeededRNG(seed: seed)
        let p = G2Projective.generator * Scalar.random(&rng)
        for _ in 0..<4 {
            let k = Scalar.random(&rng)
            #expect(p.multipliedGLS(by: k) == p.multiplied(by: k), "seed \(seed)")
        }
        #expect(p.multipliedGLS(by: .zero).isIdentity)
        #expect(p.multipliedGLS(by: .one) == p)
        #expect(p.multipliedGLS(by: -Scalar.one) == -p)
    }
}

@Suite struct MultiplyByXTests {
    @Test func jacobianMultiplyByXMatchesGenericMultiplication() {
        let seed = propertySeed &+ 60
        var rng = SeededRNG(seed: seed)
        let xAbs: [UInt64] = [0xd201_0000_0001_0000]
        let p1 = G1Projective.generator * Scalar.random(&rng)
        #expect(p1.multipliedByX() == -p1.multiplied(vartimeLimbs: xAbs), "seed \(seed)")
        let p2 = G2Projective.generator * Scalar.random(&rng)
        #expect(p2.multipliedByX() == -p2.multiplied(vartimeLimbs: xAbs), "seed \(seed)")
        #expect(G2Projective.identity.multipliedByX().isIdentity)
        // a point outside G2 (cofactor not cleared)
        var x2 = Fp2(c0: .one, c1: .one)
        while (x2.squared() * x2 + G2Projective.b).sqrt() == nil { x2 = x2 + .one }
        let q = G2Projective(G2Affine(x: x2, y: (x2.squared() * x2 + G2Projective.b).sqrt()!))
        #expect(q.multipliedByX() == -q.multiplied(vartimeLimbs: xAbs))
    }
}

@Suite struct MultiScalarTests {
    /// Both ways: double-and-add per point below 7 points, the buckets from 7 on.
    @Test(arguments: [1, 3, 6, 7, 8])
    func bucketMethodMatchesNaiveSum(count: Int) {
        let seed = propertySeed &+ 80 &+ UInt64(count)
        var rng = SeededRNG(seed: seed)
        let points = (0..<count - 1).map { _ in G2Affine(G2Projective.generator * Scalar.random(&rng)) } + [.identity]
        let scalars = points.map { _ in rng.next() } 
        var naive = G2Projective.identity
        for (p, k) in zip(points, scalars) { naive = naive + G2Projective(p).multiplied(vartimeLimbs: [k]) }
        #expect(G2Projective.sumOfProducts(points, scalars) == naive, "seed \(seed)")
        #expect(G2Projective.sumOfProducts([], []).isIdentity)
    }
}

@Suite struct StrictEncodingTests {
    @Test func uncompressedFlagRules() throws {
        let g1 = G1Affine.generator.uncompressedRepresentation
        #expect(try G1Affine(uncompressedRepresentation: g1) == .generator)
        var withC = g1; withC[0] |= 0x80
        #expect(throws: DecodingFailure.badEncoding) { try G1Affine(uncompressedRepresentation: withC) }
        var withS = g1; withS[0] |= 0x20
        #expect(throws: DecodingFailure.badEncoding) { try G1Affine(uncompressedRepresentation: withS) }
        #expect(try G1Affine(uncompressedRepresentation: G1Affine.identity.uncompressedRepresentation) == .identity)
        var badInf = G1Affine.identity.uncompressedRepresentation; badInf[95] = 1
        #expect(throws: DecodingFailure.nonCanonical) { try G1Affine(uncompressedRepresentation: badInf) }
        var offCurve = g1; offCurve[95] ^= 1
        #expect(throws: DecodingFailure.notOnCurve) { try G1Affine(uncompressedRepresentation: offCurve) }
        // compressed bytes given to the uncompressed decoder, and vice versa
        #expect(throws: DecodingFailure.badEncoding) { try G1Affine(uncompressedRepresentation: G1Affine.generator.compressedRepresentation) }

        let g2 = G2Affine.generator.uncompressedRepresentation
        #expect(try G2Affine(uncompressedRepresentation: g2) == .generator)
        var g2C = g2; g2C[0] |= 0x80
        #expect(throws: DecodingFailure.badEncoding) { try G2Affine(uncompressedRepresentation: g2C) }
        #expect(try G2Affine(uncompressedRepresentation: G2Affine.identity.uncompressedRepresentation) == .identity)
        var compressedNoFlag = G2Affine.generator.compressedRepresentation; compressedNoFlag[0] &= 0x7f
        #expect(throws: DecodingFailure.badEncoding) { try G2Affine(compressedRepresentation: compressedNoFlag) }
    }

    @Test func nonCanonicalCoordinatesAreRejected() {
        // x = p with the compression flag
        var p = (try! Hex.decode("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"))
        p[0] |= 0x80
        #expect(throws: DecodingFailure.nonCanonical) { try G1Affine(compressedRepresentation: p) }
        // G2 with the real part of x equal to p
        var g2 = G2Affine.generator.compressedRepresentation
        let pBytes = (try! Hex.decode("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"))
        for i in 0..<48 { g2[48 + i] = pBytes[i] }
        #expect(throws: DecodingFailure.nonCanonical) { try G2Affine(compressedRepresentation: g2) }
    }
}
