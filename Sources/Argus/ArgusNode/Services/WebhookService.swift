import ArgusCore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PythonJSON
import ServiceLifecycle

/// Webhook notifications of applied state changes: every configured URL gets a `POST` with the
/// event and, in attested modes, its proof; failures are retried with exponential backoff. The
/// queue is in memory and bounded, and `notify` never waits, so notifications never slow
/// monitoring or replication; a change that cannot be delivered after `maxAttempts` is logged.
public final class WebhookService: Service, Sendable {
    public struct Webhook: Sendable, Hashable {
        public var url: String
        public var timeout: Double

        public init(url: String, timeout: Double = 5) {
            self.url = url
            self.timeout = timeout
        }
    }

    let webhooks: [Webhook]
    let http: HTTPClient
    let logger: Logger
    let node: String?
    let maxAttempts: Int
    let firstBackoff: Double
    /// One queue per webhook: a slow or failing receiver holds back only its own notifications.
    let queues: [(stream: AsyncStream<String>, continuation: AsyncStream<String>.Continuation)]

    public init(webhooks: [Webhook], http: HTTPClient, logger: Logger, node: String?, maxAttempts: Int = 8, firstBackoff: Double = 0.5) {
        self.webhooks = webhooks
        self.http = http
        self.logger = logger
        self.node = node
        self.maxAttempts = maxAttempts
        self.firstBackoff = firstBackoff
        queues = webhooks.map { _ in AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(10_000)) }
    }

    /// Queues a notification of an applied change (`event`: the finalized event object, if any).
    public func notify(_ change: StateChange, zellularIndex: Int?, event: String?) {
        let body = WireJSON.object([
            ("node", node.map(WireJSON.string) ?? .null), ("address", .string(change.address)), ("state", .string(change.state.rawValue)),
            ("timestamp", .int(Int(change.timestamp))), ("zellular_index", zellularIndex.map(WireJSON.int) ?? .null),
            ("event", event.map(WireJSON.raw) ?? .null),
        ]).text
        for queue in queues { queue.continuation.yield(body) }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for (webhook, queue) in zip(self.webhooks, self.queues) {
                    // In order, each delivered (or given up) before the next.
                    group.addTask { for await body in queue.stream { await self.deliver(body, to: webhook) } }
                }
            }
        }
    }

    func deliver(_ body: String, to webhook: Webhook) async {
        var delay = firstBackoff
        for attempt in 1...maxAttempts {
            var request = HTTPClientRequest(url: webhook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "argus-webhook")
            request.body = .bytes(ByteBuffer(string: body))
            var failure: String
            do {
                let response = try await http.execute(request, timeout: .milliseconds(Int64(webhook.timeout * 1000)))
                _ = try? await response.body.collect(upTo: 1 << 16)
                if (200..<300).contains(response.status.code) { return }
                failure = "HTTP \(response.status.code)"
            } catch {
                failure = "\(error)"
            }
            if Task.isCancelled { return }
            logger.warning("webhook \(webhook.url): attempt \(attempt) failed (\(failure))\(attempt < maxAttempts ? "; retrying in \(delay) s" : "; giving up")")
            guard attempt < maxAttempts else { return }
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            delay = min(delay * 2, 60)
        }
    }
}
