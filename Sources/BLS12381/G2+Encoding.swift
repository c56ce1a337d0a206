// G2+Encoding.swift — ZCash / IETF serialization of G2 points (96-byte compressed, 192 uncompressed).
//
// An 𝔽ₚ² coordinate c0 + c1·u is written c1 ‖ c0 (imaginary part first). The flag bits are
// ``ZCashEncoding``'s, exactly as for G1; decoding is equally strict.

extension Fp2 {
    /// c1 ‖ c0, 96 bytes.
    var zcashBytes: [UInt8] { c1.bigEndianBytes + c0.bigEndianBytes }

    /// Decodes c1 ‖ c0; nil unless both halves are canonical.
    init?(zcashBytes b: ArraySlice<UInt8>) {
        let s = b.startIndex
        guard let c1 = Fp(bigEndianBytes: b[s..<(s + 48)]), let c0 = Fp(bigEndianBytes: b[(s + 48)..<(s + 96)]) else { return nil }
        self.init(c0: c0, c1: c1)
    }
}

extension G2Affine {
    /// 96-byte compressed encoding.
    public var compressedRepresentation: [UInt8] {
        ZCashEncoding.encode(coordinates: x.zcashBytes, length: 96, compressed: true,
                             isIdentity: isIdentity, yIsLargest: y.isLexicographicallyLargest)
    }

    /// 192-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] {
        ZCashEncoding.encode(coordinates: x.zcashBytes + y.zcashBytes, length: 192, compressed: false,
                             isIdentity: isIdentity, yIsLargest: false)
    }

    /// Strictly decodes a 96-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard let (b, sign) = try ZCashEncoding.decode(bytes, length: 96, compressed: true) else {
            self = .identity
            return
        }
        guard let x = Fp2(zcashBytes: b[0..<96]) else { throw .nonCanonical }
        guard var y = (x.squared() * x + G2Projective.b).sqrt() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != sign { y = -y }
        let p = G2Affine(x: x, y: y)
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }

    /// Strictly decodes a 192-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard let (b, _) = try ZCashEncoding.decode(bytes, length: 192, compressed: false) else {
            self = .identity
            return
        }
        guard let x = Fp2(zcashBytes: b[0..<96]), let y = Fp2(zcashBytes: b[96..<192]) else { throw .nonCanonical }
        let p = G2Affine(x: x, y: y)
        guard p.isOnCurve else { throw .notOnCurve }
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }
}
