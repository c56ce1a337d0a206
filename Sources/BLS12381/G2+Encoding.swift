// G2+Encoding.swift — ZCash / IETF serialization of G2 points (96-byte compressed, 192 uncompressed).
//
// An 𝔽ₚ² coordinate c0 + c1·u is written c1 ‖ c0 (imaginary part first). Flags live in the first
// byte exactly as for G1; decoding is equally strict.

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
        if isIdentity { return [0xc0] + [UInt8](repeating: 0, count: 95) }
        var out = x.zcashBytes
        out[0] |= 0x80
        if y.isLexicographicallyLargest { out[0] |= 0x20 }
        return out
    }

    /// 192-byte uncompressed encoding x ‖ y.
    public var uncompressedRepresentation: [UInt8] {
        if isIdentity { return [0x40] + [UInt8](repeating: 0, count: 191) }
        return x.zcashBytes + y.zcashBytes
    }

    /// Strictly decodes a 96-byte compressed point (subgroup-checked).
    public init(compressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        var b = Array(bytes)
        guard b.count == 96 else { throw .badEncoding }
        let compressed = b[0] & 0x80 != 0, infinity = b[0] & 0x40 != 0, sign = b[0] & 0x20 != 0
        guard compressed else { throw .badEncoding }
        if infinity {
            guard !sign, b[0] & 0x1f == 0, b[1...].allSatisfy({ $0 == 0 }) else { throw .nonCanonical }
            self = .identity
            return
        }
        b[0] &= 0x1f
        guard let x = Fp2(zcashBytes: b[0..<96]) else { throw .nonCanonical }
        guard var y = (x.squared() * x + G2Projective.b).sqrt() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != sign { y = -y }
        let p = G2Affine(x: x, y: y)
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }

    /// Strictly decodes a 192-byte uncompressed point (subgroup-checked).
    public init(uncompressedRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        var b = Array(bytes)
        guard b.count == 192 else { throw .badEncoding }
        let compressed = b[0] & 0x80 != 0, infinity = b[0] & 0x40 != 0, sign = b[0] & 0x20 != 0
        guard !compressed, !sign else { throw .badEncoding }
        if infinity {
            guard b[0] & 0x1f == 0, b[1...].allSatisfy({ $0 == 0 }) else { throw .nonCanonical }
            self = .identity
            return
        }
        b[0] &= 0x1f
        guard let x = Fp2(zcashBytes: b[0..<96]), let y = Fp2(zcashBytes: b[96..<192]) else { throw .nonCanonical }
        let p = G2Affine(x: x, y: y)
        guard p.isOnCurve else { throw .notOnCurve }
        guard p.isTorsionFree else { throw .notInSubgroup }
        self = p
    }
}
