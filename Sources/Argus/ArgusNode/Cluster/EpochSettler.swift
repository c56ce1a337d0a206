import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Foundation
import Logging
import PythonJSON
import Synchronization

/// Epoch settlement, the driver of `EpochSchedule` and `EpochCollection`: once an epoch is
/// settled it computes every target's downtime from the replicated log, builds the Merkle tree
/// and the statement, signs it and stores that (once: a node never signs two statements for one
/// epoch); then it collects the members' signatures, or adopts a peer's stored report over the
/// same statement, and stores the aggregated report, which is then served unchanged forever.
public final class EpochSettler: Sendable {
    let signer: Signer
    let store: EventStore
    let log: any ZellularLog
    let app: String
    public let schedule: EpochSchedule
    public let domain: Bytes32
    public let registryRoot: Bytes32
    /// The targets an epoch covers: the node's current ones when it computes the epoch (every
    /// member must monitor the same set, `/cluster` compares them).
    let addresses: @Sendable () -> [String]
    let collection: EpochCollection
    let peers: PeerClient
    let logger: Logger
    let metrics: NodeMetrics?
    /// The first epoch this node settles on its own (fixed at its first start with settlement).
    public let firstEpoch: UInt64
    /// Why each epoch that is not settled yet is not (in memory; `/epochs/{n}` answers from it).
    let progress = Mutex<[UInt64: Progress]>([:])
    /// Contents of recently served reports (a proof needs the tree; parsing a large report is not free).
    let contents = Mutex<[UInt64: EpochContent]>([:])

    public enum Progress: Sendable, Hashable {
        /// Collecting signatures; ask again after `retryAfter` seconds.
        case collecting(retryAfter: Int, nextAttempt: Double)
        /// No quorum over this node's statement.
        case disagreement(String, nextAttempt: Double)
    }

    /// Where an epoch stands, for `/epochs/{n}`.
    public enum Status: Sendable {
        case settled(String)
        case pending(retryAfter: Int, reason: String)
        case catchingUp(retryAfter: Int)
        case disagreement(String)
        case beforeFirst(UInt64)
    }

    public init(signer: Signer, store: EventStore, log: any ZellularLog, app: String, schedule: EpochSchedule, domain: Bytes32, wait: Double,
                addresses: @escaping @Sendable () -> [String], peers: PeerClient, firstEpoch: UInt64, logger: Logger, metrics: NodeMetrics?) {
        self.signer = signer
        self.store = store
        self.log = log
        self.app = app
        self.schedule = schedule
        self.domain = domain
        self.registryRoot = EpochStatement.registryRoot(signer.registry)
        self.addresses = addresses
        self.collection = EpochCollection(registry: signer.registry, wait: wait)
        self.peers = peers
        self.firstEpoch = firstEpoch
        self.logger = logger
        self.metrics = metrics
    }

    // MARK: Computing and signing

    /// This node's computed (and signed) epoch, computing it now if it is settled and this node
    /// has applied everything finalized up to then.
    func computed(_ epoch: UInt64, now: Double) async throws -> (stored: StoredEpoch, content: EpochContent) {
        if let stored = try await store.epoch(epoch) { return (stored, try content(of: stored)) }
        let (from, to) = schedule.bounds(of: epoch)
        let cursor = try await store.cursor(app: app)
        var decision = schedule.settlement.decide(windowEnd: Int64(to), now: now, appliedThrough: cursor.finalizedAt)
        if decision == .confirmHead { decision = schedule.settlement.confirm(head: await log.head(), cursor: cursor.index) }
        switch decision {
        case let .notSettled(retryAfter): throw DowntimeSigner.NotYet.notSettled(retryAfter: retryAfter)
        case let .catchingUp(retryAfter): throw DowntimeSigner.NotYet.catchingUp(retryAfter: retryAfter)
        case .signable, .confirmHead: break
        }
        let query = try DowntimeQuery(from: Int64(from), to: Int64(to))
        let addresses = self.addresses()
        let totals = try await store.downtimes(addresses: addresses, query: query)
        let leaves = addresses.map { EpochLeaf(address: $0, downtimeSeconds: UInt64(max(0, totals[$0] ?? 0))) }
        let content = try EpochContent(epoch: epoch, from: from, to: to, domain: domain, registryRoot: registryRoot, leaves: leaves)
        let signature = signer.signature(for: content.statement.bytes)
        let stored = try await store.saveComputed(Self.record(content, signature: signature, asOfIndex: cursor.index, computedAt: now))
        // Another task may have stored it first: the stored record is the one this node signed.
        return (stored, stored.statement == content.statement.hex ? content : try self.content(of: stored))
    }

