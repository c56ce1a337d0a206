/// A configuration problem, naming where it is (file or environment), the key, and what was expected.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var key: String
    public var expected: String
    public var found: String?
    public var line: Int?

    public init(source: String, key: String, expected: String, found: String? = nil, line: Int? = nil) {
        self.source = source
        self.key = key
        self.expected = expected
        self.found = found
        self.line = line
    }

    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": \(key.isEmpty ? "(top level)" : key): expected \(expected)"
        if let found { text += ", found \(found)" }
        return text
    }
}
