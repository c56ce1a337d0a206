// ZCashEncoding.swift — the flag byte of the ZCash / IETF point serialization, shared by G1 and G2
// (draft-irtf-cfrg-pairing-friendly-curves-11 Appendix C; zkcrypto's bls12_381 "Serialization").
//
// First byte: bit 7 = compressed, bit 6 = infinity, bit 5 = y is lexicographically largest
// (compressed only); the remaining bits begin the big-endian x coordinate.

/// Writing and strictly reading the three flag bits; the coordinates themselves are the caller's.
enum ZCashEncoding {
    static let compressedFlag: UInt8 = 0x80
    static let infinityFlag: UInt8 = 0x40
    static let signFlag: UInt8 = 0x20

    /// The encoding of a point of `length` bytes: `coordinates` (x, or x ‖ y, with the top three
    /// bits clear) with the flags set, or the canonical infinity (0xc0 / 0x40, then zeros).
    static func encode(coordinates: @autoclosure () -> [UInt8], length: Int, compressed: Bool,
                       isIdentity: Bool, yIsLargest: @autoclosure () -> Bool) -> [UInt8] {
        if isIdentity {
            return [compressed ? compressedFlag | infinityFlag : infinityFlag] + [UInt8](repeating: 0, count: length - 1)
        }
        var out: [UInt8] = coordinates()
        if compressed {
            out[0] |= compressedFlag
            if yIsLargest() { out[0] |= signFlag }
        }
        return out
    }

    /// Checks the length and the flags of an encoding. Returns nil for the point at infinity
    /// (accepted only in its canonical form), else the coordinate bytes with the flags cleared and
    /// the sign flag (always false for an uncompressed encoding).
    static func decode(_ bytes: some Collection<UInt8>, length: Int, compressed: Bool)
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
