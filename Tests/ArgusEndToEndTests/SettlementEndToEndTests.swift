import ArgusProcessSupport
import ArgusProof
import ArgusTestSupport
import Foundation
import Testing

/// Epoch settlement in a cluster of real processes: identical reports on every node for an
/// outage that spans two epochs, the independent Python check on what the nodes serve, a node
/// killed (-9) at settlement time as a non-signer, its reports intact after the restart, and a
/// node whose target list differs saying so instead of signing.
@Suite(.serialized)
struct SettlementEndToEndTests {
    static let length: UInt64 = 10
    let a = "0xNodeA123"
    let b = "0x00000000000000000000000000000000000000b0"

    /// The reports of `epoch` on `nodes`, once every one of them serves it.
    func reports(_ cluster: LocalCluster, _ epoch: UInt64, on nodes: [String]) async throws -> [String: String] {
        var bodies: [String: String] = [:]
        try await eventually("epoch \(epoch) settled on \(nodes)", timeout: 40, interval: .milliseconds(200), logs: cluster) {
            for node in nodes where bodies[node] == nil {
                let (status, body) = try await cluster.get(node, "/epochs/\(epoch)")
                if status == 200 { bodies[node] = body }
            }
            return bodies.count == nodes.count
        }
        return bodies
    }

    func eventTimes(_ cluster: LocalCluster, _ address: String) async throws -> [(state: String, timestamp: UInt64)] {
        struct Events: Decodable { struct Event: Decodable { var state: String; var timestamp: UInt64 }; var events: [Event] }
        let (_, body) = try await cluster.get("Node1", "/events?address=\(address)")
        return try JSONDecoder().decode(Events.self, from: Data(body.utf8)).events.map { ($0.state, $0.timestamp) }
    }

    @Test func reportsAgreeSurviveKillAndNameADisagreement() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = LocalCluster.Options()
        options.targets = [a, b]
        options.maxEventAge = 3
        options.epoch = Int(Self.length)
        options.settlementWait = 2
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        try await cluster.startAll()
        let all = ["Node1", "Node2", "Node3"]
        let registry = try Registry.parse(json: String(contentsOf: cluster.registryFile, encoding: .utf8))
        let domain = try #require(Bytes32(hex: options.domain))

        // Bad input and not-yet answers.
        #expect(try await cluster.get("Node1", "/epochs/abc").status == 400)
        let now = UInt64(Date().timeIntervalSince1970)
        let early = try await cluster.get("Node1", "/epochs/\(now / Self.length)")
        #expect(early.status == 425 && early.body.contains("retry_after"), "\(early)")

        // An outage of A longer than an epoch: it spans two (or three) epochs.
        try await Task.sleep(for: .seconds(1))
        try await cluster.set(a, "down")
        try await eventually("A down everywhere", timeout: 40, interval: .milliseconds(200), logs: cluster) { try await eventTimes(cluster, a).last?.state == "down" }
        try await Task.sleep(for: .seconds(Double(Self.length) + 1))
        try await cluster.set(a, "up")
        try await eventually("A up everywhere", timeout: 40, interval: .milliseconds(200), logs: cluster) { try await eventTimes(cluster, a).last?.state == "up" }
        let times = try await eventTimes(cluster, a)
        let (down, up) = (times[0].timestamp, times[1].timestamp)
        let epochs = Array((down / Self.length)...(up / Self.length))
        #expect(epochs.count >= 2)

        // Identical reports on every node; A's downtime split across the epochs, adding up.
        var total: UInt64 = 0
        var firstReport = ""
        for epoch in epochs {
            let bodies = try await reports(cluster, epoch, on: all)
            #expect(Set(bodies.values).count == 1, "the nodes serve different reports of epoch \(epoch)")
            let report = try EpochReport(json: Data(bodies["Node1"]!.utf8))
            let verified = try report.verify(with: registry, domain: domain)
            #expect(verified.signers == all)
            let (from, to) = (epoch * Self.length, (epoch + 1) * Self.length)
            let expected = min(up, to) - max(down, from)
            #expect(report.content.leaf(address: a)?.downtimeSeconds == expected, "epoch \(epoch)")
            total += report.content.leaf(address: a)?.downtimeSeconds ?? 0
            // B is an Ethereum address: its target_id is the address itself; its port answers nothing.
            #expect(report.content.leaf(address: b)?.targetID.hex == "0x" + String(repeating: "0", count: 24) + b.dropFirst(2))
            if firstReport.isEmpty { firstReport = bodies["Node1"]! }
        }
        #expect(total == up - down)

