import ArgusDemo
import Foundation

/// Network faults: a monitor cut off, two halves without a quorum, slow peers, the sequencer away.
extension ChaosContext {
    static let a = "0xNodeA123"
    static let b = "0xNodeB456"

    func options(nodes: Int = 3, targets: [String] = [a, b], maxEventAge: Double = 30) -> LocalCluster.Options {
        var options = LocalCluster.Options()
        options.nodes = nodes
        options.targets = targets
        options.maxEventAge = maxEventAge
        return options
    }

    /// Waits until every one of `nodes` has applied `address` in `state`; false on timeout.
    func applied(_ chaos: ChaosCluster, _ nodes: [String], _ address: String, _ state: String, timeout: Double = 30) async -> Bool {
        await eventually(timeout: timeout) {
            for node in nodes where try await chaos.events(node, address).state != state { return false }
            return true
        }
    }

    /// The non-signers of `address`'s last applied event on `node`.
    func nonSigners(_ chaos: ChaosCluster, _ node: String, _ address: String) async throws -> [String] {
        struct Proof: Decodable { var non_signing_nodes: [String]? }
        guard let proof = try await chaos.events(node, address).events.last?.proof else { return [] }
        return (try? JSONDecoder().decode(Proof.self, from: Data(proof.utf8)))?.non_signing_nodes ?? []
    }

