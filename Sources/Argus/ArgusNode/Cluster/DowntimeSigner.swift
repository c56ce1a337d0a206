import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Synchronization

/// Verifiable downtime (stage 04), the driver of `Settlement`: signs the total of a settled
/// window, and gathers the peers' signed totals into the cluster's proof (`/aggregate_downtime`).
public struct DowntimeSigner: Sendable {
    let signer: Signer
    let store: EventStore
    let log: any ZellularLog
    let app: String
    let settlement: Settlement
    let peers: PeerClient
    let metrics: NodeMetrics?
    /// Signed answers of settled windows: they never change (BLS signatures are deterministic and
    /// the log of a settled window is final), so each is signed once. Bounded: emptied when full.
    let cache = Cache()

    final class Cache: Sendable {
        struct Key: Hashable { var address: String; var from: Int64; var to: Int64 }
        static let capacity = 10_000
        let entries = Mutex<[Key: (report: DowntimeReport, asOfIndex: Int)]>([:])
    }

    public init(signer: Signer, store: EventStore, log: any ZellularLog, app: String, settlement: Settlement, peers: PeerClient,
                metrics: NodeMetrics?) {
        self.signer = signer
        self.store = store
        self.log = log
        self.app = app
        self.settlement = settlement
        self.peers = peers
        self.metrics = metrics
    }

    /// Why a window cannot be signed yet.
    public enum NotYet: Error, Sendable, Hashable {
        /// The window is not settled yet; ask again after `retryAfter` seconds.
        case notSettled(retryAfter: Int)
        /// This replica has not yet applied everything finalized up to the settlement time.
        case catchingUp(retryAfter: Int)
    }

    /// The signed total of `query` if it was signed already (a settled window's answer is final).
    public func cached(address: String, query: DowntimeQuery) -> (report: DowntimeReport, asOfIndex: Int)? {
        cache.entries.withLock { $0[Cache.Key(address: address, from: query.from, to: query.to)] }
    }

    /// This node's signed total of `query` at `now`, and the Zellular index of the last batch
    /// applied when it was computed.
    public func signedDowntime(address: String, query: DowntimeQuery, now: Double) async throws -> (report: DowntimeReport, asOfIndex: Int) {
        let key = Cache.Key(address: address, from: query.from, to: query.to)
        if let cached = cached(address: address, query: query) { return cached }
        let cursor = try await store.cursor(app: app)
        var decision = settlement.decide(windowEnd: query.to, now: now, appliedThrough: cursor.finalizedAt)
        if decision == .confirmHead {
            // Applied everything finalized so far? Then the log covers the window as of now.
            decision = settlement.confirm(head: await log.head(), cursor: cursor.index)
        }
        switch decision {
        case let .notSettled(retryAfter): throw NotYet.notSettled(retryAfter: retryAfter)
        case let .catchingUp(retryAfter): throw NotYet.catchingUp(retryAfter: retryAfter)
        case .signable, .confirmHead: break
        }
        var report = DowntimeReport(address: address, from: query.from, to: query.to,
                                    totalDowntimeSeconds: try await store.downtime(address: address, query: query))
        report.signature = signer.signature(for: report.statement)
        report.maintenance = try await store.maintenanceWindows(address: address, from: query.from, to: query.effectiveEnd)
        cache.entries.withLock { entries in
            if entries.count >= Cache.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (report, cursor.index)
        }
        return (report, cursor.index)
    }

    /// The cluster's proof for a window: this node's signed total and every peer's that agrees,
    /// aggregated if they meet the quorum (else `SignatureAggregator.Shortfall`).
    public func aggregateDowntime(address: String, query: DowntimeQuery, now: Double) async throws -> DowntimeProof {
        let (own, asOfIndex) = try await signedDowntime(address: address, query: query, now: now)
        let statement = own.statement
        var contributions: [String: Signature] = [signer.member.name: own.signature!]
        await withTaskGroup(of: (String, DowntimeReport?).self) { group in
            for peer in signer.registry.nodes where peer.name != signer.member.name {
                group.addTask { (peer.name, await self.peers.downtime(of: peer, address: address, from: query.from, to: query.to)) }
            }
            for await (name, answer) in group {
                metrics?.peerRequest("downtime", ok: answer != nil)
                if let answer, answer.totalDowntimeSeconds == own.totalDowntimeSeconds, let signature = answer.signature {
                    contributions[name] = signature
                }
            }
        }
        let proof = try SignatureAggregator.aggregate(statement: statement, contributions: contributions, registry: signer.registry)
        return DowntimeProof(address: address, from: query.from, to: query.to, totalDowntimeSeconds: own.totalDowntimeSeconds,
                             aggregatedSignature: proof.signature, nonSigningNodes: proof.nonSigners, signers: proof.signers,
                             quorum: signer.registry.quorum.description, message: statement, asOfIndex: asOfIndex)
    }
}
