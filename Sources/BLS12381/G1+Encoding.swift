// G1+Encoding.swift — ZCash / IETF serialization of G1 points (48-byte compressed, 96 uncompressed).
//
// First byte flags: bit 7 = compressed, bit 6 = infinity, bit 5 = y is lexicographically largest
// (compressed only). Decoding is strict: canonical x (and y) < p, flags consistent with the length,
// infinity exactly 0xc0 (or 0x40) followed by zeros, on the curve, in the subgroup.

extension G1Affine {
    /// 48-byte compressed encoding.
    public var compressedRepresentation: [UInt8] {
        if isIdentity { return [0xc0] + [UInt8](repeating: 0, count: 47) }
        var out = x.bigEndianBytes
        out[0] |= 0x80
        if y.isLexicographicallyLargest { out[0] |= 0x20 }
        return out
    }

    /// 96-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] {
        if isIdentity { return [0x40] + [UInt8](repeating: 0, count: 95) }
        return x.bigEndianBytes + y.bigEndianBytes
    }

    /// Strictly decodes a 48-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        let b = Array(bytes)
        guard b.count == 48 else { throw .badEncoding }
        let compressed = b[0] & 0x80 != 0, infinity = b[0] & 0x40 != 0, sign = b[0] & 0x20 != 0
        guard compressed else { throw .badEncoding }
        if infinity {
            guard !sign, b[0] & 0x1f == 0, b[1...].allSatisfy({ $0 == 0 }) else { throw .nonCanonical }
            self = .identity
            return
        }
        var xb = b
        xb[0] &= 0x1f
        guard let x = Fp(bigEndianBytes: xb) else { throw .nonCanonical }
        guard var y = (x.squared() * x + G1Projective.b).sqrt() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != sign { y = -y }
        let p = G1Affine(x: x, y: y)
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }

    /// Strictly decodes a 96-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        let b = Array(bytes)
        guard b.count == 96 else { throw .badEncoding }
        let compressed = b[0] & 0x80 != 0, infinity = b[0] & 0x40 != 0, sign = b[0] & 0x20 != 0
        guard !compressed, !sign else { throw .badEncoding }
        if infinity {
            guard b[0] & 0x1f == 0, b[1...].allSatisfy({ $0 == 0 }) else { throw .nonCanonical }
            self = .identity
            return
        }
        var xb = Array(b[0..<48])
        xb[0] &= 0x1f
        guard let x = Fp(bigEndianBytes: xb), let y = Fp(bigEndianBytes: b[48..<96]) else { throw .nonCanonical }
        let p = G1Affine(x: x, y: y)
        guard p.isOnCurve else { throw .notOnCurve }
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }
}
