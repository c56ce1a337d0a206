import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Logging
import ServiceLifecycle

/// Announced maintenance (docs/ACCOUNTING.md): `announce` makes a window of now, has it signed by
/// this node and its peers (each checks it against its own clock: `MaintenanceRules.attest`),
/// aggregates a quorum proof, and records the proposal; `run` sends proposals to Zellular until
/// they are seen finalized (the replica records them) or too old to be admitted. A standalone node
/// records its own announcement at once; an unsigned replica (replicated mode) sends it unsigned.
public final class MaintenanceService: Service, Sendable {
    let store: EventStore
    let log: (any ZellularLog)?
    let signer: Signer?
    let peers: PeerClient?
    let targets: TargetSet
    let rules: ClusterRules
    let clock: any WallClock
    let logger: Logger

    public init(store: EventStore, log: (any ZellularLog)?, signer: Signer?, peers: PeerClient?, targets: TargetSet, rules: ClusterRules,
                clock: any WallClock, logger: Logger) {
        self.store = store
        self.log = log
        self.signer = signer
        self.peers = peers
        self.targets = targets
        self.rules = rules
        self.clock = clock
        self.logger = logger
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case refused(MaintenanceRules.Refusal)
        case noQuorum(SignatureAggregator.Shortfall)

        public var description: String {
            switch self {
            case let .refused(refusal): refusal.description
            case let .noQuorum(shortfall): "no quorum attested the window: \(shortfall)"
            }
        }
    }

    /// Announces a window of `address` now; the event as proposed (cluster) or recorded (standalone).
    public func announce(address: String, from: Int64, to: Int64, reason: String) async throws -> MaintenanceEvent {
        let now = clock.now()
        let window = MaintenanceWindow(address: address, from: from, to: to, announced: Int64(now.rounded(.down)), reason: reason)
        if let refusal = MaintenanceRules.attest(window, now: now, isTarget: targets.target(address) != nil, rules: rules) {
            throw Failure.refused(refusal)
        }
        guard log != nil else {
            let event = MaintenanceEvent(window: window)
            try await store.recordMaintenance(window, body: event.json)
            logger.notice("maintenance of \(address) recorded: [\(from), \(to)), \(reason)")
            return event
        }
        var event = MaintenanceEvent(window: window)
        if let signer, let peers {
            var contributions: [String: Signature] = [signer.member.name: signer.signature(for: event.statement)]
            await withTaskGroup(of: (String, Signature?).self) { group in
                for peer in signer.registry.nodes where peer.name != signer.member.name {
                    group.addTask { (peer.name, await peers.maintenance(of: peer, window: window)) }
                }
                for await (name, signature) in group { if let signature { contributions[name] = signature } }
            }
            do {
                let proof = try SignatureAggregator.aggregate(statement: event.statement, contributions: contributions, registry: signer.registry)
                event.aggregatedSignature = proof.signature
                event.nonSigningNodes = proof.nonSigners
            } catch {
                throw Failure.noQuorum(error)
            }
        }
        try await store.proposeMaintenance(window, body: event.batchBody)
        logger.notice("maintenance of \(address) proposed: [\(from), \(to)), \(reason); non-signers: \(event.nonSigningNodes ?? [])")
        await deliver()
        return event
    }

    /// This node's signature over a window a peer announces (`GET /maintenance/attest`).
    public func attest(_ window: MaintenanceWindow) throws(MaintenanceRules.Refusal) -> Signature? {
        if let refusal = MaintenanceRules.attest(window, now: clock.now(), isTarget: targets.target(window.address) != nil, rules: rules) {
            throw refusal
        }
        return signer?.signature(for: Statement.maintenance(window))
    }

    public func run() async throws {
        guard log != nil else { return }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.deliver()
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// One pass over the proposed windows not yet seen finalized.
    func deliver() async {
        guard let log, let pending = try? await store.pendingMaintenance() else { return }
        for entry in pending {
            switch MaintenanceRules.delivery(announced: entry.window.announced, lastAttemptAt: entry.lastAttemptAt, now: clock.now(), rules: rules) {
            case .wait:
                continue
            case let .abandon(reason):
                try? await store.abandonMaintenance(entry.id, reason: reason)
                logger.warning("abandoned the maintenance window of \(entry.window.address) [\(entry.window.from), \(entry.window.to)): \(reason)")
            case .send:
                do {
                    try await log.send(entry.body)
                    try await store.recordMaintenanceAttempt(entry.id)
                } catch {
                    logger.warning("cannot send a maintenance window to Zellular (will retry): \(error)")
                    return
                }
            }
        }
    }
}
