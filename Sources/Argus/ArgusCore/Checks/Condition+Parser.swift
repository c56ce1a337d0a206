/// The condition grammar (docs/CHECKS.md):
///
///     condition  = expression comparator expression
///     comparator = "==" | "!=" | "<" | "<=" | ">" | ">="
///     expression = term { ("+" | "-") term }
///     term       = number | string | "true" | "false" | "null" | path | "status"
///                | "response_time" | name | "-" term | "(" expression ")"
///     path       = "$" { "." member | "[" integer "]" | "[" string "]" }
///     number     = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ] | "0x" hexdigits
///     string     = '"' … '"' | "'" … "'"        (backslash escapes \" \' \\ \n \t)
///     name       = letter { letter | digit | "_" }   (a reference of the target)
extension Condition {
    /// Why a condition does not parse, and where (1-based column in the condition's text).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var column: Int

        public var description: String { "\(message) at column \(column)" }
    }

    /// Parses `text`; `references` are the names it may use besides the built-in ones.
    public init(parsing text: String, references: Set<String> = []) throws(ParseError) {
        var parser = Parser(text: Array(text.unicodeScalars), references: references)
        let left = try parser.expression()
        let comparator = try parser.comparator()
        let right = try parser.expression()
        parser.skipSpaces()
        guard parser.position == parser.text.count else {
            throw parser.error("unexpected \(parser.describeNext()) after the condition")
        }
        self.init(text: text, left: left, comparator: comparator, right: right)
    }

    private struct Parser {
        let text: [Unicode.Scalar]
        let references: Set<String>
        var position = 0

        init(text: [Unicode.Scalar], references: Set<String>) {
            self.text = text
            self.references = references
        }

        func error(_ message: String, at position: Int? = nil) -> ParseError {
            ParseError(message: message, column: (position ?? self.position) + 1)
        }

        var next: Unicode.Scalar? { position < text.count ? text[position] : nil }

        func describeNext() -> String {
            guard let next else { return "the end" }
            return "\"\(next)\""
        }

        mutating func skipSpaces() {
            while let next, next.properties.isWhitespace { position += 1 }
        }

        mutating func consume(_ literal: String) -> Bool {
            let scalars = Array(literal.unicodeScalars)
            guard position + scalars.count <= text.count, Array(text[position..<position + scalars.count]) == scalars else { return false }
            position += scalars.count
            return true
        }

        mutating func comparator() throws(ParseError) -> Comparator {
            skipSpaces()
            // Two-character comparators first, so "<=" is not read as "<".
            for comparator in Comparator.allCases where consume(comparator.rawValue) { return comparator }
            if next == "=" { throw error("use == to compare") }
            throw error("expected a comparison (==, !=, <, <=, >, >=), found \(describeNext())")
        }

        mutating func expression() throws(ParseError) -> Expression {
            var result = try term()
            while true {
                skipSpaces()
                if consume("+") {
                    result = .sum(result, try term())
                } else if next == "-" {
                    position += 1
                    result = .difference(result, try term())
                } else {
                    return result
                }
            }
        }

        mutating func term() throws(ParseError) -> Expression {
            skipSpaces()
            let start = position
            guard let scalar = next else { throw error("expected a value, found the end") }
            switch scalar {
            case "-":
                position += 1
                return .negation(try term())
            case "(":
                position += 1
                let inner = try expression()
                skipSpaces()
                guard consume(")") else { throw error("expected \")\", found \(describeNext())") }
                return inner
            case "\"", "'":
                return .literal(.string(try string()))
            case "$":
                position += 1
                return .path(try path())
            case "0"..."9", ".":
                return .literal(.number(try number()))
            default:
                guard scalar.properties.isAlphabetic || scalar == "_" else {
                    throw error("expected a value, found \(describeNext())")
                }
                let name = identifier()
                switch name {
                case "true": return .literal(.bool(true))
                case "false": return .literal(.bool(false))
                case "null": return .literal(.null)
                case "status": return .status
                case "response_time": return .responseTime
                default:
                    guard references.contains(name) else {
                        let known = references.isEmpty ? "no references are defined" : "references: \(references.sorted().joined(separator: ", "))"
                        throw error("unknown name \(name) (status, response_time, true, false, null, or a reference; \(known))", at: start)
                    }
                    return .reference(name)
                }
            }
        }

        mutating func identifier() -> String {
            var name = ""
            while let next, next.properties.isAlphabetic || next.properties.numericType != nil || next == "_" {
                name.unicodeScalars.append(next)
                position += 1
            }
            return name
        }

        mutating func number() throws(ParseError) -> Double {
            let start = position
            if consume("0x") || consume("0X") {
                let digitsStart = position
                while let next, next.properties.isASCIIHexDigit { position += 1 }
                guard position > digitsStart, let value = UInt64(String(String.UnicodeScalarView(text[digitsStart..<position])), radix: 16) else {
                    throw error("expected hex digits after 0x", at: start)
                }
                return Double(value)
            }
            while let next, ("0"..."9").contains(next) || next == "." || next == "e" || next == "E"
                || ((next == "+" || next == "-") && position > start && (text[position - 1] == "e" || text[position - 1] == "E")) {
                position += 1
            }
            let literal = String(String.UnicodeScalarView(text[start..<position]))
            guard let value = Double(literal), value.isFinite else { throw error("\"\(literal)\" is not a number", at: start) }
            return value
        }

        mutating func string() throws(ParseError) -> String {
            let start = position
            let quote = text[position]
            position += 1
            var value = String.UnicodeScalarView()
            while let scalar = next {
                position += 1
                if scalar == quote { return String(value) }
                if scalar == "\\" {
                    guard let escaped = next else { break }
                    position += 1
                    switch escaped {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    case "\"", "'", "\\": value.append(escaped)
                    default: throw error("unknown escape \\\(escaped)", at: position - 2)
                    }
                } else {
                    value.append(scalar)
                }
            }
            throw error("unterminated string", at: start)
        }

        mutating func path() throws(ParseError) -> [JSONValue.PathComponent] {
            var components: [JSONValue.PathComponent] = []
            while true {
                if consume(".") {
                    let start = position
                    let name = identifier()
                    guard !name.isEmpty else { throw error("expected a member name after \".\"", at: start) }
                    components.append(.member(name))
                } else if consume("[") {
                    skipSpaces()
                    if next == "\"" || next == "'" {
                        components.append(.member(try string()))
                    } else {
                        let start = position
                        let negative = consume("-")
                        let digitsStart = position
                        while let next, ("0"..."9").contains(next) { position += 1 }
                        guard position > digitsStart, let index = Int(String(String.UnicodeScalarView(text[digitsStart..<position]))) else {
                            throw error("expected an index or a quoted member name in [ ]", at: start)
                        }
                        components.append(.index(negative ? -index : index))
                    }
                    skipSpaces()
                    guard consume("]") else { throw error("expected \"]\", found \(describeNext())") }
                } else {
                    return components
                }
            }
        }
    }
}
