import ArgusCore
import ArgusNode
import ArgusProcessSupport
import ArgusStore
import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// Notifications against receivers that speak each vendor's documented API (Slack incoming
/// webhooks, Discord webhooks, Telegram sendMessage, PagerDuty Events v2, Standard Webhooks), with
/// a real store: payloads, order, retries with backoff and Retry-After, and permanent refusals.
@Suite(.serialized)
struct NotificationTests {
    /// A clock the test moves.
    final class ManualClock: WallClock, @unchecked Sendable {
        let time = Mutex(1_800_000_000.0)
        func now() -> Double { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
    }

    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let routingKey = "e93facc04764012d7bfb002500d5d1a6"
    static let telegramToken = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"

    /// The receivers: each route answers as its vendor documents, or with a scripted failure.
    final class Receivers: Sendable {
        struct Received: Sendable { var path: String; var headers: [String: String]; var body: String }
        let received = Mutex<[Received]>([])
        /// Per path prefix: statuses (and bodies, headers) to answer before the vendor's success.
        let failures = Mutex<[String: [(Int, String, [String: String])]]>([:])

        func failNext(_ prefix: String, _ status: Int, body: String = "", headers: [String: String] = [:]) {
            failures.withLock { $0[prefix, default: []].append((status, body, headers)) }
        }

        func requests(_ prefix: String) -> [Received] { received.withLock { $0.filter { $0.path.hasPrefix(prefix) } } }

        func answer(path: String, headers: [String: String], body: String) -> (Int, String, [String: String]) {
            received.withLock { $0.append(Received(path: path, headers: headers, body: body)) }
            let prefix = ["/slack", "/discord", "/telegram", "/pagerduty", "/hook"].first { path.hasPrefix($0) } ?? path
            if let failure = failures.withLock({ $0[prefix]?.isEmpty == false ? $0[prefix]!.removeFirst() : nil }) { return failure }
            let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
            switch prefix {
            case "/slack":
                return object["text"] is String ? (200, "ok", [:]) : (400, "invalid_payload", [:])
            case "/discord":
                return object["content"] is String ? (204, "", [:]) : (400, #"{"message": "Cannot send an empty message", "code": 50006}"#, [:])
            case "/telegram":
                guard path == "/telegram/bot\(NotificationTests.telegramToken)/sendMessage" else { return (401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#, [:]) }
                guard object["chat_id"] != nil, let text = object["text"] as? String, (1...4096).contains(text.count) else {
                    return (400, #"{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}"#, [:])
                }
                return (200, #"{"ok":true,"result":{"message_id":42,"chat":{"id":-1001234567890,"type":"supergroup"},"date":1746268800,"text":"x"}}"#, [:])
            case "/pagerduty":
                let action = object["event_action"] as? String
                let valid = (object["routing_key"] as? String)?.count == 32 && ["trigger", "resolve", "acknowledge"].contains(action ?? "")
                    && object["dedup_key"] is String
                    && (action != "trigger" || ((object["payload"] as? [String: Any]).map { $0["summary"] is String && $0["source"] is String
                        && ["critical", "error", "warning", "info"].contains($0["severity"] as? String ?? "") } ?? false))
                guard valid else {
                    return (400, #"{"status": "invalid event", "message": "Event object is invalid", "errors": ["missing fields"]}"#, [:])
                }
                return (202, #"{"status":"success","message":"Event processed","dedup_key":"\#(object["dedup_key"] as? String ?? "")"}"#, [:])
            default:
                // Standard Webhooks: the receiver verifies the signature over id.timestamp.body.
                guard let id = headers["webhook-id"], let stamp = headers["webhook-timestamp"], let signature = headers["webhook-signature"] else {
                    return (401, "unsigned", [:])
                }
                let key = Data(base64Encoded: String(NotificationTests.secret.dropFirst(6)))!
                let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(stamp).\(body)".utf8), using: SymmetricKey(data: key))
                return signature.split(separator: " ").contains("v1," + Data(mac).base64EncodedString()) ? (200, "", [:]) : (401, "bad signature", [:])
            }
        }
    }

    func withReceivers(_ body: @Sendable (Receivers, String) async throws -> Void) async throws {
        let receivers = Receivers()
        let router = Router()
        router.post("/**") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let (status, answer, extra) = receivers.answer(path: request.uri.path, headers: headers, body: text)
            var response = Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: answer)))
            for (name, value) in extra { response.headers[.init(name)!] = value }
            return response
        }
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
                              logger: { var logger = Logger(label: "receivers"); logger.logLevel = .critical; return logger }())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            defer { group.cancelAll() }
            var bound: Int?
            while bound == nil { bound = port.withLock { $0 }; try await Task.sleep(for: .milliseconds(10)) }
            try await body(receivers, "http://127.0.0.1:\(bound!)")
        }
    }

