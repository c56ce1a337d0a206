// Fp12.swift — the quadratic extension 𝔽ₚ¹² = 𝔽ₚ⁶[w]/(w² − v), the pairing target field.

/// An element c0 + c1·w of 𝔽ₚ¹², w² = v (so w⁶ = ξ = 1 + u).
public struct Fp12: Sendable, Hashable {
    public var c0: Fp6
    public var c1: Fp6

    @inlinable @inline(__always)
    public init(c0: Fp6, c1: Fp6) { self.c0 = c0; self.c1 = c1 }

    public static let zero = Fp12(c0: .zero, c1: .zero)
    public static let one = Fp12(c0: .one, c1: .zero)

    /// ξ^((p−1)/6): w^p = w·ξ^((p−1)/6) (value derived by scripts/bls12381/derive_constants.py).
    @usableFromInline static let frobeniusW = Fp2(
        c0: Fp(0x0708_9552_b319_d465, 0xc669_5f92_b50a_8313, 0x97e8_3ccc_d117_228f,
               0xa35b_aeca_b2dc_29ee, 0x1ce3_93ea_5daa_ce4d, 0x08f2_220f_b0fb_66eb),
        c1: Fp(0xb2f6_6aad_4ce5_d646, 0x5842_a06b_fc49_7cec, 0xcf48_95d4_2599_d394,
               0xc11b_9cba_40a8_e8d0, 0x2e38_13cb_e5a0_de89, 0x110e_efda_8884_7faf))

    @inlinable @inline(__always)
    public static func + (a: Fp12, b: Fp12) -> Fp12 { Fp12(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }
    @inlinable @inline(__always)
    public static func - (a: Fp12, b: Fp12) -> Fp12 { Fp12(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp12) -> Fp12 { Fp12(c0: -a.c0, c1: -a.c1) }

    /// Karatsuba: (a0 + a1w)(b0 + b1w) = (a0b0 + a1b1·v) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)w.
    @inlinable
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let s = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp12(c0: v0 + v1.mulByNonresidue(), c1: s - v0 - v1)
    }

    @inlinable
    public static func *= (a: inout Fp12, b: Fp12) { a = a * b }

    /// Complex squaring: (a0 + a1w)² = (a0 + a1)(a0 + v·a1) − a0a1 − v·a0a1 + 2a0a1·w.
    @inlinable
    public func squared() -> Fp12 {
        let ab = c0 * c1
        let t = (c0 + c1) * (c0 + c1.mulByNonresidue()) - ab - ab.mulByNonresidue()
        return Fp12(c0: t, c1: ab + ab)
    }

    /// Sparse product by a line ℓ = (l0 + l1·v) + (l4·v)·w (coefficients 0, 1 and 4 of the 𝔽ₚ² basis).
    @inlinable
    public func mulBy014(_ l0: Fp2, _ l1: Fp2, _ l4: Fp2) -> Fp12 {
        let aa = c0.mulBy01(l0, l1)
        let bb = c1.mulBy1(l4)
        let s = (c0 + c1).mulBy01(l0, l1 + l4)
        return Fp12(c0: aa + bb.mulByNonresidue(), c1: s - aa - bb)
    }

    /// The conjugate a0 − a1w = self^(p⁶); the inverse on the cyclotomic subgroup.
    @inlinable @inline(__always)
    public func conjugate() -> Fp12 { Fp12(c0: c0, c1: -c1) }

    /// The p-power Frobenius.
    @inlinable
    public func frobenius() -> Fp12 {
        let a = c0.frobenius()
        let b = c1.frobenius()
        let w = Fp12.frobeniusW
        return Fp12(c0: a, c1: Fp6(c0: b.c0 * w, c1: b.c1 * w, c2: b.c2 * w))
    }

    /// Inverse: (a0 − a1w) / (a0² − v·a1²). The inverse of 0 is 0.
    public func inverse() -> Fp12 {
        let t = (c0.squared() - c1.squared().mulByNonresidue()).inverse()
        return Fp12(c0: c0 * t, c1: -(c1 * t))
    }

    /// ``inverse()`` in variable time (public values only, e.g. in the final exponentiation).
    public func inverseVartime() -> Fp12 {
        let t = (c0.squared() - c1.squared().mulByNonresidue()).inverseVartime()
        return Fp12(c0: c0 * t, c1: -(c1 * t))
    }

    public var isOne: Bool { self == .one }

    @inlinable @inline(__always)
    public static func select(_ a: Fp12, _ b: Fp12, _ choice: UInt64) -> Fp12 {
        Fp12(c0: .select(a.c0, b.c0, choice), c1: .select(a.c1, b.c1, choice))
    }
}
