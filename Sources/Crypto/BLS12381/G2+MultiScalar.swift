// G2+MultiScalar.swift — Σ kᵢ·Pᵢ for many points and short public scalars (batch verification).

extension G2Projective {
    /// Σ kᵢ·Pᵢ by the bucket method (Pippenger) with 4-bit windows over 64-bit scalars:
    /// 16 rounds of one mixed addition per point plus 30 bucket additions, and only 64 doublings in
    /// total. Variable time: for public points and public (or freshly random, unsecret) scalars.
    /// Below 7 points the buckets' fixed 480 additions cost more than multiplying each point by
    /// double-and-add (about 96 operations each), which it does instead.
    public static func sumOfProducts(_ points: [G2Affine], _ scalars: [UInt64]) -> G2Projective {
        precondition(points.count == scalars.count)
        if points.count < 7 {
            return zip(points, scalars).reduce(.identity) { $0 + G2Projective($1.0).multiplied(vartimeLimbs: [$1.1]) }
        }
        var acc = G2Projective.identity
        for window in stride(from: 15, through: 0, by: -1) {
            acc = acc.doubled().doubled().doubled().doubled()
            var buckets = [G2Projective](repeating: .identity, count: 16)
            let shift = UInt64(4 * window)
            for (p, k) in zip(points, scalars) {
                let digit = Int((k >> shift) & 0xf)
                if digit != 0 { buckets[digit] = buckets[digit] + p }
            }
            // Σ d·bucket[d] via running sums
            var running = G2Projective.identity
            var windowSum = G2Projective.identity
            for d in stride(from: 15, through: 1, by: -1) {
                running = running + buckets[d]
                windowSum = windowSum + running
            }
            acc = acc + windowSum
        }
        return acc
    }
}