    func channels(_ base: String) -> [NotificationChannel] {
        [
            NotificationChannel(name: "slack", kind: .slack(url: base + "/slack/services/T1/B2/XXXX")),
            NotificationChannel(name: "discord", kind: .discord(url: base + "/discord/api/v10/webhooks/1/token")),
            NotificationChannel(name: "telegram", kind: .telegram(apiURL: base + "/telegram", token: Self.telegramToken, chatID: "-1001234567890")),
            NotificationChannel(name: "pager", kind: .pagerduty(url: base + "/pagerduty/v2/enqueue", routingKey: Self.routingKey)),
            NotificationChannel(name: "hook", kind: .webhook(url: base + "/hook", secret: NotificationMessage.webhookKey(Self.secret))),
        ]
    }

    func service(_ store: EventStore, _ base: String, clock: ManualClock, routes: [NotificationRouting.Route] = []) -> NotificationService {
        let list = channels(base)
        var logger = Logger(label: "notifications")
        logger.logLevel = .critical
        return NotificationService(channels: list, routing: NotificationRouting(routes: routes, channels: list.map(\.name)), store: store,
                                   http: HTTPClient.shared, clock: clock, logger: logger, node: "Node1")
    }

    @Test func everyVendorGetsItsDocumentedPayloadInOrder() async throws {
        try await withReceivers { receivers, base in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let clock = ManualClock()
            let store = try EventStore(directory: directory.path, clock: clock)
            let service = service(store, base, clock: clock)
            try await store.append(StateChange(address: "0xNodeA123", state: .down, timestamp: 1_800_000_000))
            try await store.append(StateChange(address: "0xNodeA123", state: .up, timestamp: 1_800_000_060))
            await service.pass()

            let slack = receivers.requests("/slack")
            #expect(slack.map(\.body) == [#"{"text":"🔴 0xNodeA123 is DOWN since 2027-01-15T08:00:00Z (seen by Node1)"}"#,
                                          #"{"text":"🟢 0xNodeA123 is UP again since 2027-01-15T08:01:00Z (seen by Node1)"}"#])
            #expect(slack.first?.headers["content-type"] == "application/json")
            #expect(receivers.requests("/discord").first?.body
                == #"{"content":"🔴 0xNodeA123 is DOWN since 2027-01-15T08:00:00Z (seen by Node1)","allowed_mentions":{"parse":[]}}"#)
            #expect(receivers.requests("/telegram").first?.body
                == #"{"chat_id":-1001234567890,"text":"🔴 0xNodeA123 is DOWN since 2027-01-15T08:00:00Z (seen by Node1)","link_preview_options":{"is_disabled":true}}"#)
            let pager = receivers.requests("/pagerduty").map(\.body)
            #expect(pager.count == 2)
            #expect(pager.first?.hasPrefix(#"{"routing_key":"e93facc04764012d7bfb002500d5d1a6","event_action":"trigger","dedup_key":"argus/0xNodeA123","payload":{"summary":"0xNodeA123 is down","source":"Node1","severity":"critical","timestamp":"2027-01-15T08:00:00Z""#) == true, "\(pager)")
            #expect(pager.last == #"{"routing_key":"e93facc04764012d7bfb002500d5d1a6","event_action":"resolve","dedup_key":"argus/0xNodeA123"}"#)
            let hooks = receivers.requests("/hook")
            #expect(hooks.map(\.body).first == #"{"node":"Node1","address":"0xNodeA123","state":"down","timestamp":1800000000,"zellular_index":null,"event":null}"#)
            #expect(hooks.first?.headers["webhook-id"] == "argus_Node1_1" && hooks.last?.headers["webhook-id"] == "argus_Node1_2")
            #expect(hooks.first?.headers["webhook-timestamp"] == "1800000000")
            let counts = try await store.notificationCounts()
            #expect(counts.values.allSatisfy { $0.delivered == 2 && $0.pending == 0 && $0.dead == 0 }, "\(counts)")
            await service.pass()
            #expect(receivers.requests("/slack").count == 2, "each delivered once")
        }
    }

