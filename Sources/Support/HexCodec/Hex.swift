// Hex.swift — the package's one hex codec: lower-case encoding, strict decoding (no Foundation).

/// Hexadecimal text of byte strings, as blspy, py_ecc, xxhash and EIP-2335 keystores write it.
///
/// Encoding is lower case. Decoding is strict: an even number of digits `0-9`, `a-f`, `A-F` and
/// nothing else (no whitespace, no sign); a `0x`/`0X` prefix is accepted only when the caller asks.
/// Encoding computes each digit arithmetically (no table indexed by the data), so it may print
/// secrets; decoding branches on the characters (variable time, like all parsing here).
public enum Hex {
    /// Why a text is not hex.
    public enum Failure: Error, Sendable, Hashable {
        /// An odd number of digits.
        case oddLength
        /// The byte at this UTF-8 offset (after any prefix) is not a hex digit.
        case invalidDigit(offset: Int)
    }

    /// Lower-case hex of `bytes`, two digits a byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 16 lower-case hex digits of `value`, most significant first.
    public static func encode(_ value: UInt64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var shift: UInt64 = 64
        while shift > 0 {
            shift -= 4
            out.append(digit(UInt8(truncatingIfNeeded: value >> shift) & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex text (either case). With `allowingPrefix`, a leading `0x` or `0X` is skipped.
    public static func decode(_ text: some StringProtocol, allowingPrefix: Bool = false) throws(Failure) -> [UInt8] {
        var utf8: Substring.UTF8View = Substring(text).utf8
        if allowingPrefix, utf8.count >= 2, utf8.first == UInt8(ascii: "0"),
           utf8.dropFirst().first.map({ $0 | 0x20 == UInt8(ascii: "x") }) == true {
            utf8 = utf8.dropFirst(2)
        }
        let chars: [UInt8] = Array(utf8)
        guard chars.count % 2 == 0 else { throw .oddLength }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i: Int = 0
        while i < chars.count {
            guard let high = value(chars[i]) else { throw .invalidDigit(offset: i) }
            guard let low = value(chars[i + 1]) else { throw .invalidDigit(offset: i + 1) }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    /// The digit for a nibble n < 16, computed arithmetically (no table indexed by secret data):
    /// '0' + n, plus 39 more when n > 9 ('a' − '0' − 10 = 39); (9 − n) >> 8 is all ones iff n > 9.
    @inline(__always)
    static func digit(_ nibble: UInt8) -> UInt8 {
        let n: UInt16 = UInt16(nibble)
        let above9: UInt16 = (9 &- n) >> 8
        return UInt8(truncatingIfNeeded: 48 &+ n &+ (above9 & 39))
    }

    /// The value of a hex digit (either case), nil for any other byte.
    @inline(__always)
    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Hex.Failure: CustomStringConvertible {
    public var description: String {
        switch self {
        case .oddLength: "odd number of hex digits"
        case let .invalidDigit(offset): "not a hex digit at offset \(offset)"
        }
    }
}
