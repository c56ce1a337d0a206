import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import AsyncHTTPClient
import BLS12381
import Foundation
import Logging
import Testing

/// The settlement driver around a real store, a manual clock and an in-memory log: epochs that
/// split an outage, a target whose history starts mid-epoch, reports that never change, and a
/// restart while an epoch is pending.
struct EpochSettlerTests {
    typealias Node = ClusterDriverTests.Node
    static let domain = Bytes32(hex: "0x" + String(repeating: "0d", count: 32))!

    static func settler(_ node: Node, signer: Signer? = nil, addresses: [String] = ["a", "b"], wait: Double = 1) -> EpochSettler {
        EpochSettler(signer: signer ?? node.signer, store: node.store, log: node.log, app: "app",
                     schedule: EpochSchedule(length: 10, maxEventAge: 60)!, domain: domain, wait: wait, addresses: { addresses },
                     peers: PeerClient(http: node.http, timeout: 0.5), firstEpoch: 100_000, logger: Logger(label: "test"), metrics: nil)
    }

    /// Makes the log reach the present (one empty batch finalized now, applied).
    static func catchUp(_ node: Node) async throws {
        try await node.log.send("[]")
        try await node.replicate()
    }

    @Test func epochsSplitAnOutageAndCountATargetFromItsFirstEvent() async throws {
        let node = try await Node()
        let settler = Self.settler(node)
        // Epoch 100000 is [1 000 000, 1 000 010). "a" is down from 7 s into it until 3 s into
        // the next; "b" (added mid-epoch: no history before) goes down 5 s into epoch 100001.
        try await node.store.append(contentsOf: [
            StateChange(address: "a", state: .down, timestamp: 1_000_007), StateChange(address: "a", state: .up, timestamp: 1_000_013),
            StateChange(address: "b", state: .down, timestamp: 1_000_015),
        ])
        guard case let .pending(retryAfter, _) = try await settler.status(100_000, now: node.clock.now()) else { Issue.record("not pending"); return }
        #expect(retryAfter == 71)
        await #expect(throws: DowntimeSigner.NotYet.notSettled(retryAfter: 71)) { _ = try await settler.signature(100_000, now: node.clock.now()) }

        node.clock.advance(by: 80)
        try await Self.catchUp(node)
        var reports: [EpochReport] = []
        for epoch in [UInt64(100_000), 100_001] {
            guard case let .settled(json) = try await settler.settle(epoch, now: node.clock.now()) else { Issue.record("epoch \(epoch) not settled"); return }
            let report = try EpochReport(json: Data(json.utf8))
            #expect(try report.verify(with: node.signer.registry, domain: Self.domain).signers == ["Node1"])
            reports.append(report)
        }
        #expect(reports[0].content.leaf(address: "a")?.downtimeSeconds == 3)
        #expect(reports[0].content.leaf(address: "b")?.downtimeSeconds == 0)
        #expect(reports[1].content.leaf(address: "a")?.downtimeSeconds == 3)
        #expect(reports[1].content.leaf(address: "b")?.downtimeSeconds == 5)
        let proof = try #require(try await settler.content(100_001)?.proof(address: "b"))
        try proof.verify(against: reports[1])

        // Served forever unchanged: settling again, or storing another report, keeps the first.
        guard case let .settled(again) = try await settler.settle(100_000, now: node.clock.now() + 500) else { Issue.record("lost"); return }
        #expect(again == reports[0].json)
        #expect(try await node.store.saveReport(epoch: 100_000, report: "{}") == reports[0].json)
        let list = try await settler.list(after: nil, limit: 5, now: node.clock.now())
        #expect(list.map(\.epoch) == [100_000, 100_001, 100_002, 100_003, 100_004])
        #expect(list.map { $0.root != nil } == [true, true, false, false, false])
        // Epochs before the first are never settled here, so a list never starts before it.
        #expect(try await settler.list(after: 5, limit: 2, now: node.clock.now()).map(\.epoch) == [100_000, 100_001])
        #expect(try await settler.list(after: 100_000, limit: 1, now: node.clock.now()).map(\.epoch) == [100_001])
        try await node.close()
    }

    /// A maintenance window announced in advance: its down seconds are not in the leaf, and the
    /// report lists the window.
    @Test func aReportExcludesAndListsMaintenance() async throws {
        let node = try await Node()
        let settler = Self.settler(node)
        let window = MaintenanceWindow(address: "a", from: 1_000_002, to: 1_000_006, announced: 1_000_000, reason: "upgrade")
        try await node.store.recordMaintenance(window, body: MaintenanceEvent(window: window).json)
        try await node.store.append(contentsOf: [
            StateChange(address: "a", state: .down, timestamp: 1_000_001), StateChange(address: "a", state: .up, timestamp: 1_000_008),
        ])
        node.clock.advance(by: 80)
        try await Self.catchUp(node)
        guard case let .settled(json) = try await settler.settle(100_000, now: node.clock.now()) else { Issue.record("not settled"); return }
        let report = try EpochReport(json: Data(json.utf8))
        #expect(report.content.leaf(address: "a")?.downtimeSeconds == 3, "7 s down, 4 of them in the window")
        #expect(report.maintenance == [window])
        #expect(json.hasSuffix(#","maintenance":[{"address":"a","from":1000002,"to":1000006,"announced":1000000,"reason":"upgrade"}]}"#), "\(json)")
        try await node.close()
    }

    /// A node restarted while an epoch is pending (its peers have not signed) keeps the
    /// statement it signed — never a second one for the same epoch — even if its view changed.
    @Test func aRestartWhilePendingKeepsTheSignedStatement() async throws {
        let node = try await Node()
        let others = (2...3).map { seed in try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(seed), count: 32)) }
        let registry = try Registry(nodes: [node.signer.member] + zip(["Node2", "Node3"], others).map { name, key in
            // Nobody listens on port 1: these members never answer.
            MonitoringNode(name: name, url: "http://127.0.0.1:1", publicKey: key.publicKey, proofOfPossession: key.proofOfPossession())
        })
        let signer = Signer(registry: registry, member: registry.nodes[0], key: try PrivateKey(keyGenSeed: [UInt8](repeating: 7, count: 32)))
        node.clock.advance(by: 80)
        try await Self.catchUp(node)
        let first = Self.settler(node, signer: signer)
        let status = try await first.settle(100_000, now: node.clock.now())
        guard case .pending = status else { Issue.record("\(status)"); return }
        let signed = try await first.signature(100_000, now: node.clock.now())

        // Restarted, with a history that would now give another root for that epoch.
        try await node.store.append(StateChange(address: "a", state: .down, timestamp: 1_000_001))
        let restarted = Self.settler(node, signer: signer)
        #expect(try await restarted.signature(100_000, now: node.clock.now()) == signed)
        node.clock.advance(by: 5)
        guard case let .disagreement(reason) = try await restarted.settle(100_000, now: node.clock.now()) else { Issue.record("no reason"); return }
        #expect(reason.contains("only Node1 signed epoch 100000"), "\(reason)")
        guard case .disagreement = try await restarted.status(100_000, now: node.clock.now()) else { Issue.record("status lost the reason"); return }
        #expect(try await node.store.rejections().map(\.reason).contains { $0.hasPrefix("epoch 100000: only Node1 signed") })
        // The next epoch is computed from the new history.
        node.clock.advance(by: 10)
        try await Self.catchUp(node)
        _ = try await restarted.settle(100_001, now: node.clock.now())
        #expect(try await restarted.signature(100_001, now: node.clock.now()).root != signed.root)
        try await node.close()
    }
}
