// Fp2.swift — the quadratic extension 𝔽ₚ² = 𝔽ₚ[u]/(u² + 1).

import BLS12381Assembly

/// An element c0 + c1·u of 𝔽ₚ², u² = −1.
public struct Fp2: Sendable, Hashable {
    public var c0: Fp
    public var c1: Fp

    @inlinable @inline(__always)
    public init(c0: Fp, c1: Fp) { self.c0 = c0; self.c1 = c1 }

    public static let zero = Fp2(c0: .zero, c1: .zero)
    public static let one = Fp2(c0: .one, c1: .zero)

    @inlinable @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }
    @inlinable @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(c0: -a.c0, c1: -a.c1) }

    /// Karatsuba: (a0 + a1u)(b0 + b1u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)u,
    /// with lazy reduction (``lazyProduct(_:_:)`` in Fp+Wide.swift).
    @inlinable
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        guard argus_bls_fp_assembly_enabled() != 0 else { return lazyProduct(a, b) }
        return assemblyProduct(a, b)
    }

    @inlinable
    static func eagerProduct(_ a: Fp2, _ b: Fp2) -> Fp2 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let s = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2(c0: v0 - v1, c1: s - v0 - v1)
    }

    /// Multiplication by an 𝔽ₚ scalar.
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp) -> Fp2 { Fp2(c0: a.c0 * b, c1: a.c1 * b) }

    @inlinable
    public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    @inlinable
    public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    @inlinable
    public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    /// Complex squaring: (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u.
    @inlinable
    public func squared() -> Fp2 {
        guard argus_bls_fp_assembly_enabled() != 0 else { return portableSquare() }
        return assemblySquare()
    }

    /// The Swift path of `squared()`.
    @inlinable
    func portableSquare() -> Fp2 {
        let t = c0 * c1
        return Fp2(c0: (c0 + c1) * (c0 - c1), c1: t + t)
    }

    @inlinable @inline(__always)
    public func doubled() -> Fp2 { self + self }

    /// Multiplication by the sextic non-residue ξ = 1 + u: (a0 − a1) + (a0 + a1)u.
    @inlinable @inline(__always)
    public func mulByNonresidue() -> Fp2 { Fp2(c0: c0 - c1, c1: c0 + c1) }

    /// The conjugate a0 − a1u, which is also the p-power Frobenius.
    @inlinable @inline(__always)
    public func conjugate() -> Fp2 { Fp2(c0: c0, c1: -c1) }

    @inlinable
    public var isZero: Bool { c0.isZero && c1.isZero }

    @inlinable
    public static func == (a: Fp2, b: Fp2) -> Bool { (a.c0 == b.c0) && (a.c1 == b.c1) }

    @inlinable @inline(__always)
    public static func select(_ a: Fp2, _ b: Fp2, _ choice: UInt64) -> Fp2 {
        Fp2(c0: Fp.select(a.c0, b.c0, choice), c1: Fp.select(a.c1, b.c1, choice))
    }

    /// Norm a0² + a1² ∈ 𝔽ₚ.
    @inlinable
    public var norm: Fp { c0.squared() + c1.squared() }

    /// Inverse: conj(a) / norm(a). The inverse of 0 is 0. Constant time.
    public func inverse() -> Fp2 {
        let t = norm.inverse()
        return Fp2(c0: c0 * t, c1: -(c1 * t))
    }

    /// `self^e` for a public exponent given as little-endian limbs.
    public func pow(vartimeExponent e: [UInt64]) -> Fp2 {
        var res = Fp2.one
        for limb in e.reversed() {
            var i = 63
            while i >= 0 {
                res = res.squared()
                if (limb >> UInt64(i)) & 1 == 1 { res = res * self }
                i -= 1
            }
        }
        return res
    }

    /// True for 0 and the squares: a is a square in 𝔽ₚ² iff its norm is a square in 𝔽ₚ.
    public var isSquare: Bool { norm.isSquare }

    /// A square root, or nil if `self` is not a square. The "complex method" over 𝔽ₚ: with
    /// α = √(c0² + c1²) and δ = (c0 + α)/2, √self = x0 + x1·u where, for t = δ^((p−3)/4):
    /// if δ is a square, x0 = t·δ and x1 = c1·t/2 (t = 1/x0); otherwise −δ is a square, s = t·δ has
    /// s² = −δ and 1/s = −t, and x0 = −c1·t/2, x1 = s. Two 𝔽ₚ exponentiations, no inversion.
    /// Variable time (used on public data: decoding and hashing).
    public func sqrt() -> Fp2? {
        if c1.isZero {
            if let r = c0.sqrt() { return Fp2(c0: r, c1: .zero) }
            if let r = (-c0).sqrt() { return Fp2(c0: .zero, c1: r) }   // (r·u)² = −r²
            return nil
        }
        guard let alpha = norm.sqrt() else { return nil }
        return sqrt(normRoot: alpha)
    }

    /// The complex-method square root given α with α² = c0² + c1² (either sign), c1 ≠ 0.
    func sqrt(normRoot alpha: Fp) -> Fp2? {
        let half = Fp2.inverseOfTwo
        let delta = (c0 + alpha) * half
        let t = delta.pow(vartimeExponent: Fp.pMinus3Over4)
        let td = t * delta
        let candidate: Fp2
        if t * td == .one {
            candidate = Fp2(c0: td, c1: c1 * t * half)
        } else {
            candidate = Fp2(c0: -(c1 * t * half), c1: td)
        }
        return candidate.squared() == self ? candidate : nil
    }

    /// 1/2 in 𝔽ₚ.
    @usableFromInline static let inverseOfTwo = Fp(2).inverse()

    /// ZCash sign: c1 lexicographically largest, or c1 = 0 and c0 lexicographically largest.
    public var isLexicographicallyLargest: Bool {
        c1.isLexicographicallyLargest || (c1.isZero && c0.isLexicographicallyLargest)
    }

    /// `sgn0` of RFC 9380 §4.1 for m = 2.
    public var sgn0: Bool {
        let sign0 = c0.sgn0
        let zero0 = c0.isZero
        let sign1 = c1.sgn0
        return sign0 || (zero0 && sign1)
    }
}

extension Fp2: CustomStringConvertible {
    public var description: String { "(\(c0), \(c1))" }
}