    /// `GET /epochs/{n}/signature`: this node's signature over its statement (what peers collect).
    public func signature(_ epoch: UInt64, now: Double) async throws -> EpochSignature {
        let (stored, content) = try await computed(epoch, now: now)
        return EpochSignature(epoch: epoch, node: signer.member.name, root: content.root, leafCount: content.leafCount,
                              statement: content.statement, signature: try Signature(hexString: stored.signature))
    }

    public enum Inconsistent: Error, CustomStringConvertible {
        case stored(UInt64, String)
        public var description: String {
            switch self {
            case let .stored(epoch, reason): "epoch \(epoch) as stored: \(reason)"
            }
        }
    }

    /// The content of a stored epoch, rebuilt from its leaves; it must give the stored statement
    /// (else this node computed it under another domain, registry or target list).
    func content(of stored: StoredEpoch) throws -> EpochContent {
        if let cached = contents.withLock({ $0[stored.epoch] }) { return cached }
        struct Leaf: Decodable { var address: String; var downtime_seconds: UInt64 }
        let leaves = try JSONDecoder().decode([Leaf].self, from: Data(stored.leaves.utf8))
        let content = try EpochContent(epoch: stored.epoch, from: stored.from, to: stored.to, domain: domain, registryRoot: registryRoot,
                                       leaves: leaves.map { EpochLeaf(address: $0.address, downtimeSeconds: $0.downtime_seconds) })
        guard content.statement.hex == stored.statement else {
            throw Inconsistent.stored(stored.epoch, "it was computed under another domain or registry (statement \(stored.statement), now \(content.statement))")
        }
        contents.withLock { cache in
            if cache.count >= 16 { cache.removeAll(keepingCapacity: true) }
            cache[stored.epoch] = content
        }
        return content
    }

    /// What this node stores when it has computed and signed an epoch (leaves as
    /// `[{address, downtime_seconds}]`, tree order).
    public static func record(_ content: EpochContent, signature: Signature, asOfIndex: Int, computedAt: Double) -> StoredEpoch {
        let leaves = WireJSON.array(content.leaves.map {
            WireJSON.object([("address", .string($0.address)), ("downtime_seconds", .number(String($0.downtimeSeconds)))])
        }).text
        return StoredEpoch(epoch: content.epoch, from: content.from, to: content.to, statement: content.statement.hex, root: content.root.hex,
                           leafCount: Int(content.leafCount), leaves: leaves, signature: signature.hexString, asOfIndex: asOfIndex,
                           computedAt: computedAt)
    }

    // MARK: Settling

    /// Tries to settle `epoch` now: adopt a peer's report over the same statement, or aggregate
    /// the members' signatures, or say why not (kept in `progress`).
    @discardableResult
    public func settle(_ epoch: UInt64, now: Double) async throws -> Status {
        let (stored, content) = try await computed(epoch, now: now)
        if let report = stored.report { return .settled(report) }
        let own = EpochSignature(epoch: epoch, node: signer.member.name, root: content.root, leafCount: content.leafCount,
                                 statement: content.statement, signature: try Signature(hexString: stored.signature))
        var answers: [String: EpochCollection.Answer] = [:]
        var adoptable: [EpochReport] = []
        await withTaskGroup(of: (String, EpochSignature?, EpochReport?).self) { group in
            for peer in signer.registry.nodes where peer.name != signer.member.name {
                group.addTask {
                    async let signature = self.peers.epochSignature(of: peer, epoch: epoch)
                    async let report = self.peers.epochReport(of: peer, epoch: epoch)
                    return (peer.name, await signature, await report)
                }
            }
            for await (name, signature, report) in group {
                metrics?.peerRequest("epoch", ok: signature != nil)
                answers[name] = signature.map(EpochCollection.Answer.signed) ?? .silent
                if let report, report.content.statement == content.statement,
                   (try? report.verify(with: signer.registry, domain: domain)) != nil {
                    adoptable.append(report)
                }
            }
        }
        // The first node to settle fixes the signer set: the report with the most signers (then
        // the smallest signature) — every node picks the same one from the same choices.
        let ranked = adoptable.sorted { ($0.signers.count, $1.aggregatedSignature.hexString) > ($1.signers.count, $0.aggregatedSignature.hexString) }
        if let chosen = ranked.first {
            return try await finish(epoch, report: EpochReport(content: content, aggregatedSignature: chosen.aggregatedSignature,
                                                               nonSigningNodes: chosen.nonSigningNodes, signers: chosen.signers, quorum: chosen.quorum))
        }
        switch collection.decide(own: own, answers: answers, computedAt: stored.computedAt, now: now) {
        case let .aggregate(contributions):
            do {
                let report = try EpochReport(content: content, aggregating: contributions, registry: signer.registry)
                return try await finish(epoch, report: report)
            } catch {
                return remember(epoch, .collecting(retryAfter: 2, nextAttempt: now + 2), reason: "\(error)")
            }
        case let .wait(retryAfter):
            return remember(epoch, .collecting(retryAfter: retryAfter, nextAttempt: now + Double(retryAfter)), reason: "collecting the members' signatures")
        case let .disagreement(reason):
            try await store.recordEpochRefusal(epoch: epoch, asOfIndex: stored.asOfIndex, reason: reason, body: own.json)
            logger.warning("epoch \(epoch) not settled: \(reason)")
            return remember(epoch, .disagreement(reason, nextAttempt: now + 5), reason: reason)
        }
    }

