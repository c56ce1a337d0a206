import Foundation
import Yams

/// `notifications:` — channels, and which targets each hears (docs in README, "Notifications").
///
///     notifications:
///       channels:
///         ops-slack: {type: slack, url: "https://hooks.slack.com/services/T…/B…/…"}
///         ops-discord: {type: discord, url: "https://discord.com/api/v10/webhooks/…/…"}
///         ops-telegram: {type: telegram, token_file: telegram.token, chat_id: "-1001234567890"}
///         pager: {type: pagerduty, routing_key_file: pagerduty.key}
///         audit: {type: webhook, url: "https://audit.example.org/argus", secret_file: audit.secret}
///       routes:
///         - {targets: ["0xNodeA*"], channels: [pager]}
///         - {channels: [ops-slack, audit]}
///       webhooks: [https://…]          # the older form: generic webhooks that hear every target
public struct NotificationSettings: Sendable, Hashable {
    public struct Channel: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case webhook, slack, discord, telegram, pagerduty
        }

        public var name: String
        public var kind: Kind
        public var url: String?
        public var chatID: String?
        public var tokenFile: String?
        public var routingKeyFile: String?
        public var secretFile: String?
        public var timeout: Double = 10

        /// The channel with its secrets read from their files.
        public func resolved() throws(ConfigurationError) -> NotificationChannel {
            func secret(_ file: String?, _ key: String) throws(ConfigurationError) -> String? {
                guard let file else { return nil }
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw ConfigurationError(source: "notifications.channels.\(name)", key: key, expected: "a readable file", found: file)
                }
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let kind: NotificationChannel.Kind
            switch self.kind {
            case .webhook: kind = .webhook(url: url ?? "", secret: try secret(secretFile, "secret_file").map(NotificationMessage.webhookKey))
            case .slack: kind = .slack(url: url ?? "")
            case .discord: kind = .discord(url: url ?? "")
            case .telegram:
                kind = .telegram(apiURL: url ?? NotificationChannel.defaultTelegramAPI, token: try secret(tokenFile, "token_file") ?? "", chatID: chatID ?? "")
            case .pagerduty:
                let key = try secret(routingKeyFile, "routing_key_file") ?? ""
                guard key.count == 32 else {
                    throw ConfigurationError(source: "notifications.channels.\(name)", key: "routing_key_file",
                                             expected: "a 32-character PagerDuty integration key", found: "\(key.count) characters")
                }
                kind = .pagerduty(url: url ?? NotificationChannel.defaultPagerDutyURL, routingKey: key)
            }
            return NotificationChannel(name: name, kind: kind, timeout: timeout)
        }
    }

    public var channels: [Channel] = []
    public var routes: [NotificationRouting.Route] = []

    public init(channels: [Channel] = [], routes: [NotificationRouting.Route] = []) {
        self.channels = channels
        self.routes = routes
    }

    public var routing: NotificationRouting { NotificationRouting(routes: routes, channels: channels.map(\.name)) }
}

extension YAMLReader {
    static let channelKeys: [NotificationSettings.Channel.Kind: Set<String>] = [
        .webhook: ["type", "url", "secret_file", "timeout"],
        .slack: ["type", "url", "timeout"],
        .discord: ["type", "url", "timeout"],
        .telegram: ["type", "url", "token_file", "chat_id", "timeout"],
        .pagerduty: ["type", "url", "routing_key_file", "timeout"],
    ]

