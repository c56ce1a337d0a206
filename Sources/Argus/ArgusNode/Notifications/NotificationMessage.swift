import ArgusCore
import Crypto
import Foundation
import PythonJSON

/// A state change to tell people about: an applied event of the node's log (its row id is the
/// notification's identity across retries and restarts).
public struct StateNotice: Sendable, Hashable {
    public var eventID: Int64
    public var change: StateChange
    public var zellularIndex: Int?
    /// The event as finalized (with its proof), in replicated modes.
    public var event: String?
    /// This node's name in its cluster.
    public var node: String?

    public init(eventID: Int64, change: StateChange, zellularIndex: Int? = nil, event: String? = nil, node: String? = nil) {
        self.eventID = eventID
        self.change = change
        self.zellularIndex = zellularIndex
        self.event = event
        self.node = node
    }
}

/// The request each vendor expects for a notice, and what its answer means (pure: the driver,
/// `NotificationService`, sends and records). Formats as each vendor documents them:
/// Slack incoming webhooks `{"text"}` → 200 `ok`; Discord webhooks `{"content", "allowed_mentions"}`
/// → 204; Telegram `sendMessage {"chat_id", "text"}` → `{"ok": true}`; PagerDuty Events v2
/// `{"routing_key", "event_action", "dedup_key", "payload"}` → 202; and the generic webhook, signed
/// as Standard Webhooks 1.0 specifies (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,…`).
public enum NotificationMessage {
    public struct Outgoing: Sendable, Hashable {
        public var url: String
        public var headers: [(String, String)]
        public var body: String

        public static func == (lhs: Outgoing, rhs: Outgoing) -> Bool {
            lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(url)
            hasher.combine(body)
        }
    }

    public enum Outcome: Sendable, Hashable {
        case delivered
        /// Try again, not before `after` seconds if the receiver said so.
        case retry(reason: String, after: Double?)
        /// The receiver will never take it (a deleted webhook, a bad key): given up.
        case permanent(String)
    }

    /// The webhook id Standard Webhooks' receivers deduplicate on: the same for every attempt.
    public static func messageID(_ notice: StateNotice, node: String?) -> String {
        "argus_\(node.map { $0 + "_" } ?? "")\(notice.eventID)"
    }

    /// One line for people: `0xNodeA123 is DOWN since 2026-12-06 21:40:12Z (Zellular #12, node Node1)`.
    public static func text(_ notice: StateNotice) -> String {
        let change = notice.change
        let mark = change.state == .down ? "🔴" : "🟢"
        let verb = change.state == .down ? "is DOWN" : "is UP again"
        var details: [String] = []
        if let index = notice.zellularIndex { details.append("Zellular #\(index), proven by the cluster") }
        if let node = notice.node { details.append("seen by \(node)") }
        return "\(mark) \(change.address) \(verb) since \(iso8601(change.timestamp))" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    static func iso8601(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The generic webhook's body (unchanged from before channels existed).
    public static func webhookBody(_ notice: StateNotice) -> String {
        WireJSON.object([
            ("node", notice.node.map(WireJSON.string) ?? .null), ("address", .string(notice.change.address)),
            ("state", .string(notice.change.state.rawValue)), ("timestamp", .int(Int(notice.change.timestamp))),
            ("zellular_index", notice.zellularIndex.map(WireJSON.int) ?? .null), ("event", notice.event.map(WireJSON.raw) ?? .null),
        ]).text
    }

    /// The request for `notice` on `channel`, sent at `now` (Unix seconds).
    public static func request(_ notice: StateNotice, channel: NotificationChannel, now: Int64) -> Outgoing {
        let json = [("Content-Type", "application/json")]
        switch channel.kind {
        case let .webhook(url, secret):
            let body = webhookBody(notice)
            var headers = json + [("User-Agent", "argus-webhook")]
            if let secret {
                let id = messageID(notice, node: notice.node)
                headers += [("webhook-id", id), ("webhook-timestamp", String(now)),
                            ("webhook-signature", "v1," + standardWebhookSignature(secret: secret, id: id, timestamp: now, body: body))]
            }
            return Outgoing(url: url, headers: headers, body: body)
        case let .slack(url):
            return Outgoing(url: url, headers: json, body: WireJSON.object([("text", .string(text(notice)))]).text)
        case let .discord(url):
            // No mentions: an address can never ping anyone.
            return Outgoing(url: url, headers: json, body: WireJSON.object([
                ("content", .string(text(notice))), ("allowed_mentions", .object([("parse", .array([]))])),
            ]).text)
        case let .telegram(apiURL, token, chatID):
            let chat: WireJSON = Int64(chatID).map { .number(String($0)) } ?? .string(chatID)
            return Outgoing(url: Target.Check.join(apiURL, "/bot\(token)/sendMessage"), headers: json, body: WireJSON.object([
                ("chat_id", chat), ("text", .string(text(notice))), ("link_preview_options", .object([("is_disabled", .bool(true))])),
            ]).text)
        case let .pagerduty(url, routingKey):
            let dedupKey = "argus/\(notice.change.address)"
            guard notice.change.state == .down else {
                return Outgoing(url: url, headers: json, body: WireJSON.object([
                    ("routing_key", .string(routingKey)), ("event_action", .string("resolve")), ("dedup_key", .string(dedupKey)),
                ]).text)
            }
            var details: [(String, WireJSON)] = [("address", .string(notice.change.address)), ("state", .string("down")),
                                                 ("since", .int(Int(notice.change.timestamp)))]
            if let index = notice.zellularIndex { details.append(("zellular_index", .int(index))) }
            return Outgoing(url: url, headers: json, body: WireJSON.object([
                ("routing_key", .string(routingKey)), ("event_action", .string("trigger")), ("dedup_key", .string(dedupKey)),
                ("payload", .object([
                    ("summary", .string("\(notice.change.address) is down")), ("source", .string(notice.node ?? "argus")),
                    ("severity", .string("critical")), ("timestamp", .string(iso8601(notice.change.timestamp))),
                    ("component", .string(notice.change.address)), ("class", .string("downtime")), ("custom_details", .object(details)),
                ])),
                ("client", .string("Argus")),
            ]).text)
        }
    }

    /// `base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}"))` (Standard Webhooks 1.0, `v1`).
    public static func standardWebhookSignature(secret: [UInt8], id: String, timestamp: Int64, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: secret))
        return Data(mac).base64EncodedString()
    }

