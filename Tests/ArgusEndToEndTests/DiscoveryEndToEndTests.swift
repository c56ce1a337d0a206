import ArgusProcessSupport
import Foundation
import Testing

/// Targets that change without a restart, on a verifiable cluster of real processes: an operator
/// joins and leaves the operator set `targets_from` reads (a file here; a subgraph is read the same
/// way), a configuration file is reloaded on SIGHUP and on change, the nodes agree on the set
/// (`/cluster`), and a removed target keeps its proven history.
@Suite(.serialized)
struct DiscoveryEndToEndTests {
    struct TargetList: Decodable { struct Entry: Decodable { var address: String; var check: String }; var targets: [Entry]; var retired: [String] }
    struct Cluster: Decodable {
        struct TargetSet: Decodable { var count: Int; var digest: String; var agree: Bool?; var differing: [String]? }
        var target_set: TargetSet
    }

    func targets(_ cluster: LocalCluster, _ node: String) async throws -> TargetList {
        try JSONDecoder().decode(TargetList.self, from: Data(try await cluster.get(node, "/targets").body.utf8))
    }

    func operators(_ cluster: LocalCluster, _ addresses: [String]) throws {
        let entries = addresses.map { #"{"id": "\#($0)", "socket": "127.0.0.1:\#(cluster.targetPorts[$0] ?? 0)"}"# }
        try Data("[\(entries.joined(separator: ", "))]".utf8).write(to: cluster.directory.appendingPathComponent("operators.json"), options: .atomic)
    }

    @Test func operatorsJoinAndLeaveAndHistoryIsKept() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (listed, joining, leaving, reloaded) = ("0xaaaa000000000000000000000000000000000001", "0xbbbb000000000000000000000000000000000002",
                                                    "0xcccc000000000000000000000000000000000003", "0xdddd000000000000000000000000000000000004")
        var options = LocalCluster.Options()
        options.targets = [listed, joining, leaving, reloaded]
        options.listed = [listed]
        options.extraConfiguration = "targets_from: {file: ../operators.json, interval: 1s}"
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        try operators(cluster, [leaving])
        try await cluster.startAll()
        let all = ["Node1", "Node2", "Node3"]

        // The operator set is read at start: every node checks the listed target and the operator.
        try await eventually("every node monitors the listed target and the operator", logs: cluster) {
            for node in all where try await Set(targets(cluster, node).targets.map(\.address)) != [listed, leaving] { return false }
            return true
        }
        let (_, clusterBody) = try await cluster.get("Node1", "/cluster")
        let agreed = try JSONDecoder().decode(Cluster.self, from: Data(clusterBody.utf8)).target_set
        #expect(agreed.count == 2 && agreed.agree == true && agreed.differing == [], "\(clusterBody)")

        // The operator goes down: proven and applied everywhere, its history begins.
        try await cluster.set(leaving, "down")
        try await eventually("every node applies \(leaving) down", logs: cluster) {
            for node in all where !(try await cluster.get(node, "/events?address=\(leaving)").body.contains(#""state":"down""#)) { return false }
            return true
        }

        // One operator joins, the other leaves: the nodes follow within the interval.
        try operators(cluster, [joining])
        try await eventually("every node follows the operator set", logs: cluster) {
            for node in all {
                let list = try await targets(cluster, node)
                guard Set(list.targets.map(\.address)) == [listed, joining], list.retired == [leaving] else { return false }
            }
            return true
        }
        // The one that left keeps its history, still queryable on every node.
        let now = Int64(Date().timeIntervalSince1970)
        for node in all {
            let events = try await cluster.get(node, "/events?address=\(leaving)")
            #expect(events.status == 200 && events.body.contains(#""state":"down""#), "\(node): \(events)")
            // A settled window (older than max_event_age): signed, for an address no longer checked.
            let downtime = try await cluster.get(node, "/downtime?address=\(leaving)&from_timestamp=\(now - 300)&to_timestamp=\(now - 10)")
            #expect(downtime.status == 200 && downtime.body.contains("total_downtime_seconds"), "\(node): \(downtime)")
        }

        // A reload: Node1 on SIGHUP (its file unchanged: nothing changes, and it says so), then every
        // file gains a target and each node picks it up on its own, from the file's change.
        cluster.signal("Node1", SIGHUP)
        try await eventually("Node1 reloads on SIGHUP", logs: cluster) {
            let log = try String(contentsOf: try #require(cluster.log(of: "Node1")), encoding: .utf8)
            return log.contains("configuration reloaded (SIGHUP): 2 targets; 0 added, 0 removed, 0 changed")
        }
        for member in cluster.members {
            let text = try String(contentsOf: member.config, encoding: .utf8)
            let line = "  - {address: \"\(reloaded)\", url: \"http://127.0.0.1:\(cluster.targetPorts[reloaded] ?? 0)\"}\n"
            try text.replacingOccurrences(of: "\ncluster:", with: "\n" + line + "cluster:").write(to: member.config, atomically: true, encoding: .utf8)
        }
        try await eventually("every node reloads its changed file", logs: cluster) {
            for node in all where try await Set(targets(cluster, node).targets.map(\.address)) != [listed, joining, reloaded] { return false }
            return true
        }
        let log = try String(contentsOf: try #require(cluster.log(of: "Node2")), encoding: .utf8)
        #expect(log.contains("configuration reloaded (the file changed): 3 targets; 1 added"))
        // The new target is checked and its changes proven like any other.
        try await cluster.set(reloaded, "down")
        try await eventually("every node applies the reloaded target down", logs: cluster) {
            for node in all where !(try await cluster.get(node, "/events?address=\(reloaded)").body.contains(#""state":"down""#)) { return false }
            return true
        }

        // Nodes that disagree are named: Node3 alone loses the joining operator from its list.
        let digests = try await all.asyncMap { try await JSONDecoder().decode(Cluster.self, from: Data(cluster.get($0, "/cluster").body.utf8)).target_set.digest }
        #expect(Set(digests).count == 1, "\(digests)")
        let third = try #require(cluster.members.last)
        let text = try String(contentsOf: third.config, encoding: .utf8)
        try text.replacingOccurrences(of: "targets_from: {file: ../operators.json, interval: 1s}", with: "").write(to: third.config, atomically: true, encoding: .utf8)
        try await eventually("Node1 names Node3 as differing", logs: cluster) {
            let body = try await cluster.get("Node1", "/cluster").body
            let set = try JSONDecoder().decode(Cluster.self, from: Data(body.utf8)).target_set
            return set.agree == false && set.differing == ["Node3"]
        }
    }
}
