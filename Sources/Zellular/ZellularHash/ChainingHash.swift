/// Zellular's rolling commitment to a prefix of the batch sequence
/// (`zellular-protocol.md` §5, zsequencer `common/batch.py`):
///
///     H_0 = ""
///     H_i = xxh128_hexdigest(H_{i-1} + xxh128_hexdigest(body_i))
///
/// where `+` concatenates the hex texts. `H_1` therefore hashes a 32-character string and every
/// later step a 64-character string.
public struct ChainingHash: Sendable, Hashable {
    /// The current chaining hash as 32 lower-case hex characters, or `""` before any batch.
    public private(set) var value: String

    /// Starts a walk at `H_0 = ""`, or resumes it from a known chaining hash (for example a
    /// response's `first_chaining_hash`).
    public init(_ value: String = "") {
        self.value = value
    }

    /// Hash of one batch body: `xxh128_hexdigest(body)`.
    public static func batchHash(_ body: String) -> String {
        xxh128Hex(body)
    }

    /// The chaining hash after appending `body`: `h(previous + h(body))`.
    public static func next(previous: String, body: String) -> String {
        xxh128Hex(previous + batchHash(body))
    }

    /// Advances the walk by one batch and returns the new chaining hash.
    @discardableResult
    public mutating func append(_ body: String) -> String {
        value = Self.next(previous: value, body: body)
        return value
    }
}
