import ArgusTestSupport
import BN254
import Testing

/// Seeded property tests: field and group laws, bilinearity, encoding round trips.
/// Set `ARGUS_TEST_SEED` to reproduce a failure; the seed is printed in every failure message.
@Suite struct PropertyTests {
    static func randomFp(_ g: inout SeededGenerator) -> Fp {
        while true {
            if let x = Fp(canonical: (g.next(), g.next(), g.next(), g.next() & 0x3fff_ffff_ffff_ffff)) { return x }
        }
    }
    static func randomFp2(_ g: inout SeededGenerator) -> Fp2 { Fp2(c0: randomFp(&g), c1: randomFp(&g)) }
    static func randomFp6(_ g: inout SeededGenerator) -> Fp6 {
        Fp6(c0: randomFp2(&g), c1: randomFp2(&g), c2: randomFp2(&g))
    }
    static func randomFp12(_ g: inout SeededGenerator) -> Fp12 { Fp12(c0: randomFp6(&g), c1: randomFp6(&g)) }

    @Test func fpLaws() {
        var g = SeededGenerator(seed: testSeed)
        for _ in 0..<200 {
            let a = Self.randomFp(&g), b = Self.randomFp(&g), c = Self.randomFp(&g)
            #expect(a * (b + c) == a * b + a * c, "seed \(testSeed)")
            #expect((a * b) * c == a * (b * c), "seed \(testSeed)")
            #expect(a - b + b == a, "seed \(testSeed)")
            #expect(a + (-a) == .zero, "seed \(testSeed)")
            #expect(a.halved().doubled() == a, "seed \(testSeed)")
            #expect(a.isZero || a * a.inverse() == .one, "seed \(testSeed)")
            #expect(Fp(canonical: a.canonical) == a, "seed \(testSeed)")
            #expect(Fp(decimal: a.decimal) == a, "seed \(testSeed)")
            #expect(Fp(bigEndian: a.bigEndianBytes) == a, "seed \(testSeed)")
            let s = a.squared()
            let root = s.sqrt()
            #expect(root == a || root == -a, "seed \(testSeed)")
        }
        #expect(Fp(decimal: "21888242871839275222246405745257275088696311157297823662689037894645226208583") == nil)
        #expect(Fp(decimal: "21888242871839275222246405745257275088696311157297823662689037894645226208582") == -Fp.one)
        #expect(Fp.reducing(bigEndian: [UInt8](repeating: 0xff, count: 32)).decimal
            == "6350874878119819312338956282401532409788428879151445726012394534686998597020")
    }

    @Test func towerLaws() {
        var g = SeededGenerator(seed: testSeed &+ 1)
        for _ in 0..<30 {
            let a = Self.randomFp2(&g), b = Self.randomFp2(&g), c = Self.randomFp2(&g)
            #expect(a * (b + c) == a * b + a * c, "seed \(testSeed)")
            #expect(a.squared() == a * a && a * a.inverse() == .one, "seed \(testSeed)")
            #expect(a.mulByXi() == a * Fp2.xi, "seed \(testSeed)")
            let x = Self.randomFp6(&g), y = Self.randomFp6(&g), z = Self.randomFp6(&g)
            #expect((x * y) * z == x * (y * z), "seed \(testSeed)")
            #expect(x.squared() == x * x && x * x.inverse() == .one, "seed \(testSeed)")
            #expect(x.mulBy01(a, b) == x * Fp6(c0: a, c1: b, c2: .zero), "seed \(testSeed)")
            let f = Self.randomFp12(&g), h = Self.randomFp12(&g), k = Self.randomFp12(&g)
            #expect((f * h) * k == f * (h * k), "seed \(testSeed)")
            #expect(f.squared() == f * f && f * f.inverse() == .one, "seed \(testSeed)")
            let line = Fp12(c0: Fp6(c0: a, c1: .zero, c2: .zero), c1: Fp6(c0: b, c1: c, c2: .zero))
            #expect(f.mulByLine(a, b, c) == f * line, "seed \(testSeed)")
            #expect(f.frobenius(1).frobenius(1) == f.frobenius(2), "seed \(testSeed)")
            #expect(f.frobenius(2).frobenius(1) == f.frobenius(3), "seed \(testSeed)")
            #expect(f.frobenius(3).frobenius(3).frobenius(3).frobenius(3) == f, "seed \(testSeed)")
            #expect((f * h).frobenius(1) == f.frobenius(1) * h.frobenius(1), "seed \(testSeed)")
            // Cyclotomic squaring agrees with squaring on f^((p⁶−1)(p²+1)).
            var t = f.conjugate() * f.inverse()
            t = t.frobenius(2) * t
            #expect(t.cyclotomicSquare() == t.squared(), "seed \(testSeed)")
            #expect(t.frobenius(3).frobenius(3) == t.conjugate(), "seed \(testSeed)")
        }
    }

    @Test func frobeniusIsPPower() {
        var g = SeededGenerator(seed: testSeed &+ 2)
        let f = Self.randomFp12(&g)
        // p as limbs
        let p: Limbs = (0x3c20_8c16_d87c_fd47, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
        var result: Fp12 = .one
        var i = 255
        while i >= 0 {
            result = result.squared()
            let limb: UInt64 = [p.0, p.1, p.2, p.3][i / 64]
            if (limb >> UInt64(i % 64)) & 1 == 1 { result = result * f }
            i -= 1
        }
        #expect(result == f.frobenius(1), "seed \(testSeed)")
    }

    @Test func groupLaws() throws {
        var g = SeededGenerator(seed: testSeed &+ 3)
        for _ in 0..<10 {
            let a = Scalar.random(using: &g), b = Scalar.random(using: &g)
            let p = G1Projective.generator * a
            let q = G1Projective.generator * b
            #expect(p + q == G1Projective.generator * (a + b), "seed \(testSeed)")
            #expect(p + p == p.doubled() && p - p == .identity, "seed \(testSeed)")
            #expect(p + .identity == p && (p + q) + p == p + (q + p), "seed \(testSeed)")
            #expect(p * b == G1Projective.generator * (a * b), "seed \(testSeed)")
            let pa = p.affine
            #expect(pa.isOnCurve, "seed \(testSeed)")
            #expect(try G1Affine(evmBytes: pa.evmBytes) == pa, "seed \(testSeed)")
            #expect(try G1Affine(mclString: pa.mclString) == pa, "seed \(testSeed)")
            let r = G2Projective.generator * a
            let s = G2Projective.generator * b
            #expect(r + s == G2Projective.generator * (a + b), "seed \(testSeed)")
            #expect(r + r == r.doubled() && r - r == .identity, "seed \(testSeed)")
            #expect(r.multipliedVariableTime(byInteger: b.canonical) == r * b, "seed \(testSeed)")
            let ra = r.affine
            #expect(ra.isOnCurve && ra.isInSubgroup, "seed \(testSeed)")
            #expect(try G2Affine(evmBytes: ra.evmBytes) == ra, "seed \(testSeed)")
            #expect(try G2Affine(mclString: ra.mclString) == ra, "seed \(testSeed)")
            #expect(try G2Affine(pubkeyG2X: ra.pubkeyG2X, pubkeyG2Y: ra.pubkeyG2Y) == ra, "seed \(testSeed)")
        }
        #expect((G1Projective.generator * (-Scalar.one)) == -G1Projective.generator)
        #expect(G2Projective.generator.multipliedVariableTime(byInteger: Scalar.modulus).isIdentity)
        #expect(G1Projective.generator.multiplied(byInteger: Scalar.modulus).isIdentity)
    }

    @Test func bilinearity() {
        var g = SeededGenerator(seed: testSeed &+ 4)
        let e = Pairing.pairing(.generator, .generator)
        #expect(!e.isIdentity)
        #expect(e.power(-Scalar.one) == e.inverse)
        for _ in 0..<3 {
            let a = Scalar.random(using: &g), b = Scalar.random(using: &g)
            let p = (G1Projective.generator * a).affine
            let q = (G2Projective.generator * b).affine
            let lhs = Pairing.pairing(p, q)
            #expect(lhs == e.power(a * b), "seed \(testSeed)")
            #expect(lhs == Pairing.pairing((G1Projective.generator * (a * b)).affine, .generator), "seed \(testSeed)")
            #expect(Pairing.productIsOne([(p, q), (-p, q)]), "seed \(testSeed)")
            #expect(!Pairing.productIsOne([(p, q), (p, q)]), "seed \(testSeed)")
        }
    }

    @Test func schemeRoundTrip() throws {
        var g = SeededGenerator(seed: testSeed &+ 5)
        for i in 0..<4 {
            let sk = PrivateKey(using: &g)
            #expect(try PrivateKey(hexString: sk.hexString) == sk)
            #expect(try PrivateKey(hexString: "0x" + sk.hexString) == sk)
            let message: [UInt8] = Array("message \(i) \(g.next())".utf8)
            let signature = sk.signature(for: message)
            #expect(sk.publicKey.isValidSignature(signature, for: message), "seed \(testSeed)")
            #expect(try Signature(mclString: signature.mclString) == signature)
            #expect(!sk.publicKey.isValidSignature(signature, for: message + [0x00]), "seed \(testSeed)")
        }
        #expect(throws: DecodingFailure.invalidSecretKey) { try PrivateKey(hexString: "0") }
        #expect(throws: DecodingFailure.invalidSecretKey) {
            try PrivateKey(hexString: "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001")
        }
        #expect(throws: DecodingFailure.badEncoding) { try PrivateKey(hexString: "xyz") }
        #expect(try PrivateKey(hexString: "0x1") == PrivateKey(decimal: "1"))
    }
}

