// G1+Encoding.swift — ZCash / IETF serialization of G1 points (48-byte compressed, 96 uncompressed).
//
// The flag bits are ``ZCashEncoding``'s. Decoding is strict: canonical x (and y) < p, flags
// consistent with the length, infinity exactly 0xc0 (or 0x40) followed by zeros, on the curve, in
// the subgroup.

extension G1Affine {
    /// 48-byte compressed encoding.
    public var compressedRepresentation: [UInt8] {
        ZCashEncoding.encode(coordinates: x.bigEndianBytes, length: 48, compressed: true,
                             isIdentity: isIdentity, yIsLargest: y.isLexicographicallyLargest)
    }

    /// 96-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] {
        ZCashEncoding.encode(coordinates: x.bigEndianBytes + y.bigEndianBytes, length: 96, compressed: false,
                             isIdentity: isIdentity, yIsLargest: false)
    }

    /// Strictly decodes a 48-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard let (b, sign) = try ZCashEncoding.decode(bytes, length: 48, compressed: true) else {
            self = .identity
            return
        }
        guard let x = Fp(bigEndianBytes: b) else { throw .nonCanonical }
        guard var y = (x.squared() * x + G1Projective.b).sqrt() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != sign { y = -y }
        let p = G1Affine(x: x, y: y)
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }

    /// Strictly decodes a 96-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard let (b, _) = try ZCashEncoding.decode(bytes, length: 96, compressed: false) else {
            self = .identity
            return
        }
        guard let x = Fp(bigEndianBytes: b[0..<48]), let y = Fp(bigEndianBytes: b[48..<96]) else { throw .nonCanonical }
        let p = G1Affine(x: x, y: y)
        guard p.isOnCurve else { throw .notOnCurve }
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }
}
