// G2+Psi.swift — the untwist–Frobenius–twist endomorphism ψ, the fast G2 membership test and
// cofactor clearing.

extension G2Projective {
    /// 1/(1 + u)^((p−1)/3) (RFC 9380 Appendix G.3 `c1`; derived by scripts/bls12381/derive_constants.py).
    @usableFromInline static let psiX = Fp2(
        c0: .zero,
        c1: Fp(0x890d_c9e4_8675_45c3, 0x2af3_2253_3285_a5d5, 0x5088_0866_309b_7e2c,
               0xa20d_1b8c_7e88_1024, 0x14e4_f04f_e2db_9068, 0x14e5_6d3f_1564_853a))
    /// 1/(1 + u)^((p−1)/2) (RFC 9380 Appendix G.3 `c2`).
    @usableFromInline static let psiY = Fp2(
        c0: Fp(0x3e2f_585d_a55c_9ad1, 0x4294_213d_86c1_8183, 0x3828_44c8_8b62_3732,
               0x92ad_2afd_1910_3e18, 0x1d79_4e4f_ac7c_f0b9, 0x0bd5_92fc_7d82_5ec8),
        c1: Fp(0x7bcf_a7a2_5aa3_0fda, 0xdc17_dec1_2a92_7e7c, 0x2f08_8dd8_6b4e_bef1,
               0xd1ca_2087_da74_d4a7, 0x2da2_5966_96ce_bc1d, 0x0e2b_7eed_bbfd_87d2))

    /// ψ(X : Y : Z) = (c1·X̄ : c2·Ȳ : Z̄), RFC 9380 Appendix G.3.
    public func psi() -> G2Projective {
        G2Projective(x: x.conjugate() * G2Projective.psiX, y: y.conjugate() * G2Projective.psiY, z: z.conjugate())
    }

    /// Membership in the order-r subgroup: ψ(P) = [x]P (Scott, eprint 2021/1130 §4). Variable time.
    public var isTorsionFree: Bool { psi() == multipliedByX() }

    /// Multiplication by h_eff (RFC 9380 §8.8.2), computed as in Appendix G.3 (Budroni–Pintore).
    public func clearedCofactor() -> G2Projective {
        let p = self
        var t1 = p.multipliedByX()          // 1. t1 = c1 * P
        var t2 = p.psi()                    // 2. t2 = psi(P)
        var t3 = p.doubled()                // 3. t3 = 2 * P
        t3 = t3.psi().psi()                 // 4. t3 = psi2(t3)
        t3 = t3 - t2                        // 5. t3 = t3 - t2
        t2 = t1 + t2                        // 6. t2 = t1 + t2
        t2 = t2.multipliedByX()             // 7. t2 = c1 * t2
        t3 = t3 + t2                        // 8. t3 = t3 + t2
        t3 = t3 - t1                        // 9. t3 = t3 - t1
        t1 = t3 - p                         // 10. Q = t3 - P
        return t1
    }
}

extension G2Affine {
    public var isTorsionFree: Bool { G2Projective(self).isTorsionFree }
}

extension G2Projective {
    /// Constant-time scalar multiplication using ψ (GLS): writing k = d0 + d1·z + d2·z² + d3·z³ in
    /// base z = |x| (possible since r = z⁴ − z² + 1 < z⁴), and zP = −ψ(P) on G2, gives
    /// kP = Σ dᵢ·(−ψ)ⁱ(P) with 64-bit dᵢ: 64 doublings instead of 256. The digits are found by
    /// branch-free binary long division and the 16-entry table is scanned in full on every lookup.
    public func multipliedGLS(by scalar: Scalar) -> G2Projective {
        let d = G2Projective.baseZDigits(scalar.canonicalLimbs)
        let q0 = self
        let q1 = -psi()
        let q2 = psi().psi()
        let q3 = -(psi().psi().psi())
        var table = [G2Projective](repeating: .identity, count: 16)
        for m in 1..<16 {
            // table[m] = Σ_{i ∈ m} Qᵢ, built from a smaller entry plus one point
            if m & 1 == 1 { table[m] = table[m & ~1] + q0 }
            else if m & 2 == 2 { table[m] = table[m & ~2] + q1 }
            else if m & 4 == 4 { table[m] = table[m & ~4] + q2 }
            else { table[m] = table[m & ~8] + q3 }
        }
        var acc = G2Projective.identity
        for j in stride(from: 63, through: 0, by: -1) {
            acc = acc.doubled()
            let s = UInt64(j)
            let b0: UInt64 = (d.0 >> s) & 1
            let b1: UInt64 = ((d.1 >> s) & 1) << 1
            let b2: UInt64 = ((d.2 >> s) & 1) << 2
            let b3: UInt64 = ((d.3 >> s) & 1) << 3
            let m = Int(b0 | b1 | b2 | b3)
            var sel = G2Projective.identity
            for i in 1..<16 { sel = .select(sel, table[i], mask(UInt64(i), equals: UInt64(m))) }
            acc = acc + sel
        }
        return acc
    }

    /// The four base-z digits (each < z < 2⁶⁴) of a 256-bit little-endian number below z⁴,
    /// by three constant-time binary long divisions.
    static func baseZDigits(_ k: [UInt64]) -> (UInt64, UInt64, UInt64, UInt64) {
        let z: UInt64 = 0xd201_0000_0001_0000
        var n = k
        var digits: [UInt64] = []
        for _ in 0..<3 {
            var q: [UInt64] = [0, 0, 0, 0]
            var rem: UInt64 = 0
            for bitIndex in stride(from: 255, through: 0, by: -1) {
                let nextBit: UInt64 = (n[bitIndex / 64] >> UInt64(bitIndex % 64)) & 1
                let top: UInt64 = rem >> 63                // the 65th bit of 2·rem + bit
                let shifted: UInt64 = (rem << 1) | nextBit
                let (diff, borrow) = shifted.subtractingReportingOverflow(z)
                // shifted (with its top bit) ≥ z ⇔ top = 1 or no borrow
                let ge: UInt64 = top | BLS12381.bit(!borrow)
                let mask = 0 &- ge
                rem = (diff & mask) | (shifted & ~mask)
                q[bitIndex / 64] |= ge << UInt64(bitIndex % 64)
            }
            digits.append(rem)
            n = q
        }
        digits.append(n[0])  // n < z now
        return (digits[0], digits[1], digits[2], digits[3])
    }
}
