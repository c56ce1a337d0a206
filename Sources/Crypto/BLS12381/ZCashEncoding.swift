// ZCashEncoding.swift — the ZCash / IETF point serialization, written once for G1 and G2
// (draft-irtf-cfrg-pairing-friendly-curves-11 Appendix C; zkcrypto's bls12_381 "Serialization").
//
// A point is x (compressed) or x ‖ y (uncompressed), each coordinate big-endian (an 𝔽ₚ² element
// c0 + c1·u as c1 ‖ c0). First byte: bit 7 = compressed, bit 6 = infinity, bit 5 = y is
// lexicographically largest (compressed only). Decoding is strict: the exact length, flags
// consistent with it, infinity exactly 0xc0 (or 0x40) followed by zeros, canonical coordinates
// (< p), on the curve, in the prime-order subgroup.

/// A coordinate field as the encoding writes it: 𝔽ₚ (48 bytes) or 𝔽ₚ² (96).
protocol ZCashField {
    static var byteCount: Int { get }
    var zcashBytes: [UInt8] { get }
    /// nil unless every part is canonical (< p).
    init?(zcashBytes: ArraySlice<UInt8>)
    var isLexicographicallyLargest: Bool { get }
    func sqrt() -> Self?
    func squared() -> Self
    static func * (a: Self, b: Self) -> Self
    static func + (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
}

/// An affine point of G1 or G2, as the encoding needs it.
protocol ZCashPoint {
    associatedtype Field: ZCashField
    /// b of y² = x³ + b.
    static var curveB: Field { get }
    static var identity: Self { get }
    init(x: Field, y: Field)
    var x: Field { get }
    var y: Field { get }
    var isIdentity: Bool { get }
    var isOnCurve: Bool { get }
    var isTorsionFree: Bool { get }
}

enum ZCashEncoding {
    static let compressedFlag: UInt8 = 0x80
    static let infinityFlag: UInt8 = 0x40
    static let signFlag: UInt8 = 0x20

    /// x with the compressed and sign flags, or the compressed infinity.
    static func compressed<P: ZCashPoint>(_ p: P) -> [UInt8] {
        if p.isIdentity { return [compressedFlag | infinityFlag] + [UInt8](repeating: 0, count: P.Field.byteCount - 1) }
        var out: [UInt8] = p.x.zcashBytes
        out[0] |= compressedFlag
        if p.y.isLexicographicallyLargest { out[0] |= signFlag }
        return out
    }

    /// x ‖ y, or the uncompressed infinity.
    static func uncompressed<P: ZCashPoint>(_ p: P) -> [UInt8] {
        if p.isIdentity { return [infinityFlag] + [UInt8](repeating: 0, count: 2 * P.Field.byteCount - 1) }
        return p.x.zcashBytes + p.y.zcashBytes
    }

    /// Strictly decodes a compressed point (subgroup-checked).
    static func decodeCompressed<P: ZCashPoint>(_ bytes: some Collection<UInt8>, as _: P.Type) throws(DecodingFailure) -> P {
        guard let (b, sign) = try flags(bytes, length: P.Field.byteCount, compressed: true) else { return .identity }
        guard let x = P.Field(zcashBytes: b[...]) else { throw .nonCanonical }
        guard var y = (x.squared() * x + P.curveB).sqrt() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != sign { y = -y }
        let p = P(x: x, y: y)
        guard p.isTorsionFree else { throw .notInSubgroup }
        return p
    }

    /// Strictly decodes an uncompressed point (curve- and subgroup-checked).
    static func decodeUncompressed<P: ZCashPoint>(_ bytes: some Collection<UInt8>, as _: P.Type) throws(DecodingFailure) -> P {
        let n: Int = P.Field.byteCount
        guard let (b, _) = try flags(bytes, length: 2 * n, compressed: false) else { return .identity }
        guard let x = P.Field(zcashBytes: b[0..<n]), let y = P.Field(zcashBytes: b[n..<(2 * n)]) else { throw .nonCanonical }
        let p = P(x: x, y: y)
        guard p.isOnCurve else { throw .notOnCurve }
        guard p.isTorsionFree else { throw .notInSubgroup }
        return p
    }

    /// Checks the length and the flags. Returns nil for the point at infinity (accepted only in
    /// its canonical form), else the coordinate bytes with the flags cleared and the sign flag.
    static func flags(_ bytes: some Collection<UInt8>, length: Int, compressed: Bool)
        throws(DecodingFailure) -> (coordinates: [UInt8], sign: Bool)? {
        var b: [UInt8] = Array(bytes)
        guard b.count == length else { throw .badEncoding }
        let isCompressed = b[0] & compressedFlag != 0, infinity = b[0] & infinityFlag != 0, sign = b[0] & signFlag != 0
        guard isCompressed == compressed, compressed || !sign else { throw .badEncoding }
        if infinity {
            guard !sign, b[0] & 0x1f == 0, b[1...].allSatisfy({ $0 == 0 }) else { throw .nonCanonical }
            return nil
        }
        b[0] &= 0x1f
        return (b, sign)
    }
}
