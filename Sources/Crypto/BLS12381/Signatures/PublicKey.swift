// PublicKey.swift — a BLS public key in G1 (minimal-pubkey-size variant), 48-byte compressed.

import HexCodec

/// A validated public key: a non-identity point of G1 (KeyValidate, draft §2.5, is applied by
/// every initializer that takes untrusted input).
public struct PublicKey: Sendable, Hashable {
    public let point: G1Affine

    init(unchecked point: G1Affine) { self.point = point }

    /// Wraps a point after KeyValidate (subgroup membership is a property of `G1Affine` values made
    /// by this library's decoders and arithmetic; the identity is rejected here).
    public init(point: G1Affine) throws(DecodingFailure) {
        guard !point.isIdentity else { throw .unexpectedIdentity }
        guard point.isOnCurve else { throw .notOnCurve }
        guard point.isTorsionFree else { throw .notInSubgroup }
        self.point = point
    }

    /// Decodes and validates a 48-byte compressed key.
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        let p = try G1Affine(compressedRepresentation: bytes)
        guard !p.isIdentity else { throw .unexpectedIdentity }
        self.point = p
    }

    /// Decodes 96 hex digits (either case, optional `0x`).
    public init(hexString: String) throws(DecodingFailure) {
        guard let bytes = try? Hex.decode(hexString, allowingPrefix: true) else { throw .badEncoding }
        try self.init(compressedRepresentation: bytes)
    }

    /// Sum of keys (for FastAggregateVerify). Throws if `keys` is empty or the sum is the identity.
    public init(aggregating keys: [PublicKey]) throws(DecodingFailure) {
        guard !keys.isEmpty else { throw .unexpectedIdentity }
        var acc = G1Projective.identity
        for k in keys { acc = acc + k.point }
        try self.init(point: G1Affine(normalizingVartime: acc))
    }

    /// This (aggregate) key minus `keys`, e.g. all monitors minus the non-signers.
    public func subtracting(_ keys: [PublicKey]) throws(DecodingFailure) -> PublicKey {
        var acc = G1Projective(point)
        for k in keys { acc = acc + (-k.point) }
        let p = G1Affine(normalizingVartime: acc)
        guard !p.isIdentity else { throw .unexpectedIdentity }
        return PublicKey(unchecked: p)
    }

    public var compressedRepresentation: [UInt8] { point.compressedRepresentation }
    /// Lower-case hex of the compressed key, as blspy prints it.
    public var hexString: String { Hex.encode(compressedRepresentation) }

    /// Verify(PK, message, signature) of the POP ciphersuite: e(PK, H(m)) = e(G1, σ).
    public func isValidSignature(_ signature: Signature, for message: some Sequence<UInt8>) -> Bool {
        let h = G2Affine(normalizingVartime: G2Projective.hash(message, dst: PopScheme.signatureDST))
        return Pairing.isProductOne([(point, h), (-G1Affine.generator, signature.point)])
    }

    /// PopVerify(PK, proof) (§3.3.3).
    public func isValidProofOfPossession(_ proof: Signature) -> Bool {
        let h = G2Affine(normalizingVartime: G2Projective.hash(compressedRepresentation, dst: PopScheme.popDST))
        return Pairing.isProductOne([(point, h), (-G1Affine.generator, proof.point)])
    }
}

extension PublicKey: CustomStringConvertible {
    public var description: String { hexString }
}
