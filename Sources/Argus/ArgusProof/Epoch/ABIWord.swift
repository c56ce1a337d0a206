/// Solidity's `abi.encode` words: every integer is 32 bytes, big-endian, left-padded with zeros.
enum ABIWord {
    static func encode(_ value: UInt64) -> [UInt8] {
        [UInt8](repeating: 0, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - UInt64($0)))) }
    }

    static func encode(_ value: UInt128) -> [UInt8] {
        [UInt8](repeating: 0, count: 16) + (0..<16).map { UInt8(truncatingIfNeeded: value >> (8 * (15 - UInt128($0)))) }
    }
}
