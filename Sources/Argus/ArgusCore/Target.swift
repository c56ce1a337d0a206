/// A monitored node: its address (the id used in events and queries), how to check it, and how often.
public struct Target: Sendable, Hashable {
    /// How a target is checked.
    public enum Check: Sendable, Hashable, CustomStringConvertible {
        /// `GET {baseURL}{path}`; healthy iff the final status (after redirects) is `expectedStatus`.
        case http(baseURL: String, path: String, expectedStatus: Int)
        /// A TCP connection to `host:port` is accepted within the timeout.
        case tcp(host: String, port: Int)

        public var kind: String {
            switch self {
            case .http: "http"
            case .tcp: "tcp"
            }
        }

        /// Where the check goes, for display (`/targets`, the dashboard, logs): an HTTP URL without
        /// its credentials (`user:password@`), query and fragment, which may carry secrets.
        public var description: String {
            switch self {
            case let .http(baseURL, path, _): Target.Check.redacted(Target.Check.join(baseURL, path))
            case let .tcp(host, port): "\(host):\(port)"
            }
        }

        /// `url` with any userinfo replaced by `***` and any query or fragment cut.
        public static func redacted(_ url: String) -> String {
            var text = Substring(url)
            if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
            // The authority follows the first "://" and ends at the next "/".
            var authorityStart: Substring.Index?
            var index = text.startIndex
            while index < text.endIndex, authorityStart == nil {
                if text[index...].hasPrefix("://") { authorityStart = text.index(index, offsetBy: 3) }
                index = text.index(after: index)
            }
            guard let authorityStart else { return String(text) }
            let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
            guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return String(text) }
            return String(text[..<authorityStart]) + "***@" + String(text[text.index(after: at)...])
        }

        /// `base` + `path` with exactly one slash between them.
        public static func join(_ base: String, _ path: String) -> String {
            let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
            let trimmedPath = path.hasPrefix("/") ? path : "/" + path
            return trimmedBase + trimmedPath
        }
    }

    public var address: String
    public var check: Check
    public var policy: CheckPolicy

    public init(address: String, check: Check, policy: CheckPolicy = .default) {
        self.address = address
        self.check = check
        self.policy = policy
    }
}
