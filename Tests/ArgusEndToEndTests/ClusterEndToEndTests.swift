import ArgusProcessSupport
import ArgusProof
import ArgusTestSupport
import AsyncHTTPClient
import BLS12381
import Foundation
import NIOCore
import Testing

/// A verifiable cluster of real processes on loopback: the embedded sequencer, three monitoring
/// nodes and simulated targets (`LocalCluster`, the same layout `argus demo` runs).
@Suite(.serialized)
struct ClusterEndToEndTests {
    struct Events: Decodable, Equatable {
        struct Event: Decodable, Equatable { var state: String; var timestamp: Int64; var zellular_index: Int?; var proof: String? }
        var state: String
        var events: [Event]
    }

    struct Cluster: Decodable { struct Zellular: Decodable { var cursor: Int }; var zellular: Zellular; var outbox: Int }

    func events(_ cluster: LocalCluster, _ node: String, _ address: String) async throws -> Events? {
        let (status, body) = try await cluster.get(node, "/events?address=\(address)")
        return status == 200 ? try JSONDecoder().decode(Events.self, from: Data(body.utf8)) : nil
    }

    func sendToSequencer(_ cluster: LocalCluster, _ body: String) async throws {
        var request = HTTPClientRequest(url: "\(cluster.sequencerURL)/node/downtime-monitoring/batches")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "text/plain")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status == .ok)
        _ = try await response.body.collect(upTo: 1 << 16)
    }

    /// Every running node has applied everything the sequencer finalized.
    func caughtUp(_ cluster: LocalCluster, _ nodes: [String]) async throws -> Bool {
        let last = try await cluster.lastFinalizedIndex()
        for node in nodes {
            let (status, body) = try await cluster.get(node, "/cluster")
            guard status == 200, try JSONDecoder().decode(Cluster.self, from: Data(body.utf8)).zellular.cursor >= last else { return false }
        }
        return true
    }

    func key(_ cluster: LocalCluster, _ name: String) throws -> PrivateKey {
        let directory = cluster.directory.appendingPathComponent(name.lowercased())
        return try Keystore.decrypt(json: try String(contentsOf: directory.appendingPathComponent("keystore.json"), encoding: .utf8),
                                    password: try String(contentsOf: directory.appendingPathComponent("password"), encoding: .utf8))
    }

    @Test func provesReplicatesRefusesForgeriesAndCatchesUp() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = LocalCluster.Options()
        options.targets = ["0xNodeA123", "0xNodeB456"]
        options.maxEventAge = 4
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        try await cluster.startAll()
        let all = ["Node1", "Node2", "Node3"]
        let (a, b) = ("0xNodeA123", "0xNodeB456")

        // Each node keeps its own store.
        for member in cluster.members {
            #expect(FileManager.default.fileExists(atPath: member.directory.appendingPathComponent("data/argus.sqlite").path))
        }
        // /state: the reference's errors.
        let stamp = Int64(Date().timeIntervalSince1970)
        #expect(try await cluster.get("Node1", "/state?address=\(a)&timestamp=\(stamp - 60)") == (400, #"{"detail":"Timestamp drift too large"}"#))
        // Future-dated: refused beyond the clock tolerance (a signature that could cut an outage short).
        let future = try await cluster.get("Node1", "/state?address=\(a)&timestamp=\(stamp + 8)")
        #expect(future.status == 400 && future.body.contains("in the future"), "\(future)")
        #expect(try await cluster.get("Node1", "/state?address=0xNobody&timestamp=\(stamp)") == (404, #"{"detail":"Address not found"}"#))
        #expect(try await cluster.get("Node1", "/state?address=\(a)").status == 400)

        // 1. A hangs (no answer at all) and comes back: every node applies the same proven events.
        try await Task.sleep(for: .seconds(1))
        let from = Int64(Date().timeIntervalSince1970)
        try await Task.sleep(for: .seconds(1))
        let wentDown = Date()
        try await cluster.set(a, "hang")
        try await eventually("all nodes apply \(a) down", logs: cluster) {
            for node in all where try await events(cluster, node, a)?.state != "down" { return false }
            return true
        }
        let latency = Date().timeIntervalSince(wentDown)
        try await Task.sleep(for: .seconds(2))
        try await cluster.set(a, "up")
        try await eventually("all nodes apply \(a) up", logs: cluster) {
            for node in all where try await events(cluster, node, a)?.state != "up" { return false }
            return true
        }
        let logs = try await all.asyncMap { try await events(cluster, $0, a) }
        #expect(logs[0]?.events.count == 2)
        #expect(logs.allSatisfy { $0 == logs[0] }, "the replicas disagree: \(logs)")
        print("hang to finalized proven event on every node: \(String(format: "%.2f", latency)) s")

        // 2. Forgeries and garbage straight to the sequencer: none is applied, nobody stops.
        let keys = try all.map { try key(cluster, $0) }
        let now = Int64(Date().timeIntervalSince1970)
        func signed(_ state: String, _ timestamp: Int64, by signers: [Int], nonSigners: [String], message: String? = nil) -> String {
            let statement = message ?? "Address: \(b), State: \(state), Timestamp: \(timestamp)"
            let signature = try! Signature(aggregating: signers.map { keys[$0].signature(for: Array(statement.utf8)) })
            let list = nonSigners.map { "\"\($0)\"" }.joined(separator: ", ")
            return #"[{"address": "\#(b)", "state": "\#(state)", "timestamp": \#(timestamp), "aggregated_signature": "\#(signature.hexString)", "non_signing_nodes": [\#(list)]}]"#
        }
        let replay = try #require(logs[0]?.events.first?.proof)
        let forgeries = [
            signed("down", now, by: [0], nonSigners: ["Node2", "Node3"]),                  // under quorum
            signed("down", now, by: [0, 1], nonSigners: ["Node3", "Node3"]),              // duplicate non-signer
            signed("down", now, by: [0, 1], nonSigners: ["Node9"]),                        // unknown non-signer
            signed("down", now + 3600, by: [0, 1, 2], nonSigners: []),                     // future timestamp
            signed("down", now, by: [0, 1, 2], nonSigners: [], message: "Address: \(b), State: up, Timestamp: \(now)"),  // wrong message
            "[\(replay)]",                                                                  // replay of A's old event
            "hello", "5", "null", "[5]", #"[{"address": "\#(b)", "state": "down", "timestamp": "soon"}]"#,
            #"[{"address": "0xUnknown", "state": "down", "timestamp": \#(now)}]"#,
        ]
        let before = try await cluster.lastFinalizedIndex()
        for body in forgeries { try await sendToSequencer(cluster, body) }
        try await eventually("the sequencer finalizes the forgeries", logs: cluster) { try await cluster.lastFinalizedIndex() >= before + forgeries.count }
        try await eventually("all nodes read past the forgeries", logs: cluster) { try await caughtUp(cluster, all) }
        for node in all {
            #expect(try await events(cluster, node, b)?.events.isEmpty == true, "\(node) applied a forgery")
            #expect(try await events(cluster, node, a) == logs[0])
        }
        let (_, refusals) = try await cluster.get("Node2", "/rejections?limit=100")
        let expected = ["only 1 of 3 members signed", "lists Node3 more than once", "Node9, which is not a member", "after its finalization",
                        "does not verify", "the batch is not JSON", "not a JSON array of events", "the event is not a JSON object",
                        "timestamp: expected a non-negative integer", "unknown address 0xUnknown"]
        #expect(expected.filter { !refusals.contains($0) } == [], "\(refusals.prefix(3000))")
        // The replay of A's old event: refused as too old or as not after A's last event.
        #expect(refusals.contains("a replay or a stale proposal") || refusals.contains("not after the last applied event of \(a)"))

        // The sequencer crashes while a change is proposed: the outbox delivers it after the restart.
        cluster.stopSequencer(signal: SIGKILL)
        try await cluster.set(a, "down")
        try await Task.sleep(for: .seconds(1.5))
        try await cluster.startSequencer()
        try await eventually("all nodes apply \(a) down after the sequencer's restart", logs: cluster) {
            for node in all where try await events(cluster, node, a)?.state != "down" { return false }
            return true
        }
        try await cluster.set(a, "up")
        try await eventually("all nodes apply \(a) up", logs: cluster) {
            for node in all where try await events(cluster, node, a)?.state != "up" { return false }
            return true
        }

        // 3. Node3 stops: the other two still reach 2/3 and name it a non-signer; back, it catches up.
        cluster.stop("Node3")
        try await cluster.set(b, "down")
        try await eventually("Node1 and Node2 apply \(b) down", logs: cluster) {
            for node in ["Node1", "Node2"] where try await events(cluster, node, b)?.state != "down" { return false }
            return true
        }
        let proven = try #require(try await events(cluster, "Node1", b)?.events.last?.proof)
        #expect(try StateEvent.parse(object: Data(proven.utf8)).nonSigningNodes == ["Node3"])
        // Node2 crashes (SIGKILL) while the outage goes on, and comes back.
        cluster.stop("Node2", signal: SIGKILL)
        try await cluster.start("Node2")
        try await cluster.set(b, "up")
        try await cluster.start("Node3")
        try await eventually("every node applies \(b) up", logs: cluster) {
            for node in all where try await events(cluster, node, b)?.state != "up" { return false }
            return true
        }
        try await eventually("all caught up", logs: cluster) { try await caughtUp(cluster, all) }
        let logsB = try await all.asyncMap { try await events(cluster, $0, b) }
        #expect(logsB.allSatisfy { $0 == logsB[0] } && logsB[0]?.events.count == 2, "\(logsB)")

        // 4. A settled window: one aggregated proof, checked by `argus verify` and by blspy.
        let to = Int64(Date().timeIntervalSince1970)
        try await Task.sleep(for: .seconds(options.maxEventAge + 1.5))
        let (status, proof) = try await cluster.get("Node1", "/aggregate_downtime?address=\(a)&from_timestamp=\(from)&to_timestamp=\(to)")
        #expect(status == 200, "\(proof)")
        let document = try ProofDocument(json: Data(proof.utf8))
        guard case let .downtime(downtime) = document else { Issue.record("not a downtime proof"); return }
        // Two outages of A: ~2.5 s hanging, then ~1.5 s down while the sequencer was away (longer
        // on a loaded machine, where detection takes longer). Exactly what the replicated log says:
        let log = try #require(try await events(cluster, "Node1", a))
        var (state, since, logged) = ("up", from, Int64(0))
        for event in log.events where event.timestamp >= from && event.timestamp < to {
            if state == "down" { logged += event.timestamp - since }
            (state, since) = (event.state, event.timestamp)
        }
        if state == "down" { logged += to - since }
        #expect(downtime.totalDowntimeSeconds == logged, "the log \(log.events) gives \(logged) s")
        #expect((3...15).contains(downtime.totalDowntimeSeconds), "got \(downtime.totalDowntimeSeconds) s")
        let file = directory.url.appendingPathComponent("proof.json")
        try Data(proof.utf8).write(to: file)
        let verify = try runCommand(try Executables.argus, ["verify", "--registry", cluster.registryFile.path, file.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("VALID: 3 of 3 monitoring nodes"), "\(verify.stdout)")
        var tampered = downtime
        tampered.totalDowntimeSeconds += 1
        tampered.message = nil
        try Data(tampered.json.utf8).write(to: file)
        let refused = try runCommand(try Executables.argus, ["verify", "--registry", cluster.registryFile.path, file.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not verify"), "\(refused.stderr)")
        if Python.canImport("blspy") {
            let input = try JSONSerialization.data(withJSONObject: [
                "registry": try String(contentsOf: cluster.registryFile, encoding: .utf8), "proof": proof,
            ])
            let (code, output) = Python.run([Python.script("scripts/argus/verify_proof.py")], input: input)
            #expect(code == 0 && output.hasPrefix("OK Node1,Node2,Node3"), "\(output)")
            let event = try String(#require(logsB[0]?.events.first?.proof))
            let (eventCode, eventOutput) = Python.run([Python.script("scripts/argus/verify_proof.py")], input: try JSONSerialization.data(
                withJSONObject: ["registry": try String(contentsOf: cluster.registryFile, encoding: .utf8), "proof": event]))
            #expect(eventCode == 0 && eventOutput.hasPrefix("OK Node1,Node2"), "\(eventOutput)")
        }
        // A window that is not settled yet is refused with when to retry.
        let (early, body) = try await cluster.get("Node1", "/downtime?address=\(a)&from_timestamp=\(from)&to_timestamp=\(Int64(Date().timeIntervalSince1970))")
        #expect(early == 425 && body.contains("retry_after"), "\(early) \(body)")
        for node in all { #expect(cluster.isRunning(node)) }
        // Two of three down: no quorum, the reference's 424.
        cluster.stop("Node2")
        cluster.stop("Node3")
        #expect(try await cluster.get("Node1", "/aggregate_downtime?address=\(a)&from_timestamp=\(from)&to_timestamp=\(to)")
            == (424, #"{"detail":"Not enough valid signatures to aggregate downtime proof."}"#))
    }

    /// Stage 02: unsigned events through Zellular; no attestation, no signatures.
    @Test func replicatedModeAppliesUnsignedEvents() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = LocalCluster.Options()
        options.targets = ["0xNodeA123"]
        options.mode = "replicated"
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        try await cluster.startAll()
        try await cluster.set("0xNodeA123", "down")
        try await eventually("all nodes apply the unsigned event", logs: cluster) {
            for node in ["Node1", "Node2", "Node3"] where try await events(cluster, node, "0xNodeA123")?.state != "down" { return false }
            return true
        }
        let event = try #require(try await events(cluster, "Node1", "0xNodeA123")?.events.first?.proof)
        #expect(!event.contains("aggregated_signature"))
        #expect(try await cluster.get("Node1", "/state?address=0xNodeA123&timestamp=\(Int64(Date().timeIntervalSince1970))").status == 404)
        #expect(try await cluster.get("Node1", "/downtime?address=0xNodeA123&from_timestamp=0&to_timestamp=10") ==
            (200, #"{"address":"0xNodeA123","from_timestamp":0,"to_timestamp":10,"total_downtime_seconds":0}"#))
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
