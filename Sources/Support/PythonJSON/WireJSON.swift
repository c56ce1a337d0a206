/// JSON written the way FastAPI's `JSONResponse` writes it (a Zellular node, the reference's
/// monitoring nodes): compact separators, keys in declaration order, UTF-8 emitted raw (Python
/// `json.dumps(ensure_ascii=False, separators=(",", ":"))`): only `"`, `\` and control
/// characters are escaped.
public indirect enum WireJSON: Sendable, Hashable {
    case string(String)
    case int(Int)
    /// A number written from its exact decimal digits (254-bit keys).
    case number(String)
    case bool(Bool)
    case null
    case array([WireJSON])
    case object([(String, WireJSON)])
    /// A value that is already JSON text (an event as it was finalized), written as is.
    case raw(String)

    public static func == (lhs: WireJSON, rhs: WireJSON) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case let .string(value): Self.writeString(value, to: &out)
        case let .int(value): out += String(value)
        case let .number(digits), let .raw(digits): out += digits
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (offset, (key, value)) in fields.enumerated() {
                if offset > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        // Most strings (hex, addresses, names) need no escape: appended whole.
        if !value.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += value
            out += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
