import ArgusCore
import ArgusProof
import BLS12381

/// Verifiable downtime (stage 04): a node signs the total of a window only once the window is
/// settled — it ended `maxEventAge` ago, so no event for it can still be applied, and this node
/// has applied everything finalized up to then — so every honest replica signs the same number
/// (`downtime-reference.md` §9 item 14). `/aggregate_downtime` gathers the peers' signatures.
extension ClusterNode {
    public struct SignedDowntime: Sendable, Hashable {
        public var total: Int64
        public var signature: Signature
        /// The Zellular index of the last batch applied when the total was computed.
        public var asOfIndex: Int
    }

    public enum DowntimeError: Error, Sendable, Hashable {
        /// The window is not settled yet; ask again after `retryAfter` seconds.
        case notSettled(retryAfter: Int)
        /// This replica has not yet applied everything finalized up to the settlement time.
        case catchingUp(retryAfter: Int)
        case notSigning
    }

    public func signedDowntime(address: String, query: DowntimeQuery) async throws -> SignedDowntime {
        guard settings.mode == .verifiable, let key else { throw DowntimeError.notSigning }
        let settledAt = Double(query.to) + settings.maxEventAge
        let current = now
        guard current >= settledAt else { throw DowntimeError.notSettled(retryAfter: Int(min(settledAt - current, 1e9).rounded(.up)) + 1) }
        let cursor = try await store.cursor(app: settings.zellular.app)
        if Double(cursor.finalizedAt) < settledAt {
            // Applied everything finalized so far? Then the log covers the window as of now.
            let last = try? await zellular.lastFinalized()
            guard let last, last.index <= cursor.index else { throw DowntimeError.catchingUp(retryAfter: 1) }
        }
        let total = try await store.downtime(address: address, query: query)
        let statement = Statement.downtime(address: address, total: total, from: query.from, to: query.to)
        return SignedDowntime(total: total, signature: key.signature(for: Array(statement.utf8)), asOfIndex: cursor.index)
    }

    /// The cluster's proof for a window: this node's signed total and every peer's that agrees,
    /// aggregated if they meet the quorum.
    public func aggregateDowntime(address: String, query: DowntimeQuery) async throws -> DowntimeProof {
        guard let registry, let member else { throw DowntimeError.notSigning }
        let own = try await signedDowntime(address: address, query: query)
        var contributions: [String: Signature] = [member.name: own.signature]
        await withTaskGroup(of: (String, PeerClient.DowntimeAnswer?).self) { group in
            for peer in registry.nodes where peer.name != member.name {
                group.addTask { (peer.name, await self.peers.downtime(of: peer, address: address, from: query.from, to: query.to)) }
            }
            for await (name, answer) in group {
                metrics?.peerRequest("downtime", ok: answer != nil)
                if let answer, answer.total == own.total { contributions[name] = answer.signature }
            }
        }
        let statement = Statement.downtime(address: address, total: own.total, from: query.from, to: query.to)
        let proof = try SignatureAggregator.aggregate(statement: statement, contributions: contributions, registry: registry)
        return DowntimeProof(address: address, from: query.from, to: query.to, totalDowntimeSeconds: own.total,
                             aggregatedSignature: proof.signature, nonSigningNodes: proof.nonSigners, signers: proof.signers,
                             quorum: registry.quorum.description, message: statement, asOfIndex: own.asOfIndex)
    }
}
