// CompleteFormulas.swift — complete projective formulas for y² = x³ + b (a = 0), written once for
// G1 (over Fp) and G2 (over Fp2): Renes, Costello, Batina, "Complete addition formulas for prime
// order elliptic curves", eprint 2015/1060, Algorithms 7, 8 and 9. Homogeneous coordinates
// (X : Y : Z) with x = X/Z, y = Y/Z; the identity is (0 : 1 : 0). The formulas have no
// exceptional cases (they are correct for P = Q, P = −Q and the identity), so they contain no
// branches and are constant time. Completeness needs only the absence of points of order 2: the
// curve orders #E(𝔽ₚ) = h₁·r and #E′(𝔽ₚ²) = h₂·r are odd.
//
// BN254 has the same file (same protocols, same functions); only the field types differ.
//
// The three formulas are `@_transparent`: they are inlined mandatorily, before optimisation, into
// the concrete `G1Projective`/`G2Projective` operator that calls them, so the optimiser sees the
// same concrete Fp/Fp2 code as if each operator had been written out (no protocol witness at run
// time). Measured with BLS12381Benchmarks: `@inlinable @inline(__always)` alone left G2 mixed
// addition (aggregating 100 signatures) some 10% slower than the hand-written operators.

/// The coordinate field of a curve: 𝔽ₚ for G1, 𝔽ₚ² for G2.
@usableFromInline
protocol CurveField: Sendable, Equatable {
    static var zero: Self { get }
    static var one: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    func squared() -> Self
    func doubled() -> Self
    var isZero: Bool { get }
    static func select(_ a: Self, _ b: Self, _ mask: UInt64) -> Self
}

extension Fp: CurveField {}
extension Fp2: CurveField {}

/// A curve y² = x³ + b over `Field`, as the complete formulas see it: only 3b is used.
@usableFromInline
protocol ShortWeierstrassCurve {
    associatedtype Field: CurveField
    /// 3b·t (a curve may do this with additions rather than a multiplication).
    static func mulByB3(_ t: Field) -> Field
}

/// Projective coordinates of a point, before a curve gives them a type.
@usableFromInline
typealias ProjectiveCoordinates<F: CurveField> = (x: F, y: F, z: F)

/// P + Q. Algorithm 7, eprint 2015/1060 (12M + 2m_3b + 19a).
@usableFromInline @_transparent
func completeAdd<C: ShortWeierstrassCurve>(
    _ p: ProjectiveCoordinates<C.Field>, _ q: ProjectiveCoordinates<C.Field>, on _: C.Type
) -> ProjectiveCoordinates<C.Field> {
    var t0: C.Field = p.x * q.x
    var t1: C.Field = p.y * q.y
    var t2: C.Field = p.z * q.z
    var t3: C.Field = (p.x + p.y) * (q.x + q.y)
    var t4: C.Field = t0 + t1
    t3 = t3 - t4
    t4 = (p.y + p.z) * (q.y + q.z)
    var x3: C.Field = t1 + t2
    t4 = t4 - x3
    x3 = (p.x + p.z) * (q.x + q.z)
    var y3: C.Field = t0 + t2
    y3 = x3 - y3
    x3 = t0 + t0
    t0 = x3 + t0
    t2 = C.mulByB3(t2)
    var z3: C.Field = t1 + t2
    t1 = t1 - t2
    y3 = C.mulByB3(y3)
    x3 = t4 * y3
    t2 = t3 * t1
    x3 = t2 - x3
    y3 = y3 * t0
    t1 = t1 * z3
    y3 = t1 + y3
    t0 = t0 * t3
    z3 = z3 * t4
    z3 = z3 + t0
    return (x3, y3, z3)
}

/// P + Q for an affine Q = (x, y) ≠ identity (Z₂ = 1). Algorithm 8, eprint 2015/1060
/// (11M + 2m_3b + 13a). The caller handles an affine identity, which has no (x, y).
@usableFromInline @_transparent
func completeAddMixed<C: ShortWeierstrassCurve>(
    _ p: ProjectiveCoordinates<C.Field>, _ q: (x: C.Field, y: C.Field), on _: C.Type
) -> ProjectiveCoordinates<C.Field> {
    var t0: C.Field = p.x * q.x
    var t1: C.Field = p.y * q.y
    var t3: C.Field = (q.x + q.y) * (p.x + p.y)
    var t4: C.Field = t0 + t1
    t3 = t3 - t4
    t4 = q.y * p.z
    t4 = t4 + p.y
    var y3: C.Field = q.x * p.z
    y3 = y3 + p.x
    var x3: C.Field = t0 + t0
    t0 = x3 + t0
    var t2: C.Field = C.mulByB3(p.z)
    var z3: C.Field = t1 + t2
    t1 = t1 - t2
    y3 = C.mulByB3(y3)
    x3 = t4 * y3
    t2 = t3 * t1
    x3 = t2 - x3
    y3 = y3 * t0
    t1 = t1 * z3
    y3 = t1 + y3
    t0 = t0 * t3
    z3 = z3 * t4
    z3 = z3 + t0
    return (x3, y3, z3)
}

/// 2P. Algorithm 9, eprint 2015/1060 (6M + 2S + 1m_3b + 9a).
@usableFromInline @_transparent
func completeDouble<C: ShortWeierstrassCurve>(
    _ p: ProjectiveCoordinates<C.Field>, on _: C.Type
) -> ProjectiveCoordinates<C.Field> {
    var t0: C.Field = p.y.squared()
    var z3: C.Field = t0 + t0
    z3 = z3 + z3
    z3 = z3 + z3
    var t1: C.Field = p.y * p.z
    var t2: C.Field = p.z.squared()
    t2 = C.mulByB3(t2)
    var x3: C.Field = t2 * z3
    var y3: C.Field = t0 + t2
    z3 = t1 * z3
    t1 = t2 + t2
    t2 = t1 + t2
    t0 = t0 - t2
    y3 = t0 * y3
    y3 = x3 + y3
    t1 = p.x * p.y
    x3 = t0 * t1
    x3 = x3 + x3
    return (x3, y3, z3)
}
