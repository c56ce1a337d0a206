// DecodingFailure.swift — the (exhaustive) ways an encoded point, key or signature is rejected.
// The same enum, with the same cases, in BLS12381 and BN254 (after blst's error codes).

/// Why an input (compressed/uncompressed ZCash encodings, hex text) was rejected. Decoding is strict and throws this, typed;
/// arithmetic never throws and verification returns `Bool`.
public enum DecodingFailure: Error, Sendable, Hashable {
    /// The bytes or text have the wrong shape: wrong length, a character that does not belong,
    /// flag bits that contradict the length (blst: BAD_ENCODING).
    case badEncoding
    /// A value is not written canonically: a coordinate ≥ p, a scalar ≥ r, or the identity with
    /// stray bits set.
    case nonCanonical
    /// The coordinates do not satisfy the curve equation, or no y exists for a compressed x
    /// (blst: POINT_NOT_ON_CURVE).
    case notOnCurve
    /// On the curve but outside the order-r subgroup (blst: POINT_NOT_IN_GROUP).
    case notInSubgroup
    /// The identity (point at infinity) where it is not allowed: a public key, an aggregate of
    /// nothing (blst: PK_IS_INFINITY).
    case unexpectedIdentity
    /// A secret key that is 0 or ≥ r, or key material too short to derive one (blst: BAD_SCALAR).
    case invalidSecretKey
}