    /// `notifications: {channels, routes, webhooks}`.
    func notifications(_ node: Node) throws(ConfigurationError) -> NotificationSettings {
        let fields = try mapping(node, key: "notifications")
        try rejectUnknownKeys(fields, allowed: ["webhooks", "channels", "routes"], key: "notifications")
        var settings = NotificationSettings()
        if let channels = fields.first(where: { $0.key == "channels" })?.value {
            for (name, value) in try mapping(channels, key: "notifications.channels") {
                settings.channels.append(try channel(name, value))
            }
        }
        if let list = fields.first(where: { $0.key == "webhooks" })?.value {
            guard case let .sequence(items) = list else {
                throw error(at: list, key: "notifications.webhooks", expected: "a list of URLs or {url, timeout, secret_file}", found: describe(list))
            }
            for (index, item) in items.enumerated() {
                let path = "notifications.webhooks[\(index)]"
                var channel = NotificationSettings.Channel(name: index == 0 ? "webhook" : "webhook-\(index + 1)", kind: .webhook, timeout: 5)
                if case .scalar = item {
                    channel.url = try string(item, key: path)
                } else {
                    let entry = try mapping(item, key: path)
                    try rejectUnknownKeys(entry, allowed: ["url", "timeout", "secret_file"], key: path)
                    guard let url = entry.first(where: { $0.key == "url" })?.value else { throw error(at: item, key: join(path, "url"), expected: "the webhook's URL") }
                    channel.url = try string(url, key: join(path, "url"))
                    if let timeout = entry.first(where: { $0.key == "timeout" })?.value { channel.timeout = try seconds(timeout, key: join(path, "timeout"), in: 0.1...60) }
                    if let secret = entry.first(where: { $0.key == "secret_file" })?.value { channel.secretFile = try string(secret, key: join(path, "secret_file")) }
                }
                try checkURL(channel.url, node: item, key: path)
                guard !settings.channels.contains(where: { $0.name == channel.name }) else {
                    throw error(at: item, key: path, expected: "no channel named \(channel.name) besides this webhook")
                }
                settings.channels.append(channel)
            }
        }
        if let routes = fields.first(where: { $0.key == "routes" })?.value {
            guard case let .sequence(items) = routes else {
                throw error(at: routes, key: "notifications.routes", expected: "a list of {targets, channels}", found: describe(routes))
            }
            let names = Set(settings.channels.map(\.name))
            for (index, item) in items.enumerated() {
                let path = "notifications.routes[\(index)]"
                let entry = try mapping(item, key: path)
                try rejectUnknownKeys(entry, allowed: ["targets", "channels"], key: path)
                guard let channels = entry.first(where: { $0.key == "channels" })?.value else {
                    throw error(at: item, key: join(path, "channels"), expected: "the channels this route sends to")
                }
                let listed = try strings(channels, key: join(path, "channels"))
                if let unknown = listed.first(where: { !names.contains($0) }) {
                    throw error(at: channels, key: join(path, "channels"), expected: "channels defined in notifications.channels (\(names.sorted().joined(separator: ", ")))",
                                found: "\"\(unknown)\"")
                }
                let targets = try entry.first(where: { $0.key == "targets" }).map { (pair) throws(ConfigurationError) -> [String] in
                    try strings(pair.value, key: join(path, "targets"))
                }
                settings.routes.append(NotificationRouting.Route(targets: targets, channels: listed))
            }
        }
        return settings
    }

    private func channel(_ name: String, _ node: Node) throws(ConfigurationError) -> NotificationSettings.Channel {
        let key = "notifications.channels.\(name)"
        let fields = try mapping(node, key: key)
        func field(_ name: String) -> Node? { fields.first(where: { $0.key == name })?.value }
        guard let typeNode = field("type") else {
            throw error(at: node, key: join(key, "type"), expected: NotificationSettings.Channel.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let typeText = try string(typeNode, key: join(key, "type"))
        guard let kind = NotificationSettings.Channel.Kind(rawValue: typeText) else {
            throw error(at: typeNode, key: join(key, "type"), expected: NotificationSettings.Channel.Kind.allCases.map(\.rawValue).joined(separator: ", "),
                        found: "\"\(typeText)\"")
        }
        try rejectUnknownKeys(fields, allowed: Self.channelKeys[kind]!, key: key)
        var channel = NotificationSettings.Channel(name: name, kind: kind)
        if let value = field("url") { channel.url = try string(value, key: join(key, "url")) }
        if let value = field("timeout") { channel.timeout = try seconds(value, key: join(key, "timeout"), in: 0.1...60) }
        if let value = field("secret_file") { channel.secretFile = try string(value, key: join(key, "secret_file")) }
        if let value = field("token_file") { channel.tokenFile = try string(value, key: join(key, "token_file")) }
        if let value = field("routing_key_file") { channel.routingKeyFile = try string(value, key: join(key, "routing_key_file")) }
        if let value = field("chat_id") {
            guard case let .scalar(scalar) = value, !scalar.string.isEmpty else {
                throw error(at: value, key: join(key, "chat_id"), expected: "a chat id (-100… or @channel)", found: describe(value))
            }
            channel.chatID = scalar.string
        }
        switch kind {
        case .webhook, .slack, .discord:
            guard channel.url != nil else { throw error(at: node, key: join(key, "url"), expected: "the \(kind.rawValue) webhook's URL") }
        case .telegram:
            guard channel.tokenFile != nil else { throw error(at: node, key: join(key, "token_file"), expected: "a file holding the bot's token") }
            guard channel.chatID != nil else { throw error(at: node, key: join(key, "chat_id"), expected: "the chat to send to") }
        case .pagerduty:
            guard channel.routingKeyFile != nil else {
                throw error(at: node, key: join(key, "routing_key_file"), expected: "a file holding the integration's routing key")
            }
        }
        if let url = channel.url { try checkURL(url, node: field("url") ?? node, key: join(key, "url")) }
        return channel
    }

    private func checkURL(_ url: String?, node: Node, key: String) throws(ConfigurationError) {
        guard let url, let components = URLComponents(string: url), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false else {
            throw error(at: node, key: key, expected: "an http:// or https:// URL", found: "\"\(url ?? "")\"")
        }
    }
}
