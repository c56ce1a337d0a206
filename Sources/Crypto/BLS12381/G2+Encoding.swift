// G2+Encoding.swift — ZCash / IETF serialization of G2 points (96-byte compressed, 192
// uncompressed), by ``ZCashEncoding`` (shared with G1). An 𝔽ₚ² coordinate c0 + c1·u is written
// c1 ‖ c0 (imaginary part first).

extension Fp2: ZCashField {
    static var byteCount: Int { 96 }
    /// c1 ‖ c0, 96 bytes.
    var zcashBytes: [UInt8] { c1.bigEndianBytes + c0.bigEndianBytes }
    /// Decodes c1 ‖ c0; nil unless both halves are canonical.
    init?(zcashBytes b: ArraySlice<UInt8>) {
        let s = b.startIndex
        guard let c1 = Fp(bigEndianBytes: b[s..<(s + 48)]), let c0 = Fp(bigEndianBytes: b[(s + 48)..<(s + 96)]) else { return nil }
        self.init(c0: c0, c1: c1)
    }
}

extension G2Affine: ZCashPoint {
    static var curveB: Fp2 { G2Projective.b }

    /// 96-byte compressed encoding.
    public var compressedRepresentation: [UInt8] { ZCashEncoding.compressed(self) }
    /// 192-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] { ZCashEncoding.uncompressed(self) }

    /// Strictly decodes a 96-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        self = try ZCashEncoding.decodeCompressed(bytes, as: G2Affine.self)
    }
    /// Strictly decodes a 192-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        self = try ZCashEncoding.decodeUncompressed(bytes, as: G2Affine.self)
    }
}
