/// A point of G1 = E(𝔽ₚ), E: y² = x³ + 3, in affine coordinates. G1 has prime order r
/// (cofactor 1), so every point on the curve is in the group.
@frozen
public struct G1Affine: Sendable, Hashable {
    public let x: Fp
    public let y: Fp
    /// `true` for the point at infinity (then `x` and `y` are zero).
    public let isIdentity: Bool

    @inlinable
    init(uncheckedX x: Fp, y: Fp, isIdentity: Bool = false) {
        self.x = x
        self.y = y
        self.isIdentity = isIdentity
    }

    public static let identity: G1Affine = G1Affine(uncheckedX: .zero, y: .zero, isIdentity: true)

    /// The generator (1, 2).
    public static let generator: G1Affine = G1Affine(uncheckedX: Fp(1), y: Fp(2))

    /// b = 3.
    @usableFromInline
    static let b: Fp = Fp(3)

    /// 3b = 9, the constant of the complete formulas.
    @usableFromInline
    static let b3: Fp = Fp(9)

    /// A finite point from coordinates; rejects points off the curve.
    public init(x: Fp, y: Fp) throws(DecodingFailure) {
        guard y.squared() == x.squared() * x + G1Affine.b else { throw .notOnCurve }
        self.init(uncheckedX: x, y: y)
    }

    /// y² = x³ + 3 (the identity counts as on the curve).
    public var isOnCurve: Bool {
        isIdentity || y.squared() == x.squared() * x + G1Affine.b
    }

    public static prefix func - (p: G1Affine) -> G1Affine {
        p.isIdentity ? p : G1Affine(uncheckedX: p.x, y: -p.y)
    }

    @inlinable
    public var projective: G1Projective { G1Projective(self) }
}

/// A point of G1 in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z.
@frozen
public struct G1Projective: Sendable {
    @usableFromInline
    var c: ProjectiveCoordinates<Fp>

    @inlinable
    init(coordinates: ProjectiveCoordinates<Fp>) {
        c = coordinates
    }

    public static let identity: G1Projective = G1Projective(coordinates: (.zero, .one, .zero))
    public static let generator: G1Projective = G1Projective(G1Affine.generator)

    @inlinable
    public init(_ p: G1Affine) {
        c = p.isIdentity ? (.zero, .one, .zero) : (p.x, p.y, .one)
    }

    @inlinable
    public var isIdentity: Bool { c.z.isZero }

    /// Affine form (one field inversion).
    public var affine: G1Affine {
        if c.z.isZero { return .identity }
        let zInverse: Fp = c.z.inverse()
        return G1Affine(uncheckedX: c.x * zInverse, y: c.y * zInverse)
    }

    @inlinable
    public static func + (a: G1Projective, b: G1Projective) -> G1Projective {
        G1Projective(coordinates: completeAdd(a.c, b.c, on: G1Projective.self))
    }

    @inlinable
    public static prefix func - (a: G1Projective) -> G1Projective {
        G1Projective(coordinates: (a.c.x, -a.c.y, a.c.z))
    }

    @inlinable
    public static func - (a: G1Projective, b: G1Projective) -> G1Projective { a + (-b) }

    @inlinable
    public static func += (a: inout G1Projective, b: G1Projective) { a = a + b }

    @inlinable
    public func doubled() -> G1Projective {
        G1Projective(coordinates: completeDouble(c, on: G1Projective.self))
    }

    /// k·P, constant time in k and P (fixed window, complete formulas).
    @inlinable
    public static func * (p: G1Projective, k: Scalar) -> G1Projective {
        G1Projective(coordinates: constantTimeMultiply(p.c, by: k.canonical, on: G1Projective.self))
    }

    /// k·P for an arbitrary 256-bit integer k (not reduced mod r), constant time; this is what the
    /// EVM's scalar-multiplication precompile computes.
    public func multiplied(byInteger k: Limbs) -> G1Projective {
        G1Projective(coordinates: constantTimeMultiply(c, by: k, on: G1Projective.self))
    }
}

extension G1Projective: Equatable {
    @inlinable
    public static func == (a: G1Projective, b: G1Projective) -> Bool { projectiveEqual(a.c, b.c) }
}

extension G1Projective: ShortWeierstrassCurve {
    @usableFromInline typealias Field = Fp

    /// 3b·t, the one curve constant of the complete formulas.
    @inlinable @inline(__always)
    static func mulByB3(_ t: Fp) -> Fp { G1Affine.b3 * t }
}
