// Fp12+FinalExponentiation.swift — f ↦ f^((p¹²−1)/r) (and its cheaper cube), cyclotomic squaring.

import BLS12381Assembly

extension Fp12 {
    /// Squaring in the cyclotomic subgroup (elements with f^(p⁶+1) = 1), Granger–Scott,
    /// eprint 2009/565 §3.1. View 𝔽ₚ¹² = 𝔽ₚ⁴[w]/(w³ − s), 𝔽ₚ⁴ = 𝔽ₚ²[s]/(s² − ξ), s = w³, so that
    /// f = g0 + g1·w + g2·w² with g0 = (c0.c0, c1.c1), g1 = (c1.c0, c0.c2), g2 = (c0.c1, c1.c2). Then
    /// f² = (3g0² − 2ḡ0) + (3s·g2² + 2ḡ1)·w + (3g1² − 2ḡ2)·w², ḡ the conjugate (s ↦ −s).
    /// Only valid on the cyclotomic subgroup (after the easy part of the final exponentiation).
    @inlinable
    public func cyclotomicSquared() -> Fp12 {
        guard argus_bls_fp_assembly_enabled() != 0 else { return portableCyclotomicSquared() }
        return assemblyCyclotomicSquare()
    }

    /// The Swift path of `cyclotomicSquared()` (the C one, over the assembly, computes the same formulas).
    @inlinable
    func portableCyclotomicSquared() -> Fp12 {
        @inline(__always)
        func fp4Square(_ x: Fp2, _ y: Fp2) -> (Fp2, Fp2) {
            let t0 = x.squared()
            let t1 = y.squared()
            return (t1.mulByNonresidue() + t0, (x + y).squared() - t0 - t1)
        }
        let a0 = c0.c0, b1 = c1.c1   // g0
        let b0 = c1.c0, a2 = c0.c2   // g1
        let a1 = c0.c1, b2 = c1.c2   // g2
        let (ax, ay) = fp4Square(a0, b1)   // A = g0²
        let (bx, by) = fp4Square(b0, a2)   // B = g1²
        let (cx, cy) = fp4Square(a1, b2)   // C = g2²
        // h0 = 3A − 2ḡ0
        let h0x = (ax - a0).doubled() + ax
        let h0y = (ay + b1).doubled() + ay
        // h1 = 3s·C + 2ḡ1, s·(x + y·s) = ξy + x·s
        let scx = cy.mulByNonresidue()
        let h1x = (scx + b0).doubled() + scx
        let h1y = (cx - a2).doubled() + cx
        // h2 = 3B − 2ḡ2
        let h2x = (bx - a1).doubled() + bx
        let h2y = (by + b2).doubled() + by
        return Fp12(c0: Fp6(c0: h0x, c1: h2x, c2: h1y), c1: Fp6(c0: h1x, c1: h0y, c2: h2y))
    }

    /// f^|x| by square-and-multiply with cyclotomic squarings, then conjugated (x < 0).
    @inlinable
    func cyclotomicExpByX() -> Fp12 {
        var acc = self
        let ax: UInt64 = 0xd201_0000_0001_0000
        for i in stride(from: 62, through: 0, by: -1) {
            acc = acc.cyclotomicSquared()
            if (ax >> UInt64(i)) & 1 == 1 { acc = acc * self }
        }
        return acc.conjugate()
    }

    /// f^e for a public 64-bit e (square-and-multiply with cyclotomic squarings; cyclotomic subgroup only).
    @inlinable
    func cyclotomicPow(_ e: UInt64) -> Fp12 {
        var acc = self
        let top = 63 - e.leadingZeroBitCount
        for i in stride(from: top - 1, through: 0, by: -1) {
            acc = acc.cyclotomicSquared()
            if (e >> UInt64(i)) & 1 == 1 { acc = acc * self }
        }
        return acc
    }

    /// The easy part f^((p⁶−1)(p²+1)), which lands in the cyclotomic subgroup.
    func finalExponentiationEasyPart() -> Fp12 {
        var f = conjugate() * inverseVartime()       // f^(p⁶ − 1); pairing inputs are public
        f = f.frobenius().frobenius() * f            // ^(p² + 1)
        return f
    }

    /// The final exponentiation f^((p¹²−1)/r), giving the standard (reduced) pairing value.
    ///
    /// Hard part: (p⁴−p²+1)/r = ((x−1)²/3)·(x+p)·(x²+p²−1) + 1 (Hayashida–Hayasaka–Teruya,
    /// eprint 2020/875; 3 | x − 1 for BLS12-381), checked by scripts/bls12381/derive_constants.py.
    /// (x−1)/3 = −0x460055555555aaab.
    public func finalExponentiation() -> Fp12 {
        let f = finalExponentiationEasyPart()
        var t0 = f.cyclotomicPow(0x4600_5555_5555_aaab).conjugate()  // f^((x−1)/3)
        t0 = t0.cyclotomicExpByX() * t0.conjugate()                   // f^((x−1)²/3)
        let t1 = t0.cyclotomicExpByX() * t0.frobenius()               // ^(x + p)
        let t2 = t1.cyclotomicExpByX().cyclotomicExpByX() * t1.frobenius().frobenius() * t1.conjugate()  // ^(x² + p² − 1)
        return t2 * f
    }

    /// f^(3·(p¹²−1)/r), the cube of ``finalExponentiation()``, which is cheaper:
    /// 3·(p⁴−p²+1)/r = (x−1)²·(x+p)·(x²+p²−1) + 3 needs only exponentiations by x. Since
    /// gcd(3, r) = 1, the result is 1 exactly when the reduced pairing value is 1, so
    /// ``Pairing/isProductOne(_:)`` uses this.
    public func finalExponentiationCubed() -> Fp12 {
        let f = finalExponentiationEasyPart()
        var t0 = f.cyclotomicExpByX() * f.conjugate()     // f^(x−1)
        t0 = t0.cyclotomicExpByX() * t0.conjugate()       // f^((x−1)²)
        let t1 = t0.cyclotomicExpByX() * t0.frobenius()   // ^(x + p)
        let t2 = t1.cyclotomicExpByX().cyclotomicExpByX() * t1.frobenius().frobenius() * t1.conjugate()  // ^(x² + p² − 1)
        return t2 * f.cyclotomicSquared() * f            // · f³
    }
}