    /// The key of a Standard Webhooks secret: `whsec_<base64>` decoded, else the text's bytes.
    public static func webhookKey(_ secret: String) -> [UInt8] {
        if secret.hasPrefix("whsec_"), let data = Data(base64Encoded: String(secret.dropFirst(6))) { return Array(data) }
        return Array(secret.utf8)
    }

    /// What an answer means, as each vendor documents it.
    public static func outcome(_ channel: NotificationChannel, status: Int, retryAfterHeader: String?, body: String) -> Outcome {
        let retryAfter = retryAfterHeader.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        let excerpt = String(body.prefix(200))
        func transient() -> Outcome { .retry(reason: "HTTP \(status)\(excerpt.isEmpty ? "" : ": \(excerpt)")", after: retryAfter) }
        switch channel.kind {
        case .webhook:
            if (200..<300).contains(status) { return .delivered }
            if [408, 425, 429].contains(status) || status >= 500 || (300..<400).contains(status) { return transient() }
            return .permanent("HTTP \(status): \(excerpt)")
        case .slack:
            if status == 200 { return .delivered }
            if status == 429 || status >= 500 { return transient() }
            return .permanent("HTTP \(status): \(excerpt)")
        case .discord:
            if status == 204 || status == 200 { return .delivered }
            if status == 429 {
                struct Limited: Decodable { var retry_after: Double }
                let after = retryAfter ?? (try? JSONDecoder().decode(Limited.self, from: Data(body.utf8)))?.retry_after
                return .retry(reason: "rate limited", after: after)
            }
            if status >= 500 { return transient() }
            return .permanent("HTTP \(status): \(excerpt)")
        case .telegram:
            struct Answer: Decodable {
                struct Parameters: Decodable { var retry_after: Double? }
                var ok: Bool
                var description: String?
                var parameters: Parameters?
            }
            let answer = try? JSONDecoder().decode(Answer.self, from: Data(body.utf8))
            if status == 200, answer?.ok == true { return .delivered }
            if status == 429 { return .retry(reason: answer?.description ?? "rate limited", after: answer?.parameters?.retry_after ?? retryAfter) }
            if status >= 500 { return transient() }
            return .permanent("HTTP \(status): \(answer?.description ?? excerpt)")
        case .pagerduty:
            if status == 202 { return .delivered }
            // PagerDuty documents no Retry-After; it suggests retries 30 s apart.
            if status == 429 { return .retry(reason: "rate limited", after: retryAfter ?? 30) }
            if status >= 500 { return transient() }
            return .permanent("HTTP \(status): \(excerpt)")
        }
    }

    /// The pause before attempt `attempt + 1`: 1 s doubling to at most 10 min, and never sooner
    /// than the receiver asked.
    public static func backoff(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        let exponential = min(600, pow(2, Double(max(0, attempt - 1))))
        return max(exponential, min(3600, retryAfter ?? 0))
    }

    /// How long a notification is retried before it is given up.
    public static let giveUpAfter: Double = 86_400
}