    @Test func retriesWithBackoffAndRetryAfterAndGivesUpOnPermanentRefusals() async throws {
        try await withReceivers { receivers, base in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let clock = ManualClock()
            let store = try EventStore(directory: directory.path, clock: clock)
            let service = service(store, base, clock: clock, routes: [.init(targets: ["0xa*"], channels: ["slack", "discord", "telegram"])])
            receivers.failNext("/slack", 503, body: "rollup_error")
            receivers.failNext("/discord", 429, body: #"{"message": "You are being rate limited.", "retry_after": 64.57, "global": false}"#)
            receivers.failNext("/telegram", 403, body: #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#)
            try await store.append(StateChange(address: "0xaaaa", state: .down, timestamp: 1_800_000_000))
            try await store.append(StateChange(address: "0xbbbb", state: .down, timestamp: 1_800_000_000))
            try await store.append(StateChange(address: "0xaaaa", state: .up, timestamp: 1_800_000_030))
            await service.pass()
            // 0xbbbb is routed nowhere; slack and discord each stopped at their first failure;
            // telegram gave the first up for good and went on to the next.
            #expect(receivers.requests("/slack").count == 1 && receivers.requests("/discord").count == 1)
            #expect(receivers.requests("/telegram").count == 2)
            #expect(receivers.requests("/pagerduty").isEmpty && receivers.requests("/hook").isEmpty)
            var counts = try await store.notificationCounts()
            #expect(counts["telegram"]?.dead == 1 && counts["telegram"]?.delivered == 1)
            #expect(counts["slack"]?.pending == 2)

            // Slack retries after 1 s; Discord not before the 64.57 s it asked for.
            clock.advance(1.5)
            await service.pass()
            #expect(receivers.requests("/slack").count == 3 && receivers.requests("/discord").count == 1)
            clock.advance(64)
            await service.pass()
            #expect(receivers.requests("/discord").count == 3)
            counts = try await store.notificationCounts()
            #expect(counts["slack"]?.delivered == 2 && counts["discord"]?.delivered == 2 && counts.values.allSatisfy { $0.pending == 0 })
        }
    }

    @Test func standardWebhooksVector() {
        // Standard Webhooks 1.0's algorithm on the reference library's test secret (cross-checked with Python's hmac).
        let signature = NotificationMessage.standardWebhookSignature(secret: NotificationMessage.webhookKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                                                                     id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_674_087_231, body: #"{"test": 2432232314}"#)
        #expect(signature == "AQG81rX2n4rTN1fkXoqILSHO9gAOcwya9dP41rhrQDI=")
    }

    @Test func outcomesAsTheVendorsDocumentThem() {
        let slack = NotificationChannel(name: "s", kind: .slack(url: "https://x"))
        #expect(NotificationMessage.outcome(slack, status: 429, retryAfterHeader: "30", body: "") == .retry(reason: "HTTP 429", after: 30))
        #expect(NotificationMessage.outcome(slack, status: 410, retryAfterHeader: nil, body: "channel_is_archived") == .permanent("HTTP 410: channel_is_archived"))
        let pager = NotificationChannel(name: "p", kind: .pagerduty(url: "https://x", routingKey: Self.routingKey))
        #expect(NotificationMessage.outcome(pager, status: 429, retryAfterHeader: nil, body: "") == .retry(reason: "rate limited", after: 30))
        let telegram = NotificationChannel(name: "t", kind: .telegram(apiURL: "https://x", token: "t", chatID: "1"))
        #expect(NotificationMessage.outcome(telegram, status: 429, retryAfterHeader: nil,
                                            body: #"{"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 35", "parameters": {"retry_after": 35}}"#)
            == .retry(reason: "Too Many Requests: retry after 35", after: 35))
        #expect(NotificationMessage.backoff(afterAttempt: 1, retryAfter: nil) == 1 && NotificationMessage.backoff(afterAttempt: 30, retryAfter: nil) == 600)
    }
}
