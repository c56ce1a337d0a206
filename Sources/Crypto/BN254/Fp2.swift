/// An element `c0 + c1·u` of 𝔽ₚ² = 𝔽ₚ[u]/(u² + 1).
///
/// `c0` is the real and `c1` the imaginary coefficient — the order py_ecc's `FQ2([real, imag])`
/// and mcl use in memory. (The EVM and eigensdk's `pubkeyG2_X/Y` lists put the imaginary part
/// first; see `G2+EVMEncoding.swift` and `G2+MCLEncoding.swift`.)
@frozen
public struct Fp2: Sendable, Hashable {
    public var c0: Fp
    public var c1: Fp

    @inlinable
    public init(c0: Fp, c1: Fp) {
        self.c0 = c0
        self.c1 = c1
    }

    public static let zero: Fp2 = Fp2(c0: .zero, c1: .zero)
    public static let one: Fp2 = Fp2(c0: .one, c1: .zero)

    /// ξ = 9 + u, the non-residue defining 𝔽ₚ⁶ = 𝔽ₚ²[v]/(v³ − ξ) and the twist b′ = 3/ξ.
    public static let xi: Fp2 = Fp2(c0: Fp(9), c1: .one)

    @inlinable
    public var isZero: Bool { c0.isZero && c1.isZero }

    @inlinable
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }

    @inlinable
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }

    @inlinable
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(c0: -a.c0, c1: -a.c1) }

    /// Karatsuba: (a0 + a1u)(b0 + b1u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)u.
    @inlinable
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        let v0: Fp = a.c0 * b.c0
        let v1: Fp = a.c1 * b.c1
        let s: Fp = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2(c0: v0 - v1, c1: s - v0 - v1)
    }

    @inlinable
    public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    @inlinable
    public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    @inlinable
    public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    /// Complex squaring: (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u.
    @inlinable
    public func squared() -> Fp2 {
        let t: Fp = c0 * c1
        return Fp2(c0: (c0 + c1) * (c0 - c1), c1: t + t)
    }

    @inlinable
    public func doubled() -> Fp2 { Fp2(c0: c0.doubled(), c1: c1.doubled()) }

    @inlinable
    public func halved() -> Fp2 { Fp2(c0: c0.halved(), c1: c1.halved()) }

    /// Multiplication by an 𝔽ₚ scalar.
    @inlinable
    public func scaled(by s: Fp) -> Fp2 { Fp2(c0: c0 * s, c1: c1 * s) }

    /// Multiplication by ξ = 9 + u: (9a0 − a1) + (a0 + 9a1)u, using additions only.
    @inlinable
    public func mulByXi() -> Fp2 {
        let a8: Fp = c0.doubled().doubled().doubled()
        let b8: Fp = c1.doubled().doubled().doubled()
        return Fp2(c0: a8 + c0 - c1, c1: c0 + b8 + c1)
    }

    /// Complex conjugate a0 − a1u, which is also the p-power Frobenius map.
    @inlinable
    public func conjugate() -> Fp2 { Fp2(c0: c0, c1: -c1) }

    /// (a0 − a1u)/(a0² + a1²); zero maps to zero.
    @inlinable
    public func inverse() -> Fp2 {
        let normInverse: Fp = (c0.squared() + c1.squared()).inverse()
        return Fp2(c0: c0 * normInverse, c1: -(c1 * normInverse))
    }

    /// `a` when `choice` is zero, `b` when it is all ones (constant time; see ``Fp/select(_:_:_:)``).
    @inlinable @inline(__always)
    public static func select(_ a: Fp2, _ b: Fp2, _ choice: UInt64) -> Fp2 {
        Fp2(c0: Fp.select(a.c0, b.c0, choice), c1: Fp.select(a.c1, b.c1, choice))
    }
}

extension Fp2: CustomStringConvertible {
    public var description: String { "(\(c0) + \(c1)·u)" }
}
