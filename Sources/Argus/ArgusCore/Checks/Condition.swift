/// One condition on a target's answer, e.g. `$.block_number >= head - 50` or `status != 206`
/// (docs/CHECKS.md has the grammar). Pure: the answer and the named references go in, a verdict
/// comes out.
///
/// Operands: numbers (`50`, `2.5`, `0x1f`), strings (`"synced"`), `true`, `false`, `null`, a JSON
/// path into the answer's body (`$.result.height`, `$.peers[0]`, `$["a key"]`), `status` (the HTTP
/// status), `response_time` (milliseconds), and names of references (a value read from another
/// target's latest answer). `+` and `-` combine numbers; a string of digits or `0x…` hex reads as a
/// number where a number is needed (Ethereum's JSON-RPC answers heights in hex).
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public indirect enum Expression: Sendable, Hashable {
        case literal(JSONValue)
        case path([JSONValue.PathComponent])
        case status
        case responseTime
        case reference(String)
        case sum(Expression, Expression)
        case difference(Expression, Expression)
        case negation(Expression)
    }

    public enum Comparator: String, Sendable, Hashable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
    }

    /// The condition as written.
    public let text: String
    public let left: Expression
    public let comparator: Comparator
    public let right: Expression

    public var description: String { text }

    /// What a condition is evaluated against.
    public struct Context: Sendable {
        public var status: Int
        /// Milliseconds.
        public var responseTime: Double
        /// The body as JSON; `nil` if it is not JSON.
        public var body: JSONValue?
        /// The current value of each named reference; `nil` when it is unavailable (its target
        /// has not answered, or its answer lacks the value).
        public var references: [String: JSONValue?]

        public init(status: Int, responseTime: Double, body: JSONValue?, references: [String: JSONValue?] = [:]) {
            self.status = status
            self.responseTime = responseTime
            self.body = body
            self.references = references
        }
    }

    public enum Verdict: Sendable, Hashable {
        case passed
        /// The answer fails the condition; why, with the values seen.
        case failed(String)
        /// A reference it needs is unavailable: the condition says nothing either way (a missing
        /// reference never marks a target down).
        case unknown(String)
    }

    /// The names of the references the condition reads.
    public var references: Set<String> {
        func names(_ expression: Expression) -> Set<String> {
            switch expression {
            case let .reference(name): [name]
            case let .sum(a, b), let .difference(a, b): names(a).union(names(b))
            case let .negation(a): names(a)
            case .literal, .path, .status, .responseTime: []
            }
        }
        return names(left).union(names(right))
    }

    private enum Failure: Error {
        case failed(String)
        case unknown(String)
    }

    public func evaluate(_ context: Context) -> Verdict {
        do throws(Failure) {
            let (a, b) = (try value(left, context), try value(right, context))
            if try compare(a, b) { return .passed }
            return .failed("\(text): \(shown(left, a)) \(comparator.rawValue) \(shown(right, b)) is false")
        } catch {
            switch error {
            case let .failed(reason): return .failed("\(text): \(reason)")
            case let .unknown(reason): return .unknown("\(text): \(reason)")
            }
        }
    }

    private func shown(_ expression: Expression, _ value: JSONValue) -> String {
        if case .literal = expression { return value.summary }
        return "\(Condition.render(expression)) (\(value.summary))"
    }

    private func value(_ expression: Expression, _ context: Context) throws(Failure) -> JSONValue {
        switch expression {
        case let .literal(value):
            return value
        case .status:
            return .number(Double(context.status))
        case .responseTime:
            return .number(context.responseTime)
        case let .path(path):
            guard let body = context.body else { throw .failed("the answer is not JSON") }
            guard let found = body.value(at: path) else { throw .failed("\(Condition.render(.path(path))) is missing from the answer") }
            return found
        case let .reference(name):
            guard let entry = context.references[name] else { throw .unknown("no reference named \(name)") }
            guard let found = entry else { throw .unknown("reference \(name) is unavailable") }
            return found
        case let .sum(a, b):
            return .number(try number(a, context) + number(b, context))
        case let .difference(a, b):
            return .number(try number(a, context) - number(b, context))
        case let .negation(a):
            return .number(-(try number(a, context)))
        }
    }

    private func number(_ expression: Expression, _ context: Context) throws(Failure) -> Double {
        let found = try value(expression, context)
        guard let number = Condition.numeric(found) else {
            throw .failed("\(Condition.render(expression)) is \(found.summary), not a number")
        }
        return number
    }

    /// A number, or a string that spells one (decimal, or `0x` hex).
    static func numeric(_ value: JSONValue) -> Double? {
        switch value {
        case let .number(number): return number
        case let .string(text):
            let trimmed = text.trimmingSpaces
            if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") {
                return UInt64(trimmed.dropFirst(2), radix: 16).map { Double($0) }
            }
            return Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    private func compare(_ a: JSONValue, _ b: JSONValue) throws(Failure) -> Bool {
        // Numbers compare as numbers, a numeric string included, when either side is a number.
        let numericSide: Bool = if case .number = a { true } else if case .number = b { true } else { false }
        if numericSide, let x = Condition.numeric(a), let y = Condition.numeric(b) { return ordered(x, y) }
        if case let .string(x) = a, case let .string(y) = b { return ordered(x, y) }
        switch comparator {
        case .equal: return a == b
        case .notEqual: return a != b
        default: throw .failed("cannot order \(a.summary) and \(b.summary)")
        }
    }

    private func ordered<T: Comparable>(_ x: T, _ y: T) -> Bool {
        switch comparator {
        case .equal: x == y
        case .notEqual: x != y
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        case .greaterOrEqual: x >= y
        }
    }

    static func render(_ expression: Expression) -> String {
        switch expression {
        case let .literal(value): value.summary
        case let .path(path): "$" + path.map(\.description).joined()
        case .status: "status"
        case .responseTime: "response_time"
        case let .reference(name): name
        case let .sum(a, b): "\(render(a)) + \(render(b))"
        case let .difference(a, b): "\(render(a)) - \(render(b))"
        case let .negation(a): "-\(render(a))"
        }
    }
}

extension String {
    /// Without leading and trailing whitespace.
    var trimmingSpaces: Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[first...last]
    }
}
