/// Where notifications go (`notifications.channels` and the older `notifications.webhooks`):
/// a vendor's incoming-webhook or bot API, with what it needs to accept a message.
public struct NotificationChannel: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A generic webhook: the change as JSON, signed (Standard Webhooks) when a secret is set.
        case webhook(url: String, secret: [UInt8]?)
        /// Slack's incoming webhook (`https://hooks.slack.com/services/…`).
        case slack(url: String)
        /// A Discord webhook (`https://discord.com/api/v10/webhooks/{id}/{token}`).
        case discord(url: String)
        /// Telegram's Bot API `sendMessage` to a chat.
        case telegram(apiURL: String, token: String, chatID: String)
        /// PagerDuty Events API v2: trigger when down, resolve when up, one alert per target.
        case pagerduty(url: String, routingKey: String)

        public var name: String {
            switch self {
            case .webhook: "webhook"
            case .slack: "slack"
            case .discord: "discord"
            case .telegram: "telegram"
            case .pagerduty: "pagerduty"
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// Seconds one delivery attempt may take.
    public var timeout: Double

    public init(name: String, kind: Kind, timeout: Double = 10) {
        self.name = name
        self.kind = kind
        self.timeout = timeout
    }

    public static let defaultTelegramAPI = "https://api.telegram.org"
    public static let defaultPagerDutyURL = "https://events.pagerduty.com/v2/enqueue"
}

/// Which channels hear about which targets (`notifications.routes`): each route names channels and,
/// optionally, the targets it covers (exact addresses, or patterns with `*`). A target's changes
/// go to every channel of every route that covers it; with no routes, every channel hears all.
public struct NotificationRouting: Sendable, Hashable {
    public struct Route: Sendable, Hashable {
        /// `nil`: every target.
        public var targets: [String]?
        public var channels: [String]

        public init(targets: [String]? = nil, channels: [String]) {
            self.targets = targets
            self.channels = channels
        }
    }

    public var routes: [Route]
    public var channels: [String]

    public init(routes: [Route], channels: [String]) {
        self.routes = routes
        self.channels = channels
    }

    /// The channels `address`'s changes go to, in the order the channels were configured.
    public func channels(for address: String) -> [String] {
        guard !routes.isEmpty else { return channels }
        var chosen = Set<String>()
        for route in routes where route.targets.map({ $0.contains { Self.matches(address, pattern: $0) } }) ?? true {
            chosen.formUnion(route.channels)
        }
        return channels.filter(chosen.contains)
    }

    /// `pattern` with `*` for any run of characters (case-insensitive, as addresses are hex).
    public static func matches(_ address: String, pattern: String) -> Bool {
        let parts = pattern.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        let text = address.lowercased()
        guard parts.count > 1 else { return text == parts[0] }
        guard text.hasPrefix(parts[0]), text.hasSuffix(parts[parts.count - 1]) else { return false }
        var rest = Substring(text.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= parts[parts.count - 1].count
    }
}