@Suite struct PrivateKeyTests {
    @Test func hexIsZeroPaddedLowerCase() throws {
        let key = try PrivateKey(hexString: "0xAbC")
        #expect(key.hexString == String(repeating: "0", count: 61) + "abc")
        #expect("\(key)" == "PrivateKey(<redacted>)")
        var g = SeededGenerator(seed: testSeed &+ 9)
        for _ in 0..<20 {
            let k = PrivateKey(using: &g)
            #expect(try PrivateKey(hexString: k.hexString) == k)
            #expect(k.hexString.allSatisfy { "0123456789abcdef".contains($0) } && k.hexString.count == 64)
        }
    }
}

/// Strict decoders: every malformed, non-canonical, off-curve or non-subgroup input is refused
/// with the right ``DecodingFailure``.
@Suite struct DecodingTests {
    static let notInSubgroupMCL: String = {
        // the vector's twist point outside G2 (bn254-eigen.json, g2_key_not_in_subgroup)
        let file = try? loadVector(EigenFile.self, "bn254-eigen.json")
        return file?.negative_and_edge_cases.first { $0.name == "g2_key_not_in_subgroup" }?.pubkey_g2_mcl ?? ""
    }()

    @Test func evmG1() throws {
        #expect(throws: DecodingFailure.badEncoding) { try G1Affine(evmBytes: [UInt8](repeating: 0, count: 63)) }
        #expect(try G1Affine(evmBytes: [UInt8](repeating: 0, count: 64)) == .identity)
        var bad = G1Affine.generator.evmBytes
        bad[63] = 3
        #expect(throws: DecodingFailure.notOnCurve) { try G1Affine(evmBytes: bad) }
        let pBytes = hexBytes("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")
        #expect(throws: DecodingFailure.nonCanonical) { try G1Affine(evmBytes: pBytes + Fp(2).bigEndianBytes) }
        #expect(G1Affine.identity.evmBytes == [UInt8](repeating: 0, count: 64))
    }

