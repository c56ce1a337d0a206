extension G1Affine {
    /// eigensdk's `map_to_curve` (`eigensdk/crypto/bn256/utils.py`; `bn254-eigen-bls.md` §4):
    /// try-and-increment from the message bytes.
    ///
    ///     x = OS2IP(msg) mod p
    ///     loop: beta = x³ + 3; y = beta^((p+1)/4); if y² == beta return (x, y); x = x + 1
    ///
    /// This is **not** RFC 9380 hash-to-curve and not a random oracle: consecutive integers that
    /// are not valid x-coordinates collide with their successor, and the empty message maps to
    /// the generator. It is kept bit-for-bit because Zellular signatures must verify against
    /// eigensdk's; its security rests on the message being a hash digest. Variable time (public
    /// messages only).
    public static func hashToCurve(_ message: some Collection<UInt8>) -> G1Affine {
        hashToCurveWithCount(message).point
    }

    /// ``hashToCurve(_:)`` plus the number of increments taken (what the vectors record).
    public static func hashToCurveWithCount(_ message: some Collection<UInt8>) -> (point: G1Affine, increments: Int) {
        var x: Fp = Fp.reducing(bigEndian: message)
        var increments: Int = 0
        while true {
            let beta: Fp = x.squared() * x + G1Affine.b
            let y: Fp = beta.pow(Fp.sqrtExponent)
            if y.squared() == beta {
                return (G1Affine(uncheckedX: x, y: y), increments)
            }
            x = x + Fp.one
            increments += 1
        }
    }
}
