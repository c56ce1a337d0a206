import HexCodec
import Keccak

/// A 32-byte word: a Keccak-256 hash, a Merkle node, a `target_id`, a domain. Ordered as a
/// big-endian number (byte-wise), written `0x` + 64 lower-case hex digits.
public struct Bytes32: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    public static let zero = Bytes32(unchecked: [UInt8](repeating: 0, count: 32))

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// `0x` + 64 hex digits (either case); the prefix is required, so a word is never mistaken
    /// for a key or a signature.
    public init?(hex text: some StringProtocol) {
        guard text.hasPrefix("0x"), let bytes = try? Hex.decode(text.dropFirst(2)), bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// keccak256 of `data`.
    public static func keccak(_ data: some Sequence<UInt8>) -> Bytes32 { Bytes32(unchecked: Keccak256.hash(data)) }

    public var hex: String { "0x" + Hex.encode(bytes) }
    public var description: String { hex }

    public static func < (a: Bytes32, b: Bytes32) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
