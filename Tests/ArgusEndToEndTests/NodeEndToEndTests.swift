import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Real `argus serve` and `argus target` processes on loopback.
@Suite(.serialized)
struct NodeEndToEndTests {
    struct Events: Decodable {
        struct Event: Decodable { var state: String; var timestamp: Int64 }
        var state: String
        var events: [Event]
    }

    struct Downtime: Decodable {
        var total_downtime_seconds: Int64
    }

    func get(_ url: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    func post(_ url: String, json: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body.utf8))
    }

    /// Polls `url` until `done` holds for its decoded body.
    func waitFor<T: Decodable>(_ type: T.Type, _ url: String, timeout: Double = 20, _ done: (T) -> Bool) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        var last: T?
        while Date() < deadline {
            let (status, body) = try await get(url)
            if status == 200, let value = try? decode(T.self, body) {
                last = value
                if done(value) { return value }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting on \(url); last: \(String(describing: last))")
        throw ChildProcess.Timeout(description: "timed out waiting on \(url)")
    }

    @Test func detectsAnOutageAndReportsItsDowntime() async throws {
        let argus = try Executables.argus
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let targetA = try ChildProcess(argus, ["target", "--port", "0"])
        let targetB = try ChildProcess(argus, ["target", "--port", "0"])
        let portA = try await targetA.listeningPort()
        let portB = try await targetB.listeningPort()
        let config = directory.url.appendingPathComponent("argus.yml")
        try """
            listen: 127.0.0.1:0
            defaults: {interval: 0.5, retry_interval: 0.25, timeout: 0.5, failures_before_down: 2}
            targets:
              - {address: "0xNodeA123", url: "http://127.0.0.1:\(portA)"}
              - {address: "0xNodeB456", url: "http://127.0.0.1:\(portB)"}
              - {address: tcp-b, host: "127.0.0.1:\(portB)"}
            """.write(to: config, atomically: true, encoding: .utf8)
        let dataDir = directory.url.appendingPathComponent("data").path
        var node = try ChildProcess(argus, ["serve", "--config", config.path], environment: ["ARGUS_DATA_DIR": dataDir])
        var base = "http://127.0.0.1:\(try await node.listeningPort())"

        // Everything is checked and up.
        struct Targets: Decodable {
            struct Entry: Decodable { var address: String; var state: String; var checks: Int }
            var targets: [Entry]
        }
        _ = try await waitFor(Targets.self, "\(base)/targets") { $0.targets.count == 3 && $0.targets.allSatisfy { $0.checks > 0 && $0.state == "up" } }

        // A goes down (503) and B hangs, for about four seconds.
        let outageStart = Date().timeIntervalSince1970
        #expect(try await post("http://127.0.0.1:\(portA)/control", json: #"{"state":"down"}"#) == 200)
        #expect(try await post("http://127.0.0.1:\(portB)/control", json: #"{"state":"hang"}"#) == 200)
        let detectedDown = try await waitFor(Events.self, "\(base)/events?address=0xNodeA123") { $0.state == "down" }
        let detectionDelay = Date().timeIntervalSince1970 - outageStart
        _ = try await waitFor(Events.self, "\(base)/events?address=0xNodeB456") { $0.state == "down" }
        try await Task.sleep(for: .seconds(3))
        let outageEnd = Date().timeIntervalSince1970
        #expect(try await post("http://127.0.0.1:\(portA)/control", json: #"{"state":"up"}"#) == 200)
        #expect(try await post("http://127.0.0.1:\(portB)/control", json: #"{"state":"up"}"#) == 200)
        let history = try await waitFor(Events.self, "\(base)/events?address=0xNodeA123") { $0.state == "up" && $0.events.count == 2 }
        _ = try await waitFor(Events.self, "\(base)/events?address=0xNodeB456") { $0.state == "up" }

        // The recorded outage matches the scripted one to within the check granularity.
        let scripted = outageEnd - outageStart
        let recorded = Double(history.events[1].timestamp - history.events[0].timestamp)
        #expect(abs(recorded - scripted) <= 2, "recorded \(recorded) s for a scripted \(scripted) s outage")
        #expect(detectedDown.events.first?.timestamp ?? 0 >= Int64(outageStart) - 1)
        let now = Int64(Date().timeIntervalSince1970) + 1
        let (status, body) = try await get("\(base)/downtime?address=0xNodeA123&from_timestamp=\(Int64(outageStart) - 60)&to_timestamp=\(now)")
        #expect(status == 200)
        let downtime = try decode(Downtime.self, body).total_downtime_seconds
        #expect(Double(downtime) == recorded)
        print("end-to-end: scripted outage \(String(format: "%.2f", scripted)) s, recorded \(downtime) s, detection delay \(String(format: "%.2f", detectionDelay)) s")

        // Error responses from the live server.
        let missing = try await get("\(base)/downtime?address=0xNobody&from_timestamp=0&to_timestamp=1")
        #expect(missing.0 == 404)
        #expect(missing.1 == #"{"detail":"Address not found"}"#)
        let reversed = try await get("\(base)/downtime?address=0xNodeA123&from_timestamp=10&to_timestamp=1")
        #expect(reversed.0 == 400)
        #expect(reversed.1.contains("from_timestamp (10) must not be greater than to_timestamp (1)"))

        // SIGTERM stops the node cleanly; a restart on the same data directory has the history.
        #expect(node.stop() == 0)
        node = try ChildProcess(argus, ["serve", "--config", config.path, "--data-dir", dataDir])
        base = "http://127.0.0.1:\(try await node.listeningPort())"
        let (_, replayed) = try await get("\(base)/events?address=0xNodeA123")
        #expect(try decode(Events.self, replayed).events.map(\.timestamp) == history.events.map(\.timestamp))
        #expect(node.stop() == 0)
        targetA.stop()
        targetB.stop()
    }

    @Test func scheduledTargetIsFollowed() async throws {
        let argus = try Executables.argus
        let target = try ChildProcess(argus, ["target", "--port", "0", "--schedule", "up:0.5,down:1,hang:0.5", "--repeat"])
        let port = try await target.listeningPort()
        var seen: Set<Int> = []
        // The schedule repeats every 2 s; under a loaded machine a half-second phase can be missed
        // once, so watch until every phase was seen (or 15 s, seven cycles, have passed).
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, seen != [200, 503, 0] {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .milliseconds(300)) {
                seen.insert(Int(response.status.code))
                _ = try? await response.body.collect(upTo: 1024)
            } else {
                seen.insert(0)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(seen == [200, 503, 0], "saw \(seen.sorted())")
        #expect(target.stop() == 0)
    }

    @Test(arguments: [
        (["serve", "--config", "/nonexistent/argus.yml"], "argus: /nonexistent/argus.yml: (top level): expected a readable UTF-8 file"),
        (["target", "--schedule", "up:10,sideways:5"], "argus: --schedule: bad phase 'sideways:5'"),
        (["target", "--port", "70000"], "argus: --port must be in 0...65535, got 70000"),
    ])
    func badInputExitsTwoWithAMessage(arguments: [String], message: String) throws {
        let result = try runCommand(try Executables.argus, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "stderr: \(result.stderr)")
    }

    @Test func badConfigurationValueIsNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.url.appendingPathComponent("argus.yml")
        try "targets:\n  - address: a\n    url: http://127.0.0.1:1\n    timeout: -1\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try runCommand(try Executables.argus, ["serve", "--config", config.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("argus.yml:4: targets[0].timeout: expected a duration in seconds"), "stderr: \(result.stderr)")
    }
}
