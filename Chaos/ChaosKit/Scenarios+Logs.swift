import ArgusDemo
import Foundation

/// The checks every scenario ends with: after the faults, the replicas converge on one log.
extension ChaosCluster {
    /// Waits until `nodes` are quiescent (everything finalized applied, nothing left to send),
    /// then compares their logs of `addresses`: the same events (state, timestamp, Zellular index,
    /// finalized text) on every node, none twice, states alternating. Returns the violations.
    public func converged(_ nodes: [String], addresses: [String], timeout: Double = 90) async -> [String] {
        // Quiet twice, 2 s apart: an applied change can start a proposal (a target whose state the
        // log no longer matches), and one sample may fall between the two.
        let settled = await eventually(timeout: timeout) {
            guard try await self.quiescent(nodes) else { return false }
            let last = try await self.cluster.lastFinalizedIndex()
            try await Task.sleep(for: .seconds(2))
            guard try await self.quiescent(nodes) else { return false }
            return try await self.cluster.lastFinalizedIndex() == last
        }
        guard settled else {
            return ["the nodes did not converge within \(Int(timeout)) s (cursor behind the sequencer, or proposals left in an outbox)"]
        }
        var violations: [String] = []
        for address in addresses {
            var logs: [String: Events] = [:]
            for node in nodes {
                do {
                    logs[node] = try await events(node, address)
                } catch {
                    violations.append("\(error)")
                }
            }
            guard let reference = logs[nodes[0]] else { continue }
            for (node, log) in logs where log.events != reference.events {
                violations.append("\(address): \(node)'s log differs from \(nodes[0])'s (\(log.events.count) vs \(reference.events.count) events)")
            }
            violations += Self.wellFormed(reference.events, address: address)
        }
        return violations
    }

    /// Strictly increasing timestamps and Zellular indexes, alternating states starting with down.
    static func wellFormed(_ events: [Events.Event], address: String) -> [String] {
        var violations: [String] = []
        var previous: Events.Event?
        for event in events {
            if let previous {
                if event.timestamp <= previous.timestamp { violations.append("\(address): timestamps not increasing at \(event.timestamp)") }
                if event.state == previous.state { violations.append("\(address): \(event.state) twice in a row at \(event.timestamp) (a duplicate)") }
                if let a = previous.zellular_index, let b = event.zellular_index, b <= a {
                    violations.append("\(address): Zellular index \(b) not after \(a)")
                }
            } else if event.state != "down" {
                violations.append("\(address): the first event is \(event.state), not down")
            }
            previous = event
        }
        return violations
    }

    /// Each node's epoch reports of the epochs every one of `nodes` settled: byte for byte equal.
    public func sameReports(_ nodes: [String]) async -> (compared: Int, violations: [String]) {
        struct List: Decodable { struct Epoch: Decodable { var epoch: UInt64; var status: String }; var epochs: [Epoch] }
        var settled: [String: Set<UInt64>] = [:]
        for node in nodes {
            guard let (status, body) = try? await cluster.get(node, "/epochs?limit=1000"), status == 200,
                  let list = try? JSONDecoder().decode(List.self, from: Data(body.utf8)) else { continue }
            settled[node] = Set(list.epochs.filter { $0.status == "settled" }.map(\.epoch))
        }
        let common = nodes.compactMap { settled[$0] }.reduce(into: Set<UInt64>?.none) { acc, next in acc = acc.map { $0.intersection(next) } ?? next } ?? []
        var violations: [String] = []
        for epoch in common.sorted() {
            var bodies: [String: String] = [:]
            for node in nodes { bodies[node] = try? await cluster.get(node, "/epochs/\(epoch)").body }
            if Set(bodies.values).count != 1 { violations.append("epoch \(epoch): the nodes' reports differ") }
        }
        return (common.count, violations)
    }

    /// The rejections a node lists, as text (reasons and excerpts).
    public func rejections(_ node: String) async -> String {
        (try? await cluster.get(node, "/rejections?limit=1000").body) ?? ""
    }
}
