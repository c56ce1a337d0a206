// Fp6.swift — the cubic extension 𝔽ₚ⁶ = 𝔽ₚ²[v]/(v³ − ξ), ξ = 1 + u.

import BLS12381Assembly

/// An element c0 + c1·v + c2·v² of 𝔽ₚ⁶, v³ = ξ = 1 + u.
public struct Fp6: Sendable, Hashable {
    public var c0: Fp2
    public var c1: Fp2
    public var c2: Fp2

    @inlinable @inline(__always)
    public init(c0: Fp2, c1: Fp2, c2: Fp2) { self.c0 = c0; self.c1 = c1; self.c2 = c2 }

    public static let zero = Fp6(c0: .zero, c1: .zero, c2: .zero)
    public static let one = Fp6(c0: .one, c1: .zero, c2: .zero)

    /// γ₁ = ξ^((p−1)/3) = 0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaac·u.
    @usableFromInline static let frobeniusC1 = Fp2(
        c0: .zero,
        c1: Fp(0xcd03_c9e4_8671_f071, 0x5dab_2246_1fcd_a5d2, 0x5870_42af_d385_1b95,
               0x8eb6_0ebe_01ba_cb9e, 0x03f9_7d6e_83d0_50d2, 0x18f0_2065_5463_8741))
    /// γ₂ = ξ^(2(p−1)/3) = 0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaad.
    @usableFromInline static let frobeniusC2 = Fp2(
        c0: Fp(0x890d_c9e4_8675_45c3, 0x2af3_2253_3285_a5d5, 0x5088_0866_309b_7e2c,
               0xa20d_1b8c_7e88_1024, 0x14e4_f04f_e2db_9068, 0x14e5_6d3f_1564_853a),
        c1: .zero)

    @inlinable @inline(__always)
    public static func + (a: Fp6, b: Fp6) -> Fp6 { Fp6(c0: a.c0 + b.c0, c1: a.c1 + b.c1, c2: a.c2 + b.c2) }
    @inlinable @inline(__always)
    public static func - (a: Fp6, b: Fp6) -> Fp6 { Fp6(c0: a.c0 - b.c0, c1: a.c1 - b.c1, c2: a.c2 - b.c2) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp6) -> Fp6 { Fp6(c0: -a.c0, c1: -a.c1, c2: -a.c2) }

    /// Karatsuba-style product, Devegili–Ó hÉigeartaigh–Scott–Dahab 2006, §4 (in C over the
    /// assembly where it runs: AssemblyDispatch.swift).
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        guard argus_bls_fp_assembly_enabled() != 0 else { return portableProduct(a, b) }
        return assemblyProduct(a, b)
    }

    /// The Swift path of `*`.
    @inlinable
    static func portableProduct(_ a: Fp6, _ b: Fp6) -> Fp6 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let v2 = a.c2 * b.c2
        let t0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mulByNonresidue() + v0
        let t1 = (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mulByNonresidue()
        let t2 = (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1
        return Fp6(c0: t0, c1: t1, c2: t2)
    }

    /// Squaring CH-SQR2 (Chung–Hasan), as in Devegili et al. 2006.
    @inlinable
    public func squared() -> Fp6 {
        let s0 = c0.squared()
        let ab = c0 * c1
        let s1 = ab + ab
        let s2 = (c0 - c1 + c2).squared()
        let bc = c1 * c2
        let s3 = bc + bc
        let s4 = c2.squared()
        return Fp6(c0: s3.mulByNonresidue() + s0,
                   c1: s4.mulByNonresidue() + s1,
                   c2: s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by v: (c0 + c1v + c2v²)·v = ξc2 + c0v + c1v².
    @inlinable @inline(__always)
    public func mulByNonresidue() -> Fp6 { Fp6(c0: c2.mulByNonresidue(), c1: c0, c2: c1) }

    /// Sparse product by b0 + b1·v.
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        guard argus_bls_fp_assembly_enabled() != 0 else { return portableMulBy01(b0, b1) }
        return assemblyMulBy01(b0, b1)
    }

    /// The Swift path of `mulBy01`.
    @inlinable
    func portableMulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let v0 = c0 * b0
        let v1 = c1 * b1
        let t0 = ((c1 + c2) * b1 - v1).mulByNonresidue() + v0
        let t1 = (c0 + c1) * (b0 + b1) - v0 - v1
        let t2 = c2 * b0 + v1
        return Fp6(c0: t0, c1: t1, c2: t2)
    }

    /// Sparse product by b1·v.
    @inlinable
    public func mulBy1(_ b1: Fp2) -> Fp6 {
        Fp6(c0: (c2 * b1).mulByNonresidue(), c1: c0 * b1, c2: c1 * b1)
    }

    /// The p-power Frobenius.
    @inlinable
    public func frobenius() -> Fp6 {
        Fp6(c0: c0.conjugate(), c1: c1.conjugate() * Fp6.frobeniusC1, c2: c2.conjugate() * Fp6.frobeniusC2)
    }

    public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    @inlinable @inline(__always)
    public static func select(_ a: Fp6, _ b: Fp6, _ choice: UInt64) -> Fp6 {
        Fp6(c0: .select(a.c0, b.c0, choice), c1: .select(a.c1, b.c1, choice), c2: .select(a.c2, b.c2, choice))
    }

    /// Inverse via the norm to 𝔽ₚ² (standard cubic-extension formula). The inverse of 0 is 0.
    public func inverse() -> Fp6 { inverse(vartime: false) }

    /// ``inverse()`` with the final 𝔽ₚ inversion in variable time (public values only).
    public func inverseVartime() -> Fp6 { inverse(vartime: true) }

    func inverse(vartime: Bool) -> Fp6 {
        let t0 = c0.squared() - (c1 * c2).mulByNonresidue()
        let t1 = c2.squared().mulByNonresidue() - c0 * c1
        let t2 = c1.squared() - c0 * c2
        let n = c0 * t0 + (c2 * t1 + c1 * t2).mulByNonresidue()
        let ni = vartime ? n.inverseVartime() : n.inverse()
        return Fp6(c0: t0 * ni, c1: t1 * ni, c2: t2 * ni)
    }
}
