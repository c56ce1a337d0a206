/// Why an encoded point, key or scalar was rejected. Decoding is strict: every value that
/// does not denote exactly one valid group element is refused (see the landing doc, `BN254.docc/BN254.md`).
public enum DecodingFailure: Error, Sendable, Hashable {
    /// Wrong length, wrong shape, bad characters, or a non-canonical spelling
    /// (leading zeros, extra spaces, an mcl mode other than `0`/`1`).
    case malformed
    /// A coordinate or scalar is not below its modulus.
    case outOfRange
    /// The coordinates do not satisfy the curve equation.
    case notOnCurve
    /// On the G2 twist but outside the order-r subgroup.
    case notInSubgroup
    /// The identity where a non-identity element is required (public keys, signatures).
    case identity
    /// A secret key equal to zero (secrets must lie in [1, r)).
    case zeroScalar
}
