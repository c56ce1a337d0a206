import ArgusCore
import ArgusProcessSupport
import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation
import NIOCore
import Testing

/// Announced maintenance on a verifiable cluster of real processes: `argus maintenance announce`
/// through one node, the quorum attests it, every replica applies it, and an outage inside it is
/// excluded on every node and in the aggregated proof; a window announced after the fact is
/// refused by the nodes and by every replica, and excludes nothing.
@Suite(.serialized)
struct MaintenanceEndToEndTests {
    static let token = "maintenance-test-admin-token-0001"

    func key(_ cluster: LocalCluster, _ name: String) throws -> PrivateKey {
        let directory = cluster.directory.appendingPathComponent(name.lowercased())
        return try Keystore.decrypt(json: try String(contentsOf: directory.appendingPathComponent("keystore.json"), encoding: .utf8),
                                    password: try String(contentsOf: directory.appendingPathComponent("password"), encoding: .utf8))
    }

    @Test func aWindowAnnouncedInAdvanceIsExcludedEverywhereAndALateOneIsNot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = LocalCluster.Options()
        let (a, b) = ("0xNodeA123", "0xNodeB456")
        options.targets = [a, b]
        options.maxEventAge = 4
        options.extraConfiguration = "auth: {token_file: ../admin.token}"
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        let tokenFile = directory.url.appendingPathComponent("admin.token")
        try Self.token.write(to: tokenFile, atomically: true, encoding: .utf8)
        try await cluster.startAll()
        let all = ["Node1", "Node2", "Node3"]
        let node1 = cluster.members[0].url

        // Without the token the node refuses; with it, the window is announced and proven.
        let refused = try runCommand(try Executables.argus, ["maintenance", "announce", "--node", node1, "--address", a, "--from", "+5s", "--to", "+45s"],
                                     environment: ["ARGUS_ADMIN_TOKEN": "wrong-token-but-long-enough"])
        #expect(refused.status == 2 && refused.stderr.contains("The admin token is wrong"), "\(refused.stderr)")
        let announced = try runCommand(try Executables.argus, ["maintenance", "announce", "--node", node1, "--token-file", tokenFile.path,
                                                               "--address", a, "--from", "+5s", "--to", "+45s", "--reason", "kernel upgrade"])
        #expect(announced.status == 0, "\(announced.stderr)")
        #expect(announced.stdout.contains(#""status": "proposed""#) && announced.stdout.contains(#""non_signing_nodes": []"#), "\(announced.stdout)")
        struct Windows: Decodable { struct Window: Decodable { var from: Int64; var to: Int64; var announced: Int64 }; var windows: [Window] }
        var window: Windows.Window?
        try await eventually("every node applies the window", logs: cluster) {
            for node in all {
                let list = try JSONDecoder().decode(Windows.self, from: Data(try await cluster.get(node, "/maintenance?address=\(a)").body.utf8))
                guard list.windows.count == 1 else { return false }
                window = list.windows[0]
            }
            return true
        }
        let proven = try #require(window)
        #expect(proven.announced < proven.from)

        // A is down inside the window; B is down outside any.
        while Date().timeIntervalSince1970 < Double(proven.from) + 1 { try await Task.sleep(for: .milliseconds(100)) }
        try await cluster.set(a, "down")
        try await cluster.set(b, "down")
        try await eventually("every node applies A and B down", logs: cluster) {
            for node in all {
                for address in [a, b] where !(try await cluster.get(node, "/events?address=\(address)").body.contains(#""state":"down""#)) { return false }
            }
            return true
        }
        try await Task.sleep(for: .seconds(2))
        try await cluster.set(a, "up")
        try await cluster.set(b, "up")
        try await eventually("every node applies A and B up", logs: cluster) {
            for node in all {
                for address in [a, b] where !(try await cluster.get(node, "/events?address=\(address)").body.contains(#""state":"up""#)) { return false }
            }
            return true
        }
        #expect(Date().timeIntervalSince1970 < Double(proven.to), "the outage ended inside the window")

        // Settled: every node signs 0 s for A (the window listed with it) and the outage for B.
        let (from, to) = (proven.from - 2, Int64(Date().timeIntervalSince1970))
        try await Task.sleep(for: .seconds(options.maxEventAge + 1.5))
        for node in all {
            let answer = try await cluster.get(node, "/downtime?address=\(a)&from_timestamp=\(from)&to_timestamp=\(to)")
            #expect(answer.status == 200 && answer.body.contains(#""total_downtime_seconds":0"#), "\(node): \(answer)")
            #expect(answer.body.contains(#""maintenance":[{"address":"0xNodeA123","from":\#(proven.from)"#), "\(node): \(answer.body)")
            let other = try await cluster.get(node, "/downtime?address=\(b)&from_timestamp=\(from)&to_timestamp=\(to)")
            #expect(other.status == 200 && !other.body.contains(#""total_downtime_seconds":0"#), "\(node): \(other)")
        }
        let (status, proof) = try await cluster.get("Node1", "/aggregate_downtime?address=\(a)&from_timestamp=\(from)&to_timestamp=\(to)")
        #expect(status == 200 && proof.contains(#""total_downtime_seconds":0"#), "\(proof)")
        let file = directory.url.appendingPathComponent("proof.json")
        try Data(proof.utf8).write(to: file)
        let verify = try runCommand(try Executables.argus, ["verify", "--registry", cluster.registryFile.path, file.path])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("VALID: 3 of 3 monitoring nodes"), "\(verify.stdout) \(verify.stderr)")

        // After the fact: the node refuses to announce it (exit 2, the reason)...
        let now = Int64(Date().timeIntervalSince1970)
        let late = try runCommand(try Executables.argus, ["maintenance", "announce", "--node", node1, "--token-file", tokenFile.path,
                                                          "--address", b, "--from", String(now - 20), "--to", String(now + 60)])
        #expect(late.status == 2 && late.stderr.contains("a maintenance window is announced before it begins"), "\(late.stderr)")
        // ...and a late window signed by every member, sent straight to the sequencer, is refused
        // by every replica and excludes nothing.
        let lateWindow = MaintenanceWindow(address: b, from: now - 20, to: now + 60, announced: now - 1, reason: "after the fact")
        let statement = Array(Statement.maintenance(lateWindow).utf8)
        let signature = try Signature(aggregating: try all.map { try key(cluster, $0).signature(for: statement) })
        var request = HTTPClientRequest(url: "\(cluster.sequencerURL)/node/downtime-monitoring/batches")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "text/plain")
        request.body = .bytes(ByteBuffer(string: MaintenanceEvent(window: lateWindow, aggregatedSignature: signature, nonSigningNodes: []).batchBody))
        _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
        try await eventually("every node refuses the late window", logs: cluster) {
            for node in all where !(try await cluster.get(node, "/rejections?limit=20").body.contains("not before it began")) { return false }
            return true
        }
        for node in all {
            #expect(try await cluster.get(node, "/maintenance?address=\(b)").body == #"{"windows":[]}"#)
        }
    }
}