    @Test func evmG2() throws {
        #expect(throws: DecodingFailure.badEncoding) { try G2Affine(evmBytes: [UInt8](repeating: 0, count: 127)) }
        #expect(try G2Affine(evmBytes: [UInt8](repeating: 0, count: 128)) == .identity)
        // The same non-subgroup point in EVM order (imaginary first).
        let c: [Fp] = Self.notInSubgroupMCL.split(separator: " ").dropFirst().compactMap { Fp(decimal: $0) }
        #expect(c.count == 4)
        if c.count == 4 {
            let bytes = c[1].bigEndianBytes + c[0].bigEndianBytes + c[3].bigEndianBytes + c[2].bigEndianBytes
            #expect(throws: DecodingFailure.notInSubgroup) { try G2Affine(evmBytes: bytes) }
        }
        // Swap the real and imaginary halves of x: off the twist.
        let good = G2Affine.generator.evmBytes
        let swapped = Array(good[32..<64]) + Array(good[0..<32]) + Array(good[64..<128])
        #expect(throws: DecodingFailure.notOnCurve) { try G2Affine(evmBytes: swapped) }
        #expect(try G2Affine(evmBytes: good) == .generator)
    }

    @Test func mclG2() throws {
        #expect(throws: DecodingFailure.notInSubgroup) { try G2Affine(mclString: Self.notInSubgroupMCL) }
        let g = G2Affine.generator.mclString
        #expect(try G2Affine(mclString: g) == .generator)
        #expect(try G2Affine(mclString: "0") == .identity)
        for bad in [g + " ", " " + g, g.replacingOccurrences(of: " ", with: "  "), "1 1 2", "2 " + g.dropFirst(2)] {
            #expect(throws: DecodingFailure.badEncoding) { try G2Affine(mclString: bad) }
        }
        #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(mclString: "0") }
        #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(pubkeyG2X: ["0", "0"], pubkeyG2Y: ["0", "0"]) }
        #expect(throws: DecodingFailure.badEncoding) { try PublicKey(pubkeyG2X: ["1"], pubkeyG2Y: ["0", "0"]) }
        #expect(throws: DecodingFailure.badEncoding) { try PublicKey(pubkeyG2X: ["1.0e76", "2"], pubkeyG2Y: ["0", "0"]) }
    }

    @Test func aggregationIdentity() throws {
        let key = try PrivateKey(decimal: "5")
        #expect(PublicKey.aggregate([PublicKey]()) == nil)
        #expect(key.publicKey.subtracting([key.publicKey]) == nil)
        let s = key.signature(for: [1, 2, 3])
        #expect(Signature.aggregate([s, try Signature(-s.point)]) == nil)
        #expect(PublicKey.aggregate([key.publicKey]) == key.publicKey)
    }
}
