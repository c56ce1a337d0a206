import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Foundation

/// Proposing (stages 02–03): a change this node confirms becomes an event in the outbox — with a
/// quorum proof gathered from the peers when the mode asks for one — and the outbox sends it until
/// Zellular has finalized it. The node's log changes only when the event comes back finalized.
extension ClusterNode: ObservationSink {
    public func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
        let replicated = try await store.lastChange(address: address)?.state ?? .up
        guard state != replicated else { return }
        // Already on its way?
        if try await store.pendingOutbox().contains(where: { $0.change.address == address && $0.change.state == state }) { return }
        guard await throttle.admit(address, now: now, every: max(2, settings.peerTimeout)) else { return }
        // Peers only sign timestamps within 10 s of their clocks: keep the confirmation time when
        // it is recent, else propose as of now.
        let current = Int64(now.rounded(.down))
        let timestamp = current - since <= 5 ? since : current
        guard let event = await proposal(address: address, state: state, timestamp: timestamp) else { return }
        try await store.enqueue(event.change, body: event.batchBody)
        logger.notice("proposed \(address) \(state) at \(timestamp)", metadata: [
            "signers": "\(registry.map { r in r.nodes.map(\.name).filter { !(event.nonSigningNodes ?? []).contains($0) } } ?? [])",
        ])
    }

    /// The event to propose: unsigned in `replicated` mode, else with the aggregated signature of
    /// every member that confirms the same state at `timestamp` (asked concurrently), or `nil`
    /// when fewer than the quorum do.
    func proposal(address: String, state: HealthState, timestamp: Int64) async -> StateEvent? {
        guard settings.mode.requiresProofs, let registry, let key, let member else {
            return StateEvent(address: address, state: state, timestamp: timestamp)
        }
        let statement = Statement.state(address: address, state: state, timestamp: timestamp)
        var contributions: [String: Signature] = [member.name: key.signature(for: Array(statement.utf8))]
        var disagreed: [String] = []
        await withTaskGroup(of: (String, PeerClient.StateAnswer?).self) { group in
            for peer in registry.nodes where peer.name != member.name {
                group.addTask { (peer.name, await self.peers.state(of: peer, address: address, timestamp: timestamp)) }
            }
            for await (name, answer) in group {
                metrics?.peerRequest("state", ok: answer != nil)
                guard let answer else { continue }
                if answer.state == state { contributions[name] = answer.signature } else { disagreed.append(name) }
            }
        }
        do throws(SignatureAggregator.Shortfall) {
            let proof = try SignatureAggregator.aggregate(statement: statement, contributions: contributions, registry: registry)
            metrics?.proposal("proposed")
            return StateEvent(address: address, state: state, timestamp: timestamp, aggregatedSignature: proof.signature,
                              nonSigningNodes: proof.nonSigners)
        } catch {
            metrics?.proposal("no_quorum")
            logger.warning("no quorum for \(address) \(state) at \(timestamp): \(error)", metadata: [
                "disagreed": "\(disagreed.sorted())",
            ])
            return nil
        }
    }
}