    public func partitionOne() async -> ScenarioResult {
        await run("partition: one cut off", repetitions: 1,
                  injected: "Node3 black-holed from both peers and the sequencer, both ways, while A goes down and up; then healed",
                  checked: "Node1 and Node2 prove both changes with Node3 a non-signer; Node3 records nothing meanwhile; after healing every log is identical and B has no event") { result in
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("partition-one"), options: options())
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await Task.sleep(for: .seconds(2))
            chaos.isolate("Node3")
            try await chaos.cluster.set(Self.a, "down")
            if !(await applied(chaos, ["Node1", "Node2"], Self.a, "down")) { result.violations.append("Node1 and Node2 did not prove A down") }
            let signers = try await nonSigners(chaos, "Node1", Self.a)
            if !signers.contains("Node3") { result.violations.append("Node3 signed while cut off (non-signers: \(signers))") }
            try await chaos.cluster.set(Self.a, "up")
            if !(await applied(chaos, ["Node1", "Node2"], Self.a, "up")) { result.violations.append("Node1 and Node2 did not prove A up") }
            if try await !chaos.events("Node3", Self.a).events.isEmpty { result.violations.append("Node3 applied an event while cut off") }
            chaos.heal()
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b])
            if try await chaos.events("Node1", Self.a).events.count != 2 { result.violations.append("A's log is not one down and one up") }
            if try await !chaos.events("Node1", Self.b).events.isEmpty { result.violations.append("B, never down, has events") }
            await chaos.shutdown()
        }
    }

    public func partitionHalves() async -> ScenarioResult {
        await run("partition: halves", repetitions: 1,
                  injected: "4 members split 2 | 2 (each half reaches the sequencer) while A is down for 8 s; then healed with A still down",
                  checked: "nothing is proven while no half has a quorum (2 of 4 < 2/3); after healing A's down and up are proven once; identical logs") { result in
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("partition-halves"), options: options(nodes: 4))
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await Task.sleep(for: .seconds(2))
            chaos.cut(between: ["Node1", "Node2"], and: ["Node3", "Node4"])
            try await chaos.cluster.set(Self.a, "down")
            try await Task.sleep(for: .seconds(8))
            for node in chaos.names where try await !chaos.events(node, Self.a).events.isEmpty {
                result.violations.append("\(node) applied A while no half had a quorum")
            }
            chaos.heal()
            if !(await applied(chaos, chaos.names, Self.a, "down", timeout: 40)) { result.violations.append("A's down was not proven after healing") }
            try await chaos.cluster.set(Self.a, "up")
            if !(await applied(chaos, chaos.names, Self.a, "up")) { result.violations.append("A's up was not proven") }
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b])
            if try await chaos.events("Node1", Self.a).events.count != 2 { result.violations.append("A's log is not one down and one up") }
            await chaos.shutdown()
        }
    }

    public func slowPeers() async -> ScenarioResult {
        await run("slow peers", repetitions: 2,
                  injected: "every link to Node3 delayed 5 s each way (peer_timeout 3 s); A down, then up",
                  checked: "each change is applied on Node1 and Node2 within 10 s of the flip (the proposer's deadline holds); identical logs") { result in
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("slow-peers"), options: options())
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await Task.sleep(for: .seconds(2))
            for from in ["Node1", "Node2"] { chaos.proxy(from: from, to: "Node3")?.set(.delay(5)) }
            for state in ["down", "up"] {
                let flipped = Date()
                try await chaos.cluster.set(Self.a, state)
                if !(await applied(chaos, ["Node1", "Node2"], Self.a, state, timeout: 10)) {
                    result.violations.append("A \(state) not applied within 10 s")
                }
                result.notes.append(String(format: "A %@ applied on Node1 and Node2 %.1f s after the flip", state, Date().timeIntervalSince(flipped)))
            }
            chaos.heal()
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b])
            await chaos.shutdown()
        }
    }

    public func sequencerOutage(seconds outage: Double = 60) async -> ScenarioResult {
        await run("sequencer down", repetitions: 1,
                  injected: "the sequencer killed (SIGKILL) for \(Int(outage)) s while A and B go down and up (4 changes)",
                  checked: "after it returns every change is delivered and applied on every node, each address's changes in the order they happened, none twice") { result in
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("sequencer-down"), options: options(maxEventAge: outage + 60),
                                         proxied: false)
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await Task.sleep(for: .seconds(2))
            let killed = Date()
            chaos.cluster.stopSequencer(signal: SIGKILL)
            var flipped: [String: Double] = [:]
            for (address, state) in [(Self.a, "down"), (Self.b, "down"), (Self.a, "up"), (Self.b, "up")] {
                try await chaos.cluster.set(address, state)
                flipped[address + state] = Date().timeIntervalSince1970
                try await Task.sleep(for: .seconds(4))
            }
            let left = outage - Date().timeIntervalSince(killed)
            if left > 0 { try await Task.sleep(for: .seconds(left)) }
            try await chaos.cluster.startSequencer()
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b])
            // Order is per address: each change has its own proposer (ProposalOrder), and the
            // proposers' outboxes drain independently, so changes of different addresses may be
            // finalized in either order; accounting is per address.
            var all: [(timestamp: Int64, index: Int)] = []
            for address in [Self.a, Self.b] {
                let log = try await chaos.events("Node1", address).events
                if log.map(\.state) != ["down", "up"] { result.violations.append("\(address): \(log.map(\.state)), not down, up") }
                // Stamped when they happened (a check's second, plus confirmation), not on delivery.
                for event in log where abs(Double(event.timestamp) - (flipped[address + event.state] ?? 0)) > 3 {
                    result.violations.append("\(address) \(event.state) stamped \(event.timestamp), \(Int(Double(event.timestamp) - (flipped[address + event.state] ?? 0))) s from when it happened")
                }
                let indices = log.sorted { $0.timestamp < $1.timestamp }.map { $0.zellular_index ?? 0 }
                if indices != indices.sorted() { result.violations.append("\(address): finalized out of the order its changes happened: \(indices)") }
                all += log.map { ($0.timestamp, $0.zellular_index ?? 0) }
            }
            result.notes.append("Zellular indices of A down, B down, A up, B up (in the order they happened): \(all.sorted { $0.timestamp < $1.timestamp }.map(\.index))")
            let duplicates = await chaos.rejections("Node1").components(separatedBy: "a duplicate of the applied event").count - 1
            result.notes.append("copies sent twice and refused as duplicates: \(duplicates)")
            await chaos.shutdown()
        }
    }
}
