/// A PEP 440 version, ordered as Python's `packaging.version.Version` orders them — the SDK picks
/// gateways running the highest node version (`zellular-protocol.md` §9), and node versions look
/// like `v0.1.7`. Accepts the normalisations PEP 440 allows (a leading `v`, `alpha`/`beta`/`c`/
/// `pre`/`preview`, `rev`/`r`, `-1` for a post-release, `-`/`_`/`.` separators, any case).
public struct PackageVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let epoch: UInt64
    /// Release numbers with trailing zeros removed (`1.0` == `1`).
    public let release: [UInt64]
    /// `(0 = a, 1 = b, 2 = rc, number)`.
    public let pre: (kind: Int, number: UInt64)?
    public let post: UInt64?
    public let dev: UInt64?
    /// Local segments, lower-cased; numbers and words.
    public let local: [LocalSegment]?
    public let description: String

    public enum LocalSegment: Sendable, Hashable, Comparable {
        case word(String)
        case number(UInt64)

        /// PEP 440: numeric segments sort after alphanumeric ones.
        public static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
            switch (lhs, rhs) {
            case let (.word(a), .word(b)): a < b
            case let (.number(a), .number(b)): a < b
            case (.word, .number): true
            case (.number, .word): false
            }
        }
    }

    public init?(_ text: String) {
        var scanner = Scanner(text.lowercased().trimmingWhitespace)
        description = text
        scanner.skip("v")
        var first = scanner.number()
        var epoch: UInt64 = 0
        if first != nil, scanner.skip("!") {
            epoch = first!
            first = scanner.number()
        }
        guard let major = first else { return nil }
        var release = [major]
        while scanner.peek(".", thenDigit: true) {
            scanner.skip(".")
            guard let part = scanner.number() else { return nil }
            release.append(part)
        }
        while release.count > 1, release.last == 0 { release.removeLast() }
        self.epoch = epoch
        self.release = release

        var pre: (Int, UInt64)?
        let saved = scanner
        scanner.skipSeparator()
        if let word = scanner.word(["preview", "alpha", "beta", "pre", "rc", "a", "b", "c"]) {
            scanner.skipSeparator()
            pre = (["alpha": 0, "a": 0, "beta": 1, "b": 1][word] ?? 2, scanner.number() ?? 0)
        } else {
            scanner = saved
        }
        self.pre = pre

        var post: UInt64?
        let beforePost = scanner
        if scanner.skip("-"), let number = scanner.number() {
            post = number
        } else {
            scanner = beforePost
            scanner.skipSeparator()
            if scanner.word(["post", "rev", "r"]) != nil {
                scanner.skipSeparator()
                post = scanner.number() ?? 0
            } else {
                scanner = beforePost
            }
        }
        self.post = post

        var dev: UInt64?
        let beforeDev = scanner
        scanner.skipSeparator()
        if scanner.word(["dev"]) != nil {
            scanner.skipSeparator()
            dev = scanner.number() ?? 0
        } else {
            scanner = beforeDev
        }
        self.dev = dev

        var local: [LocalSegment]?
        if scanner.skip("+") {
            let rest = scanner.rest
            let parts = rest.split(omittingEmptySubsequences: false, whereSeparator: { "._-".contains($0) })
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else {
                return nil
            }
            var segments: [LocalSegment] = []
            for part in parts {
                if part.allSatisfy({ $0.isASCIIDigitCharacter }) {
                    guard let value = UInt64(part) else { return nil }
                    segments.append(.number(value))
                } else {
                    segments.append(.word(String(part)))
                }
            }
            local = segments
            scanner.skipToEnd()
        }
        self.local = local
        guard scanner.atEnd else { return nil }
    }

    public static func == (lhs: PackageVersion, rhs: PackageVersion) -> Bool { lhs.key == rhs.key }

    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    public static func < (lhs: PackageVersion, rhs: PackageVersion) -> Bool { lhs.key < rhs.key }

    /// packaging's sort key: a dev release with no pre/post sorts before every pre-release of its
    /// release; no pre-release sorts after all of them; no post before any; no dev after any.
    var key: Key {
        let preKey: Bounded<Sequence<UInt64>> = if let pre { .value(Sequence([UInt64(pre.kind), pre.number])) }
            else if post == nil, dev != nil { .below } else { .above }
        return Key(epoch: epoch, release: Sequence(release), pre: preKey,
                   post: post.map { .value($0) } ?? .below, dev: dev.map { .value($0) } ?? .above,
                   local: local.map { .value(Sequence($0)) } ?? .below)
    }

    enum Bounded<T: Comparable & Hashable>: Comparable, Hashable {
        case below, value(T), above
    }

    /// Lexicographic order.
    struct Sequence<Element: Comparable & Hashable>: Comparable, Hashable {
        var items: [Element]
        init(_ items: [Element]) { self.items = items }
        static func < (a: Self, b: Self) -> Bool { a.items.lexicographicallyPrecedes(b.items) }
    }

    struct Key: Comparable, Hashable {
        var epoch: UInt64
        var release: Sequence<UInt64>
        var pre: Bounded<Sequence<UInt64>>
        var post: Bounded<UInt64>
        var dev: Bounded<UInt64>
        var local: Bounded<Sequence<LocalSegment>>

        static func < (a: Key, b: Key) -> Bool {
            (a.epoch, a.release, a.pre, a.post, a.dev) != (b.epoch, b.release, b.pre, b.post, b.dev)
                ? (a.epoch, a.release, a.pre, a.post, a.dev) < (b.epoch, b.release, b.pre, b.post, b.dev)
                : a.local < b.local
        }
    }

    /// A cursor over the version's characters.
    struct Scanner {
        let characters: [Character]
        var position = 0

        init(_ text: String) { characters = Array(text) }

        var atEnd: Bool { position == characters.count }
        var rest: String { String(characters[position...]) }

        mutating func skipToEnd() { position = characters.count }

        @discardableResult
        mutating func skip(_ character: Character) -> Bool {
            guard !atEnd, characters[position] == character else { return false }
            position += 1
            return true
        }

        mutating func skipSeparator() {
            if !atEnd, "-_.".contains(characters[position]) { position += 1 }
        }

        func peek(_ character: Character, thenDigit: Bool) -> Bool {
            position + 1 < characters.count && characters[position] == character && characters[position + 1].isASCIIDigitCharacter
        }

        mutating func number() -> UInt64? {
            var end = position
            while end < characters.count, characters[end].isASCIIDigitCharacter { end += 1 }
            guard end > position, let value = UInt64(String(characters[position..<end])) else { return nil }
            position = end
            return value
        }

        /// The first of `words` (longest first) at the cursor.
        mutating func word(_ words: [String]) -> String? {
            for word in words {
                let letters = Array(word)
                if position + letters.count <= characters.count, Array(characters[position..<position + letters.count]) == letters {
                    position += letters.count
                    return word
                }
            }
            return nil
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