    func finish(_ epoch: UInt64, report: EpochReport) async throws -> Status {
        var report = report
        // The maintenance windows its leaves' downtime excludes (all applied before it settled).
        report.maintenance = try await store.maintenanceWindows(address: nil, from: Int64(report.content.from), to: Int64(report.content.to))
        let stored = try await store.saveReport(epoch: epoch, report: report.json) ?? report.json
        progress.withLock { _ = $0.removeValue(forKey: epoch) }
        logger.info("epoch \(epoch) settled: root \(report.content.root), signers \(report.signers.joined(separator: ", "))")
        return .settled(stored)
    }

    func remember(_ epoch: UInt64, _ state: Progress, reason: String) -> Status {
        progress.withLock { $0[epoch] = state }
        switch state {
        case let .collecting(retryAfter, _): return .pending(retryAfter: retryAfter, reason: reason)
        case let .disagreement(reason, _): return .disagreement(reason)
        }
    }

    /// Whether the background loop should try `epoch` again at `now`.
    func due(_ epoch: UInt64, now: Double) -> Bool {
        switch progress.withLock({ $0[epoch] }) {
        case nil: true
        case let .collecting(_, next), let .disagreement(_, next): now >= next
        }
    }

    // MARK: Answers

    /// Where `epoch` stands at `now`, without doing any work (`GET /epochs/{n}`).
    public func status(_ epoch: UInt64, now: Double) async throws -> Status {
        if let stored = try await store.epoch(epoch), let report = stored.report { return .settled(report) }
        let settledAt = schedule.settledAt(epoch)
        if now < settledAt {
            return .pending(retryAfter: Int(min(settledAt - now, 1e9).rounded(.up)) + 1, reason: "the epoch is not settled yet: events for it may still arrive")
        }
        if epoch < firstEpoch { return .beforeFirst(firstEpoch) }
        switch progress.withLock({ $0[epoch] }) {
        case let .collecting(retryAfter, _): return .pending(retryAfter: retryAfter, reason: "collecting the members' signatures")
        case let .disagreement(reason, _): return .disagreement(reason)
        case nil:
            let cursor = try await store.cursor(app: app)
            if Double(cursor.finalizedAt) < settledAt, try await store.epoch(epoch) == nil {
                return .catchingUp(retryAfter: 1)
            }
            return .pending(retryAfter: 1, reason: "settling")
        }
    }

    /// The content (leaves and tree) of a settled epoch, for its inclusion proofs.
    public func content(_ epoch: UInt64) async throws -> EpochContent? {
        guard let stored = try await store.epoch(epoch), stored.report != nil else { return nil }
        return try content(of: stored)
    }

    /// Epochs from `after + 1` (default: the first) up to the current one, at most `limit`:
    /// number, bounds, settled or not, and the root once settled.
    public func list(after: UInt64?, limit: Int, now: Double) async throws -> [(epoch: UInt64, from: UInt64, to: UInt64, root: String?)] {
        // Epochs before the first are never settled here: the list starts at the first.
        let start = max(firstEpoch, after.map { $0 + 1 } ?? firstEpoch)
        let current = schedule.epoch(containing: now)
        guard start <= current else { return [] }
        let end = min(current, start + UInt64(limit) - 1)
        let stored = try await store.epochSummaries(from: start, through: end)
        return (start...end).map { epoch in
            let (from, to) = schedule.bounds(of: epoch)
            let summary = stored[epoch]
            return (epoch, from, to, summary?.settled == true ? summary?.root : nil)
        }
    }
}
