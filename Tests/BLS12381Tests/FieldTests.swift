import ArgusTestSupport
import Testing
@testable import BLS12381

/// The shared SplitMix64 generator, so property tests are reproducible from a printed seed.
typealias SeededRNG = SeededGenerator

extension Fp {
    static func random(_ rng: inout SeededRNG) -> Fp {
        var bytes = [UInt8](repeating: 0, count: 64)
        for i in 0..<64 { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        return Fp(reducingBigEndian64: bytes)
    }
}
extension Fp2 { static func random(_ rng: inout SeededRNG) -> Fp2 { Fp2(c0: .random(&rng), c1: .random(&rng)) } }
extension Fp6 { static func random(_ rng: inout SeededRNG) -> Fp6 { Fp6(c0: .random(&rng), c1: .random(&rng), c2: .random(&rng)) } }
extension Fp12 { static func random(_ rng: inout SeededRNG) -> Fp12 { Fp12(c0: .random(&rng), c1: .random(&rng)) } }

let propertySeed: UInt64 = 0x5eed_0000_0000_0001

@Suite struct FieldTests {
    @Test func fpBasics() {
        #expect(Fp(2) * Fp(3) == Fp(6))
        #expect(Fp(5) - Fp(7) == -Fp(2))
        #expect(Fp(7) * Fp(7).inverse() == .one)
        #expect(Fp(4).sqrt().map { $0 == Fp(2) || $0 == -Fp(2) } == true)
        let pMinus1 = -Fp.one
        #expect(Fp(bigEndianBytes: pMinus1.bigEndianBytes) == pMinus1)
        let pBytes = (try! Hex.decode("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"))
        #expect(Fp(bigEndianBytes: pBytes) == nil)
        #expect(Hex.encode(Fp(255).bigEndianBytes).hasSuffix("00ff"))
    }

    @Test func fpLaws() {
        var rng = SeededRNG(seed: propertySeed)
        for _ in 0..<200 {
            let a = Fp.random(&rng), b = Fp.random(&rng), c = Fp.random(&rng)
            #expect(a * (b + c) == a * b + a * c, "seed \(propertySeed)")
            #expect((a - b) + b == a, "seed \(propertySeed)")
            #expect(a * b == b * a, "seed \(propertySeed)")
        }
        for _ in 0..<10 {
            let a = Fp.random(&rng)
            #expect(a.isZero || a * a.inverse() == .one, "seed \(propertySeed)")
            let s = a.squared()
            #expect(s.sqrt().map { $0.squared() == s } == true, "seed \(propertySeed)")
            #expect(Fp(bigEndianBytes: a.bigEndianBytes) == a, "seed \(propertySeed)")
        }
    }

    @Test func fp2Laws() {
        var rng = SeededRNG(seed: propertySeed &+ 1)
        for _ in 0..<50 {
            let a = Fp2.random(&rng), b = Fp2.random(&rng), c = Fp2.random(&rng)
            #expect(a * (b + c) == a * b + a * c, "seed \(propertySeed &+ 1)")
            #expect(a.squared() == a * a, "seed \(propertySeed &+ 1)")
            #expect(a.mulByNonresidue() == a * Fp2(c0: .one, c1: .one))
        }
        for _ in 0..<5 {
            let a = Fp2.random(&rng)
            #expect(a * a.inverse() == .one)
            let s = a.squared()
            #expect(s.sqrt().map { $0.squared() == s } == true, "seed \(propertySeed &+ 1)")
            #expect(s.isSquare)
        }
    }

    @Test func fp6AndFp12Laws() {
        var rng = SeededRNG(seed: propertySeed &+ 2)
        for _ in 0..<10 {
            let a = Fp6.random(&rng), b = Fp6.random(&rng), c = Fp6.random(&rng)
            #expect(a * (b + c) == a * b + a * c)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse() == .one)
            #expect(a.mulBy01(b.c0, b.c1) == a * Fp6(c0: b.c0, c1: b.c1, c2: .zero))
            #expect(a.mulBy1(b.c1) == a * Fp6(c0: .zero, c1: b.c1, c2: .zero))
            #expect(a.mulByNonresidue() == a * Fp6(c0: .zero, c1: .one, c2: .zero))
            let x = Fp12.random(&rng), y = Fp12.random(&rng)
            #expect(x.squared() == x * x)
            #expect(x * x.inverse() == .one)
            #expect((x * y).frobenius() == x.frobenius() * y.frobenius())
            let l0 = Fp2.random(&rng), l1 = Fp2.random(&rng), l4 = Fp2.random(&rng)
            let line = Fp12(c0: Fp6(c0: l0, c1: l1, c2: .zero), c1: Fp6(c0: .zero, c1: l4, c2: .zero))
            #expect(x.mulBy014(l0, l1, l4) == x * line)
        }
        // Frobenius is the p-th power: check on a random element via twelve applications = identity.
        let x = Fp12.random(&rng)
        var f = x
        for _ in 0..<12 { f = f.frobenius() }
        #expect(f == x)
        var g = x
        for _ in 0..<6 { g = g.frobenius() }
        #expect(g == x.conjugate())
    }

    @Test func scalarBasics() {
        #expect(Scalar(3) * Scalar(5) == Scalar(15))
        let rMinus1 = (try! Hex.decode("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000"))
        #expect(Scalar(bigEndianBytes: rMinus1) == -Scalar.one)
        #expect(Scalar(bigEndianBytes: (try! Hex.decode("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"))) == nil)
        #expect(Scalar(bigEndianBytes: rMinus1)!.bigEndianBytes == rMinus1)
        // 2^256 mod r, from 33 bytes
        var big = [UInt8](repeating: 0, count: 33); big[0] = 1
        #expect(Scalar(reducingBigEndian: big) == Scalar(bigEndianBytes: (try! Hex.decode("1824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffffffe"))))
    }
}

@Suite struct LazyReductionTests {
    @Test func lazyFp2ProductMatchesSchoolbook() {
        let seed = propertySeed &+ 50
        var rng = SeededRNG(seed: seed)
        let pMinus1 = -Fp.one
        let extremes = [Fp2(c0: pMinus1, c1: pMinus1), Fp2(c0: .zero, c1: pMinus1), Fp2(c0: pMinus1, c1: .zero), .one, .zero]
        var samples = extremes
        for _ in 0..<200 { samples.append(.random(&rng)) }
        for (i, a) in samples.enumerated() {
            let b = samples[(i * 7 + 3) % samples.count]
            let expected = Fp2(c0: a.c0 * b.c0 - a.c1 * b.c1, c1: a.c0 * b.c1 + a.c1 * b.c0)
            #expect(Fp2.lazyProduct(a, b) == expected && a * b == expected, "seed \(seed) index \(i)")
        }
    }
}

@Suite struct VartimeInverseTests {
    @Test func matchesFermat() {
        let seed = propertySeed &+ 70
        var rng = SeededRNG(seed: seed)
        var samples: [Fp] = [.one, -Fp.one, Fp(2), .zero]
        for _ in 0..<100 { samples.append(.random(&rng)) }
        for a in samples {
            #expect(a.inverseVartime() == a.inverse(), "seed \(seed)")
        }
        let b = Fp2.random(&rng)
        #expect(b.inverseVartime() * b == .one)
    }
}
