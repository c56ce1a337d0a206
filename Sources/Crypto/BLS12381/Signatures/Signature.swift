// Signature.swift — a BLS signature (or proof of possession) in G2, 96-byte compressed.

import HexCodec

/// A signature: a point of G2 (subgroup-checked when decoded). The identity decodes (it is a
/// valid aggregate of nothing-signed points) but never verifies against a valid key.
public struct Signature: Sendable, Hashable {
    public let point: G2Affine

    init(unchecked point: G2Affine) { self.point = point }

    /// Wraps a point after checking it is on the curve and in G2 (the identity is allowed, as in
    /// signature decoding).
    public init(point: G2Affine) throws(DecodingFailure) {
        guard point.isOnCurve else { throw .notOnCurve }
        guard point.isTorsionFree else { throw .notInSubgroup }
        self.point = point
    }

    /// Strictly decodes a 96-byte compressed signature (signature_subgroup_check included).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        point = try G2Affine(compressedRepresentation: bytes)
    }

    /// Decodes 192 hex digits (either case, optional `0x`).
    public init(hexString: String) throws(DecodingFailure) {
        guard let bytes = try? Hex.decode(hexString, allowingPrefix: true) else { throw .badEncoding }
        try self.init(compressedRepresentation: bytes)
    }

    /// Aggregate(signatures) (§2.8): the point sum. Throws `unexpectedIdentity` for an empty list (the sum of nothing).
    public init(aggregating signatures: [Signature]) throws(DecodingFailure) {
        guard !signatures.isEmpty else { throw .unexpectedIdentity }
        var acc = G2Projective.identity
        for s in signatures { acc = acc + s.point }
        point = G2Affine(normalizingVartime: acc)
    }

    public var compressedRepresentation: [UInt8] { point.compressedRepresentation }
    /// Lower-case hex of the compressed signature, as blspy prints it.
    public var hexString: String { Hex.encode(compressedRepresentation) }
}

extension Signature: CustomStringConvertible {
    public var description: String { hexString }
}
