/// A JSON document as a check's conditions see it: what a target answered, decoded once by the
/// probe (any `Decoder`; numbers as `Double`, exact up to 2^53) and read here by JSON path.
public indirect enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// One step of a JSON path: a member name or an array index.
    public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
        case member(String)
        case index(Int)

        public var description: String {
            switch self {
            case let .member(name):
                name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !name.isEmpty ? ".\(name)" : "[\"\(name)\"]"
            case let .index(index): "[\(index)]"
            }
        }
    }

    /// The value at `path` (`nil` if a step is missing or of the wrong kind); a negative index
    /// counts from the end (`[-1]`: the last element).
    public func value(at path: [PathComponent]) -> JSONValue? {
        var current = self
        for component in path {
            switch (component, current) {
            case let (.member(name), .object(members)):
                guard let next = members[name] else { return nil }
                current = next
            case let (.index(index), .array(elements)):
                let position = index < 0 ? elements.count + index : index
                guard elements.indices.contains(position) else { return nil }
                current = elements[position]
            default:
                return nil
            }
        }
        return current
    }

    /// Short text for messages: numbers without a needless `.0`, strings quoted, containers named.
    public var summary: String {
        switch self {
        case .null: "null"
        case let .bool(value): "\(value)"
        case let .number(value): JSONValue.format(value)
        case let .string(value): "\"\(value.count > 40 ? value.prefix(40) + "…" : value)\""
        case let .array(elements): "an array of \(elements.count)"
        case let .object(members): "an object of \(members.count) keys"
        }
    }

    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
