import ArgusProcessSupport
import ArgusProof
import ArgusTestSupport
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Yams

/// What operators see, on a live cluster: the dashboard in headless Chromium, Prometheus metrics,
/// webhooks (with a receiver that fails first, to see the retry) and the OpenAPI document checked
/// against the running server.
@Suite(.serialized)
struct OperatorViewEndToEndTests {
    /// Records webhook bodies; answers 500 to the very first one.
    final class Receiver: @unchecked Sendable {
        let lock = NSLock()
        var bodies: [String] = []
        var attempts = 0

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("/hook") { request, _ -> HTTPResponse.Status in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                return self.lock.withLock {
                    self.attempts += 1
                    if self.attempts == 1 { return .internalServerError }
                    self.bodies.append(body)
                    return .ok
                }
            }
            return router
        }

        var received: [String] { lock.withLock { bodies } }
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var chromiumRequired: Bool { Python.isRequired }

    @Test func dashboardMetricsWebhooksAndOpenAPI() async throws {
        let receiver = Receiver()
        try await Application(router: receiver.router()).test(.live) { server in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            var options = LocalCluster.Options()
            options.targets = ["0xNodeA123", "0xNodeB456"]
            options.maxEventAge = 3
            options.epoch = 10
            options.webhooks = ["http://127.0.0.1:\(try #require(server.port))/hook"]
            let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
            defer { cluster.shutdown() }
            try await cluster.prepare()
            try await cluster.startAll()
            try await cluster.set("0xNodeB456", "down")
            let deadline = Date().addingTimeInterval(30)
            while receiver.received.filter({ $0.contains(#""state":"down""#) }).count < 3, Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }

            // Webhooks: each node reports the applied change with its proof, after one retry.
            let downs = receiver.received.filter { $0.contains(#""address":"0xNodeB456""#) && $0.contains(#""state":"down""#) }
            #expect(downs.count == 3, "\(receiver.received)")
            #expect(receiver.attempts >= 4)
            if let first = downs.first {
                struct Body: Decodable { var node: String; var zellular_index: Int; var event: [String: JSONValue] }
                let body = try JSONDecoder().decode(Body.self, from: Data(first.utf8))
                #expect(body.zellular_index >= 1)
                let event = try #require(first.range(of: #""event":"#)).upperBound
                let document = try ProofDocument(json: Data(first[event...].dropLast().utf8))
                let registry = try Registry.parse(json: String(contentsOf: cluster.registryFile, encoding: .utf8))
                #expect(try document.verify(with: registry).signers.count >= 2)
            }

            // Metrics in Prometheus text format.
            let (metricsStatus, metrics) = try await cluster.get("Node1", "/metrics")
            #expect(metricsStatus == 200)
            for line in [#"argus_checks_total{address="0xNodeA123",result="up"}"#, #"argus_target_up{address="0xNodeB456"} 0"#,
                         "argus_check_latency_seconds_bucket", "argus_events_applied_total", "argus_zellular_cursor", "argus_zellular_lag_batches 0",
                         "argus_outbox_depth"] {
                #expect(metrics.contains(line), "no \(line) in /metrics")
            }
            // Whichever node proposed asked its peers.
            var all = ""
            for node in ["Node1", "Node2", "Node3"] { all += try await cluster.get(node, "/metrics").body }
            #expect(all.contains(#"argus_peer_requests_total{kind="state",outcome="ok"}"#))
            #expect(all.contains(#"argus_events_proposed_total{outcome="proposed"}"#))

            try await checkOpenAPI(cluster)
            try await checkDashboard(cluster)
        }
    }

    /// Every documented route answers with a documented status, and documented JSON bodies have
    /// their required fields.
    func checkOpenAPI(_ cluster: LocalCluster) async throws {
        let (status, text) = try await cluster.get("Node1", "/openapi.yaml")
        #expect(status == 200)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        func resolve(_ value: Any?) -> [String: Any]? {
            guard var object = value as? [String: Any] else { return nil }
            while let ref = object["$ref"] as? String {
                let parts = ref.dropFirst(2).split(separator: "/").map(String.init)  // "#/components/x/y"
                var node: Any? = document
                for part in parts { node = (node as? [String: Any])?[part] }
                guard let next = node as? [String: Any] else { return nil }
                object = next
            }
            return object
        }
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(paths.count >= 18)
        // Path templates get the node's first epoch (settled or not: both answers are documented).
        struct Epochs: Decodable { struct Epoch: Decodable { var epoch: UInt64 }; var epochs: [Epoch] }
        let listed = try JSONDecoder().decode(Epochs.self, from: Data(try await cluster.get("Node1", "/epochs").body.utf8))
        let epoch = try #require(listed.epochs.first?.epoch)
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            // A route that changes state, asked without the admin token: one of its documented refusals.
            if let post = (item as? [String: Any])?["post"] as? [String: Any] {
                var request = HTTPClientRequest(url: cluster.members[0].url + path)
                request.method = .POST
                request.body = .bytes(ByteBuffer(string: "{}"))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                let documented = (post["responses"] as? [String: Any])?.keys.map { $0 } ?? []
                #expect(documented.contains(String(response.status.code)) && [401, 403].contains(Int(response.status.code)), "POST \(path): \(response.status)")
            }
            guard let operation = (item as? [String: Any])?["get"] as? [String: Any] else { continue }
            let parameters = (operation["parameters"] as? [Any] ?? []).compactMap(resolve)
            var query = parameters.compactMap { parameter -> String? in
                guard let name = parameter["name"] as? String, let example = parameter["example"] else { return nil }
                return "\(name)=\(example)"
            }
            if path == "/state" { query = ["address=0xNodeA123", "timestamp=\(Int64(Date().timeIntervalSince1970))"] }
            let concrete = path.replacingOccurrences(of: "{epoch}", with: String(epoch))
            let (code, body) = try await cluster.get("Node1", concrete + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
            let responses = try #require(operation["responses"] as? [String: Any])
            #expect(responses[String(code)] != nil, "\(path) answered \(code), not documented: \(body.prefix(200))")
            guard code == 200, let response = resolve(responses["200"]), let content = response["content"] as? [String: Any],
                  let json = content["application/json"] as? [String: Any], let schema = resolve(json["schema"]) else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            for key in schema["required"] as? [String] ?? [] {
                #expect(object?[key] != nil, "\(path): no \(key) in \(body.prefix(300))")
            }
        }
        // Errors are documented too: a missing parameter is a 400 with a detail.
        #expect(try await cluster.get("Node1", "/downtime?address=0xNodeA123").status == 400)
        #expect(try await cluster.get("Node1", "/epochs/x").status == 400)
        #expect(try await cluster.get("Node1", "/epochs/\(epoch)/proof").status == 400)
    }

    /// The page as a person sees it: headless Chromium renders it (JavaScript included), and the
    /// rendered DOM shows the targets, their states, the cluster, the timeline and the proof panel.
    func checkDashboard(_ cluster: LocalCluster) async throws {
        guard let chromium = Self.chromium else {
            #expect(!Self.chromiumRequired, "chromium is required under CI (make deps installs it)")
            return
        }
        let url = cluster.members[0].url + "/"
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--virtual-time-budget=8000", "--window-size=1400,1300"]
        let dom = try runCommand(URL(fileURLWithPath: chromium), arguments + ["--dump-dom", url])
        #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
        for text in ["0xNodeA123", "0xNodeB456", "Node1 — verifiable", "answers", "class=\"badge down\">down", "Event timeline",
                     "Rejected events", "Downtime proof", "Get proof", "2 targets, 1 down, worst 24 h: 0xNodeB456", "1–2 of 2", "<i class=\"p\"", "lag <b>0</b>",
                     "<section id=\"epochs-panel\"><h2>Settlement epochs", "10 s each, domain 0x"] {
            #expect(dom.stdout.contains(text), "the page lacks \(text)")
        }
        let shot = ProcessInfo.processInfo.environment["ARGUS_SCREENSHOT"] ?? cluster.directory.appendingPathComponent("dashboard.png").path
        let picture = try runCommand(URL(fileURLWithPath: chromium), arguments + ["--screenshot=\(shot)", url])
        #expect(picture.status == 0, "\(picture.stderr.suffix(500))")
        let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? NSNumber)?.intValue ?? 0
        #expect(size > 20_000, "screenshot of \(size) bytes")
    }
}

/// Any JSON value (for decoding loosely typed webhook bodies).
enum JSONValue: Decodable {
    case value
    init(from decoder: any Decoder) throws { self = .value }
}
