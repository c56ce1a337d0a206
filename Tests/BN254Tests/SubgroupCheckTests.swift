@testable import BN254
import ArgusTestSupport
import Testing

/// The fast endomorphism subgroup test agrees with the definition r·Q = O, on subgroup points and
/// on seeded random twist points outside the subgroup (some with the cofactor part cleared).
@Suite struct SubgroupCheckTests {
    /// h = 2p − r, the cofactor of G2 in E′(𝔽ₚ²).
    static let cofactor: Limbs = (
        0x345f_2299_c0f9_fa8d, 0x06ce_ecda_572a_2489, 0xb850_45b6_8181_585e, 0x3064_4e72_e131_a029
    )

    @Test func endomorphismTestMatchesOrderTest() throws {
        let c: [Fp] = DecodingTests.notInSubgroupMCL.split(separator: " ").dropFirst().compactMap { Fp(decimal: $0) }
        try #require(c.count == 4)
        // The vector's twist point outside G2 (internal unchecked initializer).
        let p0: G2Affine = G2Affine(uncheckedX: Fp2(c0: c[0], c1: c[1]), y: Fp2(c0: c[2], c1: c[3]))
        #expect(p0.isOnCurve && !p0.isInSubgroup && !p0.isInSubgroupByOrder)
        #expect(G2Projective(p0).multipliedVariableTime(byInteger: Self.cofactor).affine.isInSubgroupByOrder)
        var g = SeededGenerator(seed: testSeed &+ 11)
        var outside: Int = 0
        for i in 0..<12 {
            let k: Scalar = Scalar.random(using: &g)
            var point: G2Projective = G2Projective(p0).multipliedVariableTime(byInteger: k.canonical) + G2Projective.generator * k
            if i % 4 == 3 { point = point.multipliedVariableTime(byInteger: Self.cofactor) }
            let affine: G2Affine = point.affine
            #expect(affine.isOnCurve, "seed \(testSeed)")
            #expect(affine.isInSubgroup == affine.isInSubgroupByOrder, "seed \(testSeed), i \(i)")
            if !affine.isInSubgroupByOrder { outside += 1 }
            let inside: G2Affine = (G2Projective.generator * k).affine
            #expect(inside.isInSubgroup && inside.isInSubgroupByOrder, "seed \(testSeed)")
        }
        #expect(outside == 9, "seed \(testSeed)")
        #expect(G2Affine.identity.isInSubgroup && G2Affine.generator.isInSubgroup)
    }

    /// ψ acts on G2 as multiplication by p (mod r).
    @Test func psiIsMultiplicationByP() {
        var g = SeededGenerator(seed: testSeed &+ 12)
        let q: G2Projective = G2Projective.generator * Scalar.random(using: &g)
        let pLimbs: Limbs = Fp.modulus
        #expect(q.psi() == q.multipliedVariableTime(byInteger: pLimbs), "seed \(testSeed)")
    }
}
