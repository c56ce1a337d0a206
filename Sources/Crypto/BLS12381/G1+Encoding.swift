// G1+Encoding.swift — ZCash / IETF serialization of G1 points (48-byte compressed, 96
// uncompressed), by ``ZCashEncoding`` (shared with G2).

extension Fp: ZCashField {
    static var byteCount: Int { 48 }
    var zcashBytes: [UInt8] { bigEndianBytes }
    init?(zcashBytes b: ArraySlice<UInt8>) { self.init(bigEndianBytes: b) }
}

extension G1Affine: ZCashPoint {
    static var curveB: Fp { G1Projective.b }

    /// 48-byte compressed encoding.
    public var compressedRepresentation: [UInt8] { ZCashEncoding.compressed(self) }
    /// 96-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] { ZCashEncoding.uncompressed(self) }

    /// Strictly decodes a 48-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        self = try ZCashEncoding.decodeCompressed(bytes, as: G1Affine.self)
    }
    /// Strictly decodes a 96-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        self = try ZCashEncoding.decodeUncompressed(bytes, as: G1Affine.self)
    }
}
