// Pairing.swift — the optimal ate pairing e: G1 × G2 → Gt, as a multi-Miller loop.
//
// Miller loop over |x| = 0xd201000000010000 with the G2 accumulator T in homogeneous projective
// coordinates on the M-twist y² = x³ + b', b' = 4(1 + u). Lines are evaluated at P ∈ G1 and
// multiplied in sparsely (`Fp12.mulBy014`). Derivation (untwisting ψ(x', y') = (x'/w², y'/w³), then
// scaling each line by w³ and by 𝔽ₚ² factors, which the final exponentiation removes):
//   doubling:  ℓ = (Y² − 3b'Z²) + (−3X²·x_P)·v + (2YZ·y_P)·vw
//   addition:  ℓ = (θ·x_Q − λ·y_Q) + (−θ·x_P)·v + (λ·y_P)·vw, θ = Y − y_Q·Z, λ = X − x_Q·Z
// Point formulas: Aranha–Karabina–Longa–Gebotys–López, eprint 2010/526 §4 (doubling scaled by 4).

public enum Pairing {
    /// |x| for the BLS parameter x = −0xd201000000010000.
    static let xAbs: UInt64 = 0xd201_0000_0001_0000

    /// One doubling step: T ← 2T, returning the line's coefficients (before evaluation at P).
    @inline(__always)
    static func doublingStep(_ t: inout G2Projective) -> (Fp2, Fp2, Fp2) {
        let xx = t.x.squared()
        let yy = t.y.squared()
        let zz = t.z.squared()
        let yz = t.y * t.z
        let d = G2Projective.mulByB3(zz)        // 3b'Z²
        let e = d + d + d                       // 9b'Z²
        let xy = t.x * t.y
        let d2 = d.squared()
        let d2x4 = d2.doubled().doubled()
        let ee = yy + e
        t.x = (xy + xy) * (yy - e)
        t.y = ee.squared() - d2x4 - d2x4 - d2x4  // (Y² + 9b'Z²)² − 12(3b'Z²)²
        let yyyz = yy * yz
        t.z = yyyz.doubled().doubled().doubled() // 8Y³Z
        let l0 = yy - d
        let l1 = -(xx + xx + xx)                 // times x_P later
        let l4 = yz + yz                         // times y_P later
        return (l0, l1, l4)
    }

    /// One mixed addition step: T ← T + Q, returning the line's coefficients.
    @inline(__always)
    static func additionStep(_ t: inout G2Projective, _ q: G2Affine) -> (Fp2, Fp2, Fp2) {
        let theta = t.y - q.y * t.z
        let lambda = t.x - q.x * t.z
        let c = theta.squared()
        let d = lambda.squared()
        let e = lambda * d
        let f = t.z * c
        let g = t.x * d
        let h = e + f - g - g
        let newX = lambda * h
        let newY = theta * (g - h) - e * t.y
        let newZ = t.z * e
        t = G2Projective(x: newX, y: newY, z: newZ)
        let l0 = theta * q.x - lambda * q.y
        return (l0, -theta, lambda)
    }

    /// ∏ f_{|x|,Qᵢ}(Pᵢ), conjugated for x < 0. Pairs containing the identity contribute 1.
    public static func millerLoop(_ pairs: [(G1Affine, G2Affine)]) -> Fp12 {
        let active = pairs.filter { !$0.0.isIdentity && !$0.1.isIdentity }
        if active.isEmpty { return .one }
        let ps = active.map { $0.0 }
        let qs = active.map { $0.1 }
        var ts = qs.map { G2Projective($0) }
        var f = Fp12.one
        var first = true
        for i in stride(from: 62, through: 0, by: -1) {
            if !first { f = f.squared() }
            first = false
            for k in 0..<ts.count {
                let (l0, l1, l4) = doublingStep(&ts[k])
                f = f.mulBy014(l0, l1 * ps[k].x, l4 * ps[k].y)
            }
            if (xAbs >> UInt64(i)) & 1 == 1 {
                for k in 0..<ts.count {
                    let (l0, l1, l4) = additionStep(&ts[k], qs[k])
                    f = f.mulBy014(l0, l1 * ps[k].x, l4 * ps[k].y)
                }
            }
        }
        return f.conjugate()
    }

    /// e(P, Q).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Gt {
        Gt(millerLoop([(p, q)]).finalExponentiation())
    }

    /// True iff ∏ e(Pᵢ, Qᵢ) = 1 (one shared Miller loop and one final exponentiation, in its
    /// cheaper cubed form, which is 1 exactly when the product is).
    public static func isProductOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        millerLoop(pairs).finalExponentiationCubed().isOne
    }
}
