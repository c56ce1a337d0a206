/// The optimal ate pairing e: G1 × G2 → Gt on BN254 (Vercauteren, "Optimal pairings", 2010;
/// loop length 6u + 2 with two Frobenius correction lines).
///
/// G2 points are kept in homogeneous projective coordinates on the D-type twist; line functions
/// follow Costello, Lange, Naehrig, "Faster pairing computations on curves with high-degree
/// twists" (eprint 2009/615) in the form of Aranha, Karabina, Longa, Gebotys, López, "Faster
/// explicit formulas for computing pairings over ordinary curves" (eprint 2010/526, §4). Through
/// the untwisting map (x, y) ↦ (x·w², y·w³) every line is `a + b·w + c·v·w` with a, b, c ∈ 𝔽ₚ²
/// (factors in 𝔽ₚ² are discarded — the final exponentiation sends them to 1).
/// Variable time (pairing inputs are public).
public enum Pairing {
    /// NAF digits of 6u + 2 = 29793968203157093288, least significant first
    /// (`scripts/bn254/constants.py`).
    @usableFromInline
    static let loopNAF: [Int8] = [
        0, 0, 0, 1, 0, 1, 0, -1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, -1, 0, 0, 0, 1, 0, -1, 0, 0, 0,
        0, -1, 0, 0, 1, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, -1, 0, 0, -1, 0, 1, 0, -1, 0, 0, 0, -1, 0,
        -1, 0, 0, 0, 1, 0, -1, 0, 1,
    ]

    /// Doubling step: T ← 2T and the tangent line at T evaluated at P = (xP, yP).
    /// Eprint 2010/526 eq. (10)–(11) with b′ = 3/ξ:
    /// A = XY/2, B = Y², C = Z², E = 3b′C, F = 3E, G = (B + F)/2, H = (Y + Z)² − (B + C),
    /// X₃ = A(B − F), Y₃ = G² − 3E², Z₃ = BH; line = −H·yP + 3X²·xP·w + (E − B)·vw.
    @inlinable
    static func doublingStep(_ t: inout ProjectiveCoordinates<Fp2>, xP: Fp, yP: Fp) -> (Fp2, Fp2, Fp2) {
        let a: Fp2 = (t.x * t.y).halved()
        let b: Fp2 = t.y.squared()
        let c: Fp2 = t.z.squared()
        let e: Fp2 = G2Affine.b3 * c
        let f: Fp2 = e.doubled() + e
        let g: Fp2 = (b + f).halved()
        let h: Fp2 = (t.y + t.z).squared() - (b + c)
        let xSquared: Fp2 = t.x.squared()
        let eSquared: Fp2 = e.squared()
        t = (a * (b - f), g.squared() - (eSquared.doubled() + eSquared), b * h)
        return ((-h).scaled(by: yP), (xSquared.doubled() + xSquared).scaled(by: xP), e - b)
    }

    /// Mixed addition step: T ← T + Q for affine Q = (xQ, yQ) and the chord through T and Q at P.
    /// θ = Y − yQ·Z, λ = X − xQ·Z, C = θ², D = λ², E = λD, F = ZC, G = XD, H = E + F − 2G,
    /// X₃ = λH, Y₃ = θ(G − H) − YE, Z₃ = ZE; line = λ·yP − θ·xP·w + (θ·xQ − λ·yQ)·vw.
    @inlinable
    static func additionStep(
        _ t: inout ProjectiveCoordinates<Fp2>, xQ: Fp2, yQ: Fp2, xP: Fp, yP: Fp
    ) -> (Fp2, Fp2, Fp2) {
        let theta: Fp2 = t.y - yQ * t.z
        let lambda: Fp2 = t.x - xQ * t.z
        let c: Fp2 = theta.squared()
        let d: Fp2 = lambda.squared()
        let e: Fp2 = lambda * d
        let f: Fp2 = t.z * c
        let g: Fp2 = t.x * d
        let h: Fp2 = e + f - g.doubled()
        t = (lambda * h, theta * (g - h) - t.y * e, t.z * e)
        return (lambda.scaled(by: yP), -(theta.scaled(by: xP)), theta * xQ - lambda * yQ)
    }

    /// ξ^((p−1)/3) and ξ^((p−1)/2): the twisted p-power Frobenius is
    /// π(x, y) = (x̄·γ₁,₂, ȳ·γ₁,₃); for p², π²(x, y) = (x·γ₂,₂, y·γ₂,₃) with γ₂,₃ = −1.
    @inlinable
    static func twistFrobenius(_ x: Fp2, _ y: Fp2) -> (Fp2, Fp2) {
        (x.conjugate() * Fp12.gamma12, y.conjugate() * Fp12.gamma13)
    }

    /// ∏ fᵢ for the Miller functions f_{6u+2,Qᵢ}(Pᵢ) times the two correction lines, sharing the
    /// squarings of the accumulator across all pairs. Pairs with an identity component contribute 1.
    public static func multiMillerLoop(_ pairs: [(G1Affine, G2Affine)]) -> Fp12 {
        let active: [(G1Affine, G2Affine)] = pairs.filter { !$0.0.isIdentity && !$0.1.isIdentity }
        if active.isEmpty { return .one }
        var ts: [ProjectiveCoordinates<Fp2>] = active.map { ($0.1.x, $0.1.y, Fp2.one) }
        var f: Fp12 = .one
        var i: Int = loopNAF.count - 2
        while i >= 0 {
            f = f.squared()
            for k in active.indices {
                let (p, q): (G1Affine, G2Affine) = active[k]
                let (a, b, c): (Fp2, Fp2, Fp2) = doublingStep(&ts[k], xP: p.x, yP: p.y)
                f = f.mulByLine(a, b, c)
                let digit: Int8 = loopNAF[i]
                if digit != 0 {
                    let yQ: Fp2 = digit > 0 ? q.y : -q.y
                    let (a2, b2, c2): (Fp2, Fp2, Fp2) = additionStep(&ts[k], xQ: q.x, yQ: yQ, xP: p.x, yP: p.y)
                    f = f.mulByLine(a2, b2, c2)
                }
            }
            i -= 1
        }
        for k in active.indices {
            let (p, q): (G1Affine, G2Affine) = active[k]
            let (x1, y1): (Fp2, Fp2) = twistFrobenius(q.x, q.y)
            let (a1, b1, c1): (Fp2, Fp2, Fp2) = additionStep(&ts[k], xQ: x1, yQ: y1, xP: p.x, yP: p.y)
            f = f.mulByLine(a1, b1, c1)
            // −π²(Q) = (x·γ₂,₂, y) because γ₂,₃ = −1.
            let x2: Fp2 = q.x.scaled(by: Fp12.gamma22.c0)
            let (a2, b2, c2): (Fp2, Fp2, Fp2) = additionStep(&ts[k], xQ: x2, yQ: q.y, xP: p.x, yP: p.y)
            f = f.mulByLine(a2, b2, c2)
        }
        return f
    }

    /// e(P, Q).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Gt {
        Gt(multiMillerLoop([(p, q)]).finalExponentiation())
    }

    /// ∏ e(Pᵢ, Qᵢ) == 1, with one shared Miller loop and a single final exponentiation
    /// (the EIP-197 precompile's predicate). Inputs must already be validated points.
    public static func productIsOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        multiMillerLoop(pairs).finalExponentiation().isOne
    }
}
