/// Hex helpers for test vectors (lenient: tests feed them known-good hex).
public func hexBytes(_ hex: String) -> [UInt8] {
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: 0
        }
    }
    let utf8 = Array(hex.utf8)
    return stride(from: 0, to: utf8.count - 1, by: 2).map { nibble(utf8[$0]) << 4 | nibble(utf8[$0 + 1]) }
}

/// Lower-case hex.
public func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
