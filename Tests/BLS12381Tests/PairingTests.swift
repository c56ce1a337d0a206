import ArgusTestSupport
import Testing
@testable import BLS12381

@Suite struct PairingTests {
    @Test func stepFormulasMatchGroupLaw() {
        var rng = SeededRNG(seed: propertySeed &+ 20)
        let q = G2Projective.generator * Scalar.random(&rng)
        var t = q
        _ = Pairing.doublingStep(&t)
        #expect(t == q.doubled())
        let r = G2Affine(G2Projective.generator * Scalar.random(&rng))
        var u = q
        _ = Pairing.additionStep(&u, r)
        #expect(u == q + G2Projective(r))
    }

    @Test func bilinearity() {
        let seed = propertySeed &+ 21
        var rng = SeededRNG(seed: seed)
        let a = Scalar.random(&rng), b = Scalar.random(&rng)
        let p = G1Affine.generator, q = G2Affine.generator
        let e = Pairing.pairing(p, q)
        #expect(!e.isIdentity)
        let eab = Pairing.pairing(G1Affine(G1Projective(p) * a), G2Affine(G2Projective(q) * b))
        #expect(eab == e.pow(vartimeScalar: a * b), "seed \(seed)")
        #expect(e.pow(vartimeScalar: -Scalar.one) * e == .identity)
        // e(aP, Q) · e(−P, aQ) = 1
        #expect(Pairing.isProductOne([(G1Affine(G1Projective(p) * a), q), (-p, G2Affine(G2Projective(q) * a))]), "seed \(seed)")
        #expect(!Pairing.isProductOne([(G1Affine(G1Projective(p) * a), q), (-p, G2Affine(G2Projective(q) * b))]), "seed \(seed)")
    }
}

@Suite struct FinalExponentiationTests {
    @Test func cyclotomicSquaringMatchesSquaring() {
        var rng = SeededRNG(seed: propertySeed &+ 30)
        for _ in 0..<3 {
            let x = Fp12.random(&rng)
            var f = x.conjugate() * x.inverse()
            f = f.frobenius().frobenius() * f
            #expect(f.cyclotomicSquared() == f.squared(), "seed \(propertySeed &+ 30)")
        }
    }

    @Test func fp2SqrtOfNonSquaresAndRealElements() {
        var rng = SeededRNG(seed: propertySeed &+ 31)
        for _ in 0..<20 {
            let a = Fp2.random(&rng)
            if let r = a.sqrt() { #expect(r.squared() == a) } else { #expect(!a.isSquare) }
            let real = Fp2(c0: a.c0, c1: .zero)
            #expect(real.sqrt().map { $0.squared() == real } == true)  // every 𝔽ₚ element is a square in 𝔽ₚ²
        }
    }
}

@Suite struct ExactFinalExponentiationTests {
    @Test func exactIsCubeRootOfCheapVariant() {
        var rng = SeededRNG(seed: propertySeed &+ 100)
        let f = Pairing.millerLoop([(G1Affine(G1Projective.generator * Scalar.random(&rng)), G2Affine.generator)])
        let exact = f.finalExponentiation()
        #expect(exact * exact * exact == f.finalExponentiationCubed())
        // in Gt: exact^r = 1
        #expect(Gt(exact).pow(vartimeScalar: -Scalar.one) * Gt(exact) == .identity)
    }
}
