// BLSError.swift — the (exhaustive) ways decoding keys, signatures and points can fail.

/// Why an encoding was rejected. Arithmetic never throws and verification returns `Bool`;
/// only decoding (and secret-key construction) throws.
public enum BLSError: Error, Sendable, Equatable {
    /// The text is not hex (odd length or a non-hex character).
    case invalidHex
    /// The byte count is not the one the encoding requires.
    case invalidLength(expected: Int, actual: Int)
    /// The compression flag (bit 7 of the first byte) does not match the encoding's length,
    /// or the sign flag is set on an uncompressed point.
    case invalidFlags
    /// The infinity flag is set but the rest is not all zero (or the sign flag is set).
    case invalidInfinityEncoding
    /// A coordinate is not a canonical field element (≥ p).
    case nonCanonicalCoordinate
    /// The point is not on the curve (or no y exists for the compressed x).
    case notOnCurve
    /// The point is on the curve but not in the prime-order subgroup.
    case notInSubgroup
    /// A public key is the identity (KeyValidate fails).
    case identityPublicKey
    /// A secret key is 0 or ≥ r, or a KeyGen seed is shorter than 32 bytes.
    case invalidSecretKey
}
