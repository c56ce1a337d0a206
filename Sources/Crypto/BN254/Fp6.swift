/// An element `c0 + c1·v + c2·v²` of 𝔽ₚ⁶ = 𝔽ₚ²[v]/(v³ − ξ), ξ = 9 + u.
@frozen
public struct Fp6: Sendable, Hashable {
    public var c0: Fp2
    public var c1: Fp2
    public var c2: Fp2

    @inlinable
    public init(c0: Fp2, c1: Fp2, c2: Fp2) {
        self.c0 = c0
        self.c1 = c1
        self.c2 = c2
    }

    public static let zero: Fp6 = Fp6(c0: .zero, c1: .zero, c2: .zero)
    public static let one: Fp6 = Fp6(c0: .one, c1: .zero, c2: .zero)

    @inlinable
    public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    @inlinable
    public static func + (a: Fp6, b: Fp6) -> Fp6 {
        Fp6(c0: a.c0 + b.c0, c1: a.c1 + b.c1, c2: a.c2 + b.c2)
    }

    @inlinable
    public static func - (a: Fp6, b: Fp6) -> Fp6 {
        Fp6(c0: a.c0 - b.c0, c1: a.c1 - b.c1, c2: a.c2 - b.c2)
    }

    @inlinable
    public static prefix func - (a: Fp6) -> Fp6 { Fp6(c0: -a.c0, c1: -a.c1, c2: -a.c2) }

    /// Karatsuba multiplication (Devegili, Ó hÉigeartaigh, Scott, Dahab, "Multiplication and
    /// squaring on pairing-friendly fields", eprint 2006/471 §4): 6 𝔽ₚ² products.
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        let v0: Fp2 = a.c0 * b.c0
        let v1: Fp2 = a.c1 * b.c1
        let v2: Fp2 = a.c2 * b.c2
        let t0: Fp2 = ((a.c1 + a.c2) * (b.c1 + b.c2) - v1 - v2).mulByXi() + v0
        let t1: Fp2 = (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1 + v2.mulByXi()
        let t2: Fp2 = (a.c0 + a.c2) * (b.c0 + b.c2) - v0 - v2 + v1
        return Fp6(c0: t0, c1: t1, c2: t2)
    }

    @inlinable
    public static func += (a: inout Fp6, b: Fp6) { a = a + b }
    @inlinable
    public static func -= (a: inout Fp6, b: Fp6) { a = a - b }
    @inlinable
    public static func *= (a: inout Fp6, b: Fp6) { a = a * b }

    /// Chung–Hasan squaring CH-SQR2 (eprint 2006/471 §4.2).
    @inlinable
    public func squared() -> Fp6 {
        let s0: Fp2 = c0.squared()
        let ab: Fp2 = c0 * c1
        let s1: Fp2 = ab.doubled()
        let s2: Fp2 = (c0 - c1 + c2).squared()
        let bc: Fp2 = c1 * c2
        let s3: Fp2 = bc.doubled()
        let s4: Fp2 = c2.squared()
        return Fp6(c0: s3.mulByXi() + s0, c1: s4.mulByXi() + s1, c2: s1 + s2 + s3 - s0 - s4)
    }

    @inlinable
    public func doubled() -> Fp6 { Fp6(c0: c0.doubled(), c1: c1.doubled(), c2: c2.doubled()) }

    /// Multiplication by v: (c0 + c1v + c2v²)·v = ξc2 + c0v + c1v².
    @inlinable
    public func mulByV() -> Fp6 { Fp6(c0: c2.mulByXi(), c1: c0, c2: c1) }

    /// Multiplication by an 𝔽ₚ² scalar.
    @inlinable
    public func scaled(by s: Fp2) -> Fp6 { Fp6(c0: c0 * s, c1: c1 * s, c2: c2 * s) }

    /// Multiplication by the sparse element `b0 + b1·v` (5 𝔽ₚ² products).
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let v0: Fp2 = c0 * b0
        let v1: Fp2 = c1 * b1
        let t0: Fp2 = (c2 * b1).mulByXi() + v0
        let t1: Fp2 = (c0 + c1) * (b0 + b1) - v0 - v1
        let t2: Fp2 = c2 * b0 + v1
        return Fp6(c0: t0, c1: t1, c2: t2)
    }

    /// Inverse by the norm to 𝔽ₚ² (eprint 2010/354 Algorithm 17); zero maps to zero.
    @inlinable
    public func inverse() -> Fp6 {
        let t0: Fp2 = c0.squared() - (c1 * c2).mulByXi()
        let t1: Fp2 = c2.squared().mulByXi() - c0 * c1
        let t2: Fp2 = c1.squared() - c0 * c2
        let norm: Fp2 = c0 * t0 + ((c2 * t1) + (c1 * t2)).mulByXi()
        let normInverse: Fp2 = norm.inverse()
        return Fp6(c0: t0 * normInverse, c1: t1 * normInverse, c2: t2 * normInverse)
    }
}