        // The independent check (pycryptodome + blspy) of what a node serves, proofs from another node.
        if Python.canImport("blspy") && Python.canImport("Crypto.Hash.keccak") {
            var proofs: [String] = []
            for address in [a, b] {
                let (status, body) = try await cluster.get("Node2", "/epochs/\(epochs[0])/proof?address=\(address)")
                #expect(status == 200)
                proofs.append(body)
            }
            let request: [String: Any] = ["registry": try String(contentsOf: cluster.registryFile, encoding: .utf8), "report": firstReport,
                                          "proofs": proofs, "domain": options.domain]
            let (code, output) = Python.run([Python.script("scripts/argus/verify_epoch.py")], input: try JSONSerialization.data(withJSONObject: request))
            #expect(code == 0 && output.contains("OK report epoch=\(epochs[0])") && output.contains("OK proof \(a)"), "\(output)")
        }
        #expect(try await cluster.get("Node1", "/epochs/\(epochs[0])/proof?address=0xNobody").status == 404)

        // Node3 crashes; the next epoch settles on the others with Node3 as a non-signer.
        cluster.stop("Node3", signal: SIGKILL)
        let next = UInt64(Date().timeIntervalSince1970) / Self.length + 1
        let without = try await reports(cluster, next, on: ["Node1", "Node2"])
        #expect(Set(without.values).count == 1)
        let partial = try EpochReport(json: Data(without["Node1"]!.utf8))
        #expect(partial.nonSigningNodes == ["Node3"])
        #expect(try partial.verify(with: registry, domain: domain).signers == ["Node1", "Node2"])

        // On-chain: both reports (one with a non-signer) through `argus evm calldata`, settled by
        // DowntimeOracle on py-evm, every claim verified and paid by UptimeRewards.
        if Python.canImport("boa") {
            var calldata: [Any] = []
            for (index, body) in [firstReport, without["Node1"]!].enumerated() {
                let file = directory.url.appendingPathComponent("report-\(index).json")
                try body.write(to: file, atomically: true, encoding: .utf8)
                let converted = try runCommand(try Executables.argus, ["evm", "calldata", "--registry", cluster.registryFile.path, file.path])
                #expect(converted.status == 0, "\(converted.stderr)")
                calldata.append(try JSONSerialization.jsonObject(with: Data(converted.stdout.utf8)))
            }
            let (code, output) = Python.run([Python.script("contracts/tests/settle_reports.py")],
                                            input: try JSONSerialization.data(withJSONObject: ["calldata": calldata]))
            #expect(code == 0 && output.contains("OK epoch=\(epochs[0]) claims=2") && output.contains("OK epoch=\(next) claims=2"), "\(output)")
        }

        // Restarted: its report of the first epoch survived the kill byte for byte, and it adopts
        // the cluster's report of the epoch it missed.
        try await cluster.start("Node3")
        #expect(try await cluster.get("Node3", "/epochs/\(epochs[0])").body == firstReport)
        #expect(try await reports(cluster, next, on: ["Node3"])["Node3"] == without["Node1"])
        let (_, list) = try await cluster.get("Node1", "/epochs?after=\(epochs[0] - 1)&limit=3")
        #expect(list.contains("{\"epoch\":\(epochs[0]),\"from_timestamp\":\(epochs[0] * Self.length),\"to_timestamp\":\((epochs[0] + 1) * Self.length),\"status\":\"settled\",\"root\":\"\(try EpochReport(json: Data(firstReport.utf8)).content.root)\"}"), "\(list)")

        // Node3 restarted with another target list: the others settle without it, and Node3 says
        // why it cannot, in the answer and in /rejections.
        cluster.stop("Node3")
        let config = try String(contentsOf: cluster.members[2].config, encoding: .utf8)
        try config.replacingOccurrences(of: "targets:\n", with: "targets:\n  - {address: \"0xNodeExtra\", url: \"http://127.0.0.1:1\"}\n")
            .write(to: cluster.members[2].config, atomically: true, encoding: .utf8)
        try await cluster.start("Node3")
        let disputed = UInt64(Date().timeIntervalSince1970) / Self.length + 1
        let others = try await reports(cluster, disputed, on: ["Node1", "Node2"])
        #expect(try EpochReport(json: Data(others["Node1"]!.utf8)).nonSigningNodes == ["Node3"])
        var answer = (status: 0, body: "")
        try await eventually("Node3 names the disagreement", timeout: 40, interval: .milliseconds(200), logs: cluster) {
            answer = try await cluster.get("Node3", "/epochs/\(disputed)")
            return answer.status == 424
        }
        #expect(answer.body.contains("the members disagree on epoch \(disputed)") && answer.body.contains("over 3 targets"), "\(answer)")
        let (_, rejections) = try await cluster.get("Node3", "/rejections")
        #expect(rejections.contains("epoch \(disputed): the members disagree"), "\(rejections)")
    }
}
