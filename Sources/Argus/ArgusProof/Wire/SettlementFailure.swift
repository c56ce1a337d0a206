import Foundation

/// Why an epoch report or an inclusion proof was refused: `malformed` — not such a message at all
/// (JSON, types, hex; the CLI's exit 2) — or `invalid` — well-formed but not true (exit 1).
public enum SettlementFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// `what` names the message ("an epoch report").
    case malformed(what: String, reason: String)
    case invalid(String)

    public var description: String {
        switch self {
        case let .malformed(what, reason): "not \(what): \(reason)"
        case let .invalid(reason): reason
        }
    }

    /// Decodes the message's JSON shape.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(SettlementFailure) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .malformed(what: what, reason: Registry.reason(error))
        }
    }

    /// A 32-byte field: `0x` and 64 hex digits.
    static func word(_ text: String, field: String, what: String) throws(SettlementFailure) -> Bytes32 {
        guard let value = Bytes32(hex: text) else {
            throw .malformed(what: what, reason: "\(field): expected 0x and 64 hex digits, found \"\(text.prefix(80))\"")
        }
        return value
    }
}
