import ArgusCluster
import ArgusProcessSupport
import ArgusProof
import ArgusTestSupport
import Foundation
import Testing

/// One proposer per change (`ProposalOrder`), on real processes: a change reaches Zellular once
/// while its leader is live, and once still when the leader was killed.
extension ClusterEndToEndTests {
    /// The reasons of the replicated events `node` refused.
    func rejections(_ cluster: LocalCluster, _ node: String) async throws -> [String] {
        struct Body: Decodable { struct Rejection: Decodable { var reason: String }; var rejections: [Rejection] }
        return try JSONDecoder().decode(Body.self, from: Data(try await cluster.get(node, "/rejections").body.utf8)).rejections.map(\.reason)
    }

    @Test func eachChangeIsProposedOnceAndStillOnceWhenItsLeaderIsKilled() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var options = LocalCluster.Options()
        options.targets = ["0xNodeA123", "0xNodeB456"]
        let cluster = LocalCluster(argus: try Executables.argus, directory: directory.url, options: options)
        defer { cluster.shutdown() }
        try await cluster.prepare()
        try await cluster.startAll()
        let names = cluster.members.map(\.name)
        let order = try #require(ProposalOrder(members: names, me: names[0], grace: 3))
        let (a, b) = ("0xNodeA123", "0xNodeB456")
        try await Task.sleep(for: .seconds(1.5))

        // 1. Everyone live: B goes down and comes back, each change in one batch.
        for state in ["down", "up"] {
            let before = try await cluster.lastFinalizedIndex()
            try await cluster.set(b, state)
            try await eventually("all nodes apply \(b) \(state)", logs: cluster) {
                for node in names where try await events(cluster, node, b)?.state != state { return false }
                return true
            }
            // Long enough for any second proposer's turn (two graces) to have come.
            try await Task.sleep(for: .seconds(7))
            #expect(try await cluster.lastFinalizedIndex() == before + 1, "\(b) \(state), led by \(order.leader(address: b, state: .init(rawValue: state)!))")
        }
        for node in names { #expect(try await rejections(cluster, node) == [], "\(node)") }

        // 2. A's leader for "down" is killed; A goes down: the next member proposes it, once,
        // and the event carries the dead leader as its only non-signer.
        let leader = order.leader(address: a, state: .down)
        let live = names.filter { $0 != leader }
        cluster.stop(leader, signal: SIGKILL)
        let before = try await cluster.lastFinalizedIndex()
        let wentDown = Date()
        try await cluster.set(a, "down")
        try await eventually("the live nodes apply \(a) down", logs: cluster) {
            for node in live where try await events(cluster, node, a)?.state != "down" { return false }
            return true
        }
        let failover = Date().timeIntervalSince(wentDown)
        try await Task.sleep(for: .seconds(7))
        #expect(try await cluster.lastFinalizedIndex() == before + 1)
        for node in live { #expect(try await rejections(cluster, node) == [], "\(node)") }
        let proof = try #require(try await events(cluster, live[0], a)?.events.last?.proof)
        let event = try StateEvent.parse(object: Data(proof.utf8))
        let registry = try Registry.parse(json: String(contentsOf: cluster.registryFile, encoding: .utf8), requireProofsOfPossession: true)
        #expect(try ProofVerifier(registry: registry).verify(event).signers == live)
        print("leader \(leader) killed: \(a) down applied on the others \(String(format: "%.2f", failover)) s after the outage began")
    }
}
