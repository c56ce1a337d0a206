import Foundation

/// Zellular puts 254-bit integers in JSON as bare numbers (`pubkeyG2_X` in node files and
/// `/node/state`); Foundation's number parsing loses their digits. Before decoding such a
/// document, `quotingNumbers` turns every bare number into a string with the same digits, and the
/// types that hold numbers decode them with `ExactNumber`.
public enum ExactJSON {
    /// The document with every number literal outside strings wrapped in double quotes.
    public static func quotingNumbers(_ text: String) -> String {
        var out = [UInt8]()
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    out.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index + 1
                while end < bytes.count, Self.isNumberByte(bytes[end]) { end += 1 }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: bytes[index..<end])
                out.append(UInt8(ascii: "\""))
                index = end
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The keys of the top-level object, in document order (Foundation's decoders do not keep it;
    /// Python's dicts, and so the SDK's node files, do).
    public static func topLevelKeys(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var keys: [String] = []
        var depth = 0
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1 && byte == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey, end <= bytes.count {
                    let raw = Data(bytes[index...min(end, bytes.count - 1)])
                    if let key = try? JSONDecoder().decode(String.self, from: raw) { keys.append(key) }
                    expectingKey = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return keys
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }
}

/// A JSON number (or numeric string) kept as its exact text.
public struct ExactNumber: Decodable, Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text.trimmingCharacters(in: .whitespaces)
        } else if let value = try? container.decode(Int.self) {
            self.text = String(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a number or a numeric string")
        }
    }

    public var description: String { text }

    /// The value if it is a plain non-negative decimal integer.
    public var integerDigits: String? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return text
    }

    public var int: Int? { Int(text) }
}
