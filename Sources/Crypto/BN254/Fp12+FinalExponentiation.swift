extension Fp12 {
    /// BN parameter u = 4965661367192848881 (p = 36u⁴ + 36u³ + 24u² + 6u + 1).
    @usableFromInline
    static let bnU: UInt64 = 0x44e9_92b4_4a69_09f1

    /// Squaring in the cyclotomic subgroup (elements of norm 1 over 𝔽ₚ⁶ after the easy part):
    /// Granger, Scott, "Faster squaring in the cyclotomic subgroup of sixth degree extensions",
    /// PKC 2010, §3.1. Viewing 𝔽ₚ¹² = 𝔽ₚ⁴[s]/(s³ − t), 𝔽ₚ⁴ = 𝔽ₚ²[t]/(t² − ξ), s = w, and
    /// z = A + B·s + C·s², the square is (3A² − 2Ā) + (3tC² + 2B̄)s + (3B² − 2C̄)s².
    /// With our slots: A = (c0.c0, c1.c1), B = (c1.c0, c0.c2), C = (c0.c1, c1.c2).
    @inlinable
    public func cyclotomicSquare() -> Fp12 {
        // Squares in 𝔽ₚ⁴: (x + yt)² = (x² + ξy²) + 2xy·t.
        @inline(__always)
        func fp4Square(_ x: Fp2, _ y: Fp2) -> (Fp2, Fp2) {
            let x2: Fp2 = x.squared()
            let y2: Fp2 = y.squared()
            return (y2.mulByXi() + x2, (x + y).squared() - x2 - y2)
        }
        let (a0, a1): (Fp2, Fp2) = fp4Square(c0.c0, c1.c1)
        let (b0, b1): (Fp2, Fp2) = fp4Square(c1.c0, c0.c2)
        let (cc0, cc1): (Fp2, Fp2) = fp4Square(c0.c1, c1.c2)
        // A' = 3A² − 2Ā: (3a0 − 2x, 3a1 + 2y)
        let newA0: Fp2 = (a0 - c0.c0).doubled() + a0
        let newA1: Fp2 = (a1 + c1.c1).doubled() + a1
        // B' = 3t·C² + 2B̄, t·(x + yt) = ξy + xt: (3ξ·cc1 + 2bx, 3cc0 − 2by)
        let tc0: Fp2 = cc1.mulByXi()
        let newB0: Fp2 = (tc0 + c1.c0).doubled() + tc0
        let newB1: Fp2 = (cc0 - c0.c2).doubled() + cc0
        // C' = 3B² − 2C̄: (3b0 − 2cx, 3b1 + 2cy)
        let newC0: Fp2 = (b0 - c0.c1).doubled() + b0
        let newC1: Fp2 = (b1 + c1.c2).doubled() + b1
        return Fp12(
            c0: Fp6(c0: newA0, c1: newC0, c2: newB1),
            c1: Fp6(c0: newB0, c1: newA1, c2: newC1))
    }

    /// self^u for an element of the cyclotomic subgroup (square-and-multiply, 62 cyclotomic
    /// squarings).
    @inlinable
    func cyclotomicPowerByU() -> Fp12 {
        var result: Fp12 = self
        var i: Int = 61  // bit 62 is the leading one
        while i >= 0 {
            result = result.cyclotomicSquare()
            if (Fp12.bnU >> UInt64(i)) & 1 == 1 { result = result * self }
            i -= 1
        }
        return result
    }

    /// f^((p¹² − 1)/r). Easy part f^((p⁶ − 1)(p² + 1)); hard part (p⁴ − p² + 1)/r by the
    /// addition chain of Scott, Benger, Charlemagne, Dominguez Perez, Kachisa, "On the final
    /// exponentiation for calculating pairings on ordinary elliptic curves" (Pairing 2009, §5)
    /// in terms of f^u, f^(u²), f^(u³) and Frobenius maps.
    public func finalExponentiation() -> Fp12 {
        // Easy part.
        var t: Fp12 = conjugate() * inverse()
        t = t.frobenius(2) * t
        // Hard part.
        let fp: Fp12 = t.frobenius(1)
        let fp2: Fp12 = t.frobenius(2)
        let fp3: Fp12 = fp2.frobenius(1)
        let fu: Fp12 = t.cyclotomicPowerByU()
        let fu2: Fp12 = fu.cyclotomicPowerByU()
        let fu3: Fp12 = fu2.cyclotomicPowerByU()
        let y0: Fp12 = fp * fp2 * fp3
        let y1: Fp12 = t.conjugate()
        let y2: Fp12 = fu2.frobenius(2)
        let y3: Fp12 = fu.frobenius(1).conjugate()
        let y4: Fp12 = (fu * fu2.frobenius(1)).conjugate()
        let y5: Fp12 = fu2.conjugate()
        let y6: Fp12 = (fu3 * fu3.frobenius(1)).conjugate()
        var t0: Fp12 = y6.cyclotomicSquare() * y4 * y5
        var t1: Fp12 = y3 * y5 * t0
        t0 = t0 * y2
        t1 = t1.cyclotomicSquare() * t0
        t1 = t1.cyclotomicSquare()
        t0 = t1 * y1
        t1 = t1 * y0
        t0 = t0.cyclotomicSquare()
        return t0 * t1
    }
}
