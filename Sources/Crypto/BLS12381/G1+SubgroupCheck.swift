// G1+SubgroupCheck.swift — the GLV endomorphism σ and the fast G1 membership test.

extension G1Projective {
    /// β, a primitive cube root of unity in 𝔽ₚ:
    /// 0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe,
    /// chosen (scripts/bls12381/derive_constants.py) so that σ(P) = [−x²]P on G1.
    @usableFromInline static let beta = Fp(
        0x30f1_361b_798a_64e8, 0xf3b8_ddab_7ece_5a2a, 0x16a8_ca3a_c615_77f7,
        0xc26a_2ff8_74fd_029b, 0x3636_b766_6070_1c6e, 0x051b_a4ab_241b_6160)

    /// σ(x, y) = (βx, y).
    public func endomorphism() -> G1Projective { G1Projective(x: x * G1Projective.beta, y: y, z: z) }

    /// Membership in the order-r subgroup: σ(P) = [−x²]P (Scott, eprint 2021/1130 §6; proof in
    /// eprint 2022/352). Public inputs only (variable time).
    public var isTorsionFree: Bool {
        let xxP = multipliedByX().multipliedByX()
        return endomorphism() == -xxP
    }
}

extension G1Affine {
    public var isTorsionFree: Bool { G1Projective(self).isTorsionFree }
}
