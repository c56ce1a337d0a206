/// An element `c0 + c1·w` of 𝔽ₚ¹² = 𝔽ₚ⁶[w]/(w² − v), the pairing's target field.
///
/// Over 𝔽ₚ² the same element is Σ aᵢ·wⁱ (i = 0…5, w⁶ = ξ) with
/// a0 = c0.c0, a1 = c1.c0, a2 = c0.c1, a3 = c1.c1, a4 = c0.c2, a5 = c1.c2 — the basis the
/// Frobenius maps and the sparse line products below are written in.
@frozen
public struct Fp12: Sendable, Hashable {
    public var c0: Fp6
    public var c1: Fp6

    @inlinable
    public init(c0: Fp6, c1: Fp6) {
        self.c0 = c0
        self.c1 = c1
    }

    public static let zero: Fp12 = Fp12(c0: .zero, c1: .zero)
    public static let one: Fp12 = Fp12(c0: .one, c1: .zero)

    @inlinable
    public var isOne: Bool { self == .one }

    @inlinable
    public static func + (a: Fp12, b: Fp12) -> Fp12 { Fp12(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }

    @inlinable
    public static func - (a: Fp12, b: Fp12) -> Fp12 { Fp12(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }

    /// Karatsuba over 𝔽ₚ⁶: 3 𝔽ₚ⁶ products.
    @inlinable
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let aa: Fp6 = a.c0 * b.c0
        let bb: Fp6 = a.c1 * b.c1
        let c1: Fp6 = (a.c0 + a.c1) * (b.c0 + b.c1) - aa - bb
        return Fp12(c0: aa + bb.mulByV(), c1: c1)
    }

    @inlinable
    public static func *= (a: inout Fp12, b: Fp12) { a = a * b }

    /// Complex squaring: c0' = (c0 + c1)(c0 + v·c1) − c0c1 − v·c0c1, c1' = 2c0c1.
    @inlinable
    public func squared() -> Fp12 {
        let ab: Fp6 = c0 * c1
        let t: Fp6 = (c0 + c1) * (c0 + c1.mulByV()) - ab - ab.mulByV()
        return Fp12(c0: t, c1: ab.doubled())
    }

    /// c0 − c1·w, the p⁶-power Frobenius; the inverse for elements of norm 1 (the cyclotomic
    /// subgroup, which holds every pairing value after the easy part of the final exponentiation).
    @inlinable
    public func conjugate() -> Fp12 { Fp12(c0: c0, c1: -c1) }

    /// (c0 − c1w)/(c0² − v·c1²); zero maps to zero.
    @inlinable
    public func inverse() -> Fp12 {
        let t: Fp6 = (c0.squared() - c1.squared().mulByV()).inverse()
        return Fp12(c0: c0 * t, c1: -(c1 * t))
    }

    /// Multiplication by a sparse line value `a + b·w + c·v·w` (𝔽ₚ² coefficients at w⁰, w¹,
    /// w³), the shape of every Miller-loop line on the D-type twist: 13 𝔽ₚ² products instead of 18.
    @inlinable
    public func mulByLine(_ a: Fp2, _ b: Fp2, _ c: Fp2) -> Fp12 {
        // l = l0 + l1·w with l0 = a (in 𝔽ₚ²) and l1 = b + c·v.
        let t0: Fp6 = c0.scaled(by: a)
        let t1: Fp6 = c1.mulBy01(b, c)
        let mixed: Fp6 = (c0 + c1).mulBy01(a + b, c)
        return Fp12(c0: t0 + t1.mulByV(), c1: mixed - t0 - t1)
    }

    /// The p^k-power Frobenius for k = 1, 2, 3: aᵢwⁱ ↦ σᵏ(aᵢ)·γₖ,ᵢ·wⁱ, where σ is 𝔽ₚ²
    /// conjugation and γₖ,ᵢ = ξ^(i(pᵏ − 1)/6).
    @inlinable
    public func frobenius(_ k: Int) -> Fp12 {
        switch k {
        case 1:
            return Fp12(
                c0: Fp6(
                    c0: c0.c0.conjugate(), c1: c0.c1.conjugate() * Fp12.gamma12,
                    c2: c0.c2.conjugate() * Fp12.gamma14),
                c1: Fp6(
                    c0: c1.c0.conjugate() * Fp12.gamma11, c1: c1.c1.conjugate() * Fp12.gamma13,
                    c2: c1.c2.conjugate() * Fp12.gamma15))
        case 2:
            return Fp12(
                c0: Fp6(
                    c0: c0.c0, c1: c0.c1.scaled(by: Fp12.gamma22.c0),
                    c2: c0.c2.scaled(by: Fp12.gamma24.c0)),
                c1: Fp6(
                    c0: c1.c0.scaled(by: Fp12.gamma21.c0), c1: c1.c1.scaled(by: Fp12.gamma23.c0),
                    c2: c1.c2.scaled(by: Fp12.gamma25.c0)))
        case 3:
            return Fp12(
                c0: Fp6(
                    c0: c0.c0.conjugate(), c1: c0.c1.conjugate() * Fp12.gamma32,
                    c2: c0.c2.conjugate() * Fp12.gamma34),
                c1: Fp6(
                    c0: c1.c0.conjugate() * Fp12.gamma31, c1: c1.c1.conjugate() * Fp12.gamma33,
                    c2: c1.c2.conjugate() * Fp12.gamma35))
        default:
            var result: Fp12 = self
            for _ in 0..<k { result = result.frobenius(1) }
            return result
        }
    }

    // MARK: Frobenius constants

    /// γ1,1 = ξ^(1·(p^1 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma11: Fp2 = Fp2(
        c0: Fp(montgomery: (0xaf9b_a696_3314_4907, 0xca6b_1d73_87af_b78a, 0x11bd_ed5e_f08a_2087, 0x02f3_4d75_1a1f_3a7c)),
        c1: Fp(montgomery: (0xa222_ae23_4c49_2d72, 0xd00f_02a4_565d_e15b, 0xdc2f_f3a2_53df_c926, 0x10a7_5716_b389_9551)))
    /// γ1,2 = ξ^(2·(p^1 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma12: Fp2 = Fp2(
        c0: Fp(montgomery: (0xb577_3b10_4563_ab30, 0x347f_91c8_a9aa_6454, 0x7a00_7127_242e_0991, 0x1956_bcd8_1182_14ec)),
        c1: Fp(montgomery: (0x6e84_9f1e_a0aa_4757, 0xaa1c_7b6d_89f8_9141, 0xb6e7_13cd_fae0_ca3a, 0x2669_4fbb_4e82_ebc3)))
    /// γ1,3 = ξ^(3·(p^1 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma13: Fp2 = Fp2(
        c0: Fp(montgomery: (0xe4bb_dd0c_2936_b629, 0xbb30_f162_e133_bacb, 0x31a9_d1b6_f964_5366, 0x2535_70be_a500_f8dd)),
        c1: Fp(montgomery: (0xa1d7_7ce4_5ffe_77c7, 0x07af_fd11_7826_d1db, 0x6d16_bd27_bb7e_dc6b, 0x2c87_2002_85de_fecc)))
    /// γ1,4 = ξ^(4·(p^1 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma14: Fp2 = Fp2(
        c0: Fp(montgomery: (0x7361_d77f_843a_be92, 0xa5bb_2bd3_2734_11fb, 0x9c94_1f31_4b3e_2399, 0x15df_9cdd_bb9f_d3ec)),
        c1: Fp(montgomery: (0x5ddd_fd15_4bd8_c949, 0x62cb_29a5_a444_5b60, 0x37bc_870a_0c7d_d2b9, 0x2483_0a9d_3171_f0fd)))
    /// γ1,5 = ξ^(5·(p^1 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma15: Fp2 = Fp2(
        c0: Fp(montgomery: (0xc970_692f_4169_0fe7, 0xe240_3421_2769_4b0b, 0x32be_e66b_83c4_59e8, 0x12aa_bced_0ab0_8841)),
        c1: Fp(montgomery: (0x0d48_5d23_40ae_bfa9, 0x0519_3418_ab2f_cc57, 0xd3b0_a40b_8a49_10f5, 0x2f21_ebb5_35d2_925a)))
    /// γ2,1 = ξ^(1·(p^2 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma21: Fp2 = Fp2(
        c0: Fp(montgomery: (0xca8d_8005_00fa_1bf2, 0xf0c5_d614_68b3_9769, 0x0e20_1271_ad0d_4418, 0x0429_0f65_bad8_56e6)),
        c1: Fp(montgomery: (0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000)))
    /// γ2,2 = ξ^(2·(p^2 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma22: Fp2 = Fp2(
        c0: Fp(montgomery: (0x3350_c88e_13e8_0b9c, 0x7dce_557c_db5e_56b9, 0x6001_b4b8_b615_564a, 0x2682_e617_0202_17e0)),
        c1: Fp(montgomery: (0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000)))
    /// γ2,3 = ξ^(3·(p^2 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma23: Fp2 = Fp2(
        c0: Fp(montgomery: (0x68c3_4889_12ed_efaa, 0x8d08_7f68_72aa_bf4f, 0x51e1_a247_0908_1231, 0x2259_d6b1_4729_c0fa)),
        c1: Fp(montgomery: (0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000)))
    /// γ2,4 = ξ^(4·(p^2 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma24: Fp2 = Fp2(
        c0: Fp(montgomery: (0x7193_0c11_d782_e155, 0xa6bb_947c_ffbe_3323, 0xaa30_3344_d474_1444, 0x2c3b_3f0d_2659_4943)),
        c1: Fp(montgomery: (0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000)))
    /// γ2,5 = ξ^(5·(p^2 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma25: Fp2 = Fp2(
        c0: Fp(montgomery: (0x08cf_c388_c494_f1ab, 0x19b3_1514_8d13_73d4, 0x584e_90fd_cb6c_0213, 0x09e1_685b_df2f_8849)),
        c1: Fp(montgomery: (0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000, 0x0000_0000_0000_0000)))
    /// γ3,1 = ξ^(1·(p^3 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma31: Fp2 = Fp2(
        c0: Fp(montgomery: (0x3653_1618_4e46_d97d, 0x0af7_129e_d4c9_6d9f, 0x659d_a72f_ca10_09b5, 0x0811_6d89_83a2_0d23)),
        c1: Fp(montgomery: (0xb1df_4af7_c39c_1939, 0x3d9f_0287_8a73_bf7f, 0x9b22_2092_8caf_0ae0, 0x2668_4515_eff0_54a6)))
    /// γ3,2 = ξ^(2·(p^3 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma32: Fp2 = Fp2(
        c0: Fp(montgomery: (0xc9af_22f7_16ad_6bad, 0xb311_782a_4aa6_62b2, 0x19ee_af64_e248_c7f4, 0x2027_3e77_e343_9f82)),
        c1: Fp(montgomery: (0xacc0_2860_f7ce_93ac, 0x3933_d581_7ba7_6b4c, 0x69e6_188b_446c_8467, 0x0a46_036d_4417_cc55)))
    /// γ3,3 = ξ^(3·(p^3 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma33: Fp2 = Fp2(
        c0: Fp(montgomery: (0x5764_af0a_af46_471e, 0xdc50_792e_873e_0fc1, 0x86a6_73ff_881d_04f6, 0x0b2e_ddb4_3c30_a74c)),
        c1: Fp(montgomery: (0x9a49_0f32_787e_8580, 0x8fd1_6d7f_f04a_f8b1, 0x4b39_888e_c602_7bf2, 0x03dd_2e70_5b52_a15d)))
    /// γ3,4 = ξ^(4·(p^3 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma34: Fp2 = Fp2(
        c0: Fp(montgomery: (0x448a_93a5_7b67_62df, 0xbfd6_2df5_28fd_eadf, 0xd858_f5d0_0e9b_d47a, 0x06b0_3d4d_3476_ec58)),
        c1: Fp(montgomery: (0x2b19_daf4_bcc9_36d1, 0xa1a5_4e7a_56f4_299f, 0xb533_eee0_5ade_aef1, 0x170c_812b_84dd_a0b2)))
    /// γ3,5 = ξ^(5·(p^3 − 1)/6) (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline static let gamma35: Fp2 = Fp2(
        c0: Fp(montgomery: (0xe0bc_4b22_75cf_559f, 0xc238_b945_c154_e60f, 0x8039_82a5_929a_7d5e, 0x15ce_052d_f7e4_a37e)),
        c1: Fp(montgomery: (0x2d28_efbd_bf37_99a7, 0x9b09_7e3c_1ad6_0773, 0x982d_4113_af4a_535b, 0x24e1_8991_e305_6063)))
}
