import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// The notification queue is durable: a receiver that fails while the node is killed (SIGKILL)
/// gets the notification after the node restarts, under the same webhook id (delivery is at least
/// once: an answer that comes after the attempt's timeout is tried again, and Standard Webhooks'
/// receivers deduplicate on that id).
@Suite(.serialized)
struct NotificationEndToEndTests {
    final class Receiver: Sendable {
        let failing = Mutex(true)
        let attempts = Mutex<[(id: String, status: Int, body: String)]>([])
    }

    @Test func aFailingReceiverIsRetriedAcrossARestart() async throws {
        let argus = try Executables.argus
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = Receiver()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let status = receiver.failing.withLock { $0 } ? 503 : 200
            receiver.attempts.withLock { $0.append((request.headers[.init("webhook-id")!] ?? "", status, body)) }
            return Response(status: .init(code: status))
        }
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
                              logger: { var logger = Logger(label: "receiver"); logger.logLevel = .critical; return logger }())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            defer { group.cancelAll() }
            var bound: Int?
            while bound == nil { bound = port.withLock { $0 }; try await Task.sleep(for: .milliseconds(10)) }

            let target = try ChildProcess(argus, ["target", "--port", "0"])
            defer { _ = target.stop() }
            let targetPort = try await target.listeningPort()
            try "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".write(to: directory.url.appendingPathComponent("hook.secret"), atomically: true, encoding: .utf8)
            let config = directory.url.appendingPathComponent("argus.yml")
            try """
                listen: 127.0.0.1:0
                data_dir: data
                defaults: {interval: 0.5, retry_interval: 0.25, timeout: 0.5, failures_before_down: 2}
                targets: [{address: "0xNodeA123", url: "http://127.0.0.1:\(targetPort)"}]
                notifications:
                  channels:
                    audit: {type: webhook, url: "http://127.0.0.1:\(bound!)/hook", secret_file: hook.secret, timeout: 10}
                """.write(to: config, atomically: true, encoding: .utf8)
            var node = try ChildProcess(argus, ["serve", "--config", config.path])
            _ = try await node.listeningPort()

            var request = HTTPClientRequest(url: "http://127.0.0.1:\(targetPort)/control")
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: #"{"state": "down"}"#))
            _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
            let deadline = Date().addingTimeInterval(20)
            while receiver.attempts.withLock({ $0.isEmpty }), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let failed = try #require(receiver.attempts.withLock { $0.first })
            #expect(failed.status == 503 && failed.body.contains(#""state":"down""#))

            // A crash while it is failing; the receiver recovers; the node comes back.
            node.kill(SIGKILL)
            node.process.waitUntilExit()
            receiver.failing.withLock { $0 = false }
            node = try ChildProcess(argus, ["serve", "--config", config.path])
            defer { _ = node.stop() }
            _ = try await node.listeningPort()
            let again = Date().addingTimeInterval(30)
            while !receiver.attempts.withLock({ $0.contains { $0.status == 200 } }), Date() < again { try await Task.sleep(for: .milliseconds(100)) }
            let attempts = receiver.attempts.withLock { $0 }
            let delivered = attempts.filter { $0.status == 200 }
            #expect(!delivered.isEmpty, "\(attempts.map { ($0.id, $0.status) })")
            #expect(delivered.allSatisfy { $0.id == failed.id && $0.body == failed.body }, "the same webhook id and body before and after the restart")
            // Nothing more for that change once it is recorded as delivered.
            try await Task.sleep(for: .seconds(2))
            let settled = receiver.attempts.withLock { $0.count }
            try await Task.sleep(for: .seconds(2))
            #expect(receiver.attempts.withLock { $0.count } == settled)
        }
    }
}
