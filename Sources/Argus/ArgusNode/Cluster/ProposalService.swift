import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Logging
import Synchronization

/// Proposing (stages 02–03), the driver of `Proposer`: after every check it hands the monitor's
/// confirmed state to the machine and performs what it decides — gather the peers' signatures,
/// put the event in the durable outbox (`OutboxService` sends it), or log why not. The node's log
/// changes only when the event comes back finalized (`ReplicationService`, which reports each
/// applied change here).
public final class ProposalService: ObservationSink {
    let proposer: Mutex<Proposer>
    let signer: Signer?
    let peers: PeerClient
    let store: EventStore
    let clock: any WallClock
    let logger: Logger
    let metrics: NodeMetrics?

    /// - Parameter proposer: loaded with the replicated state and the outbox (`load`).
    public init(proposer: Proposer, signer: Signer?, peers: PeerClient, store: EventStore, clock: any WallClock, logger: Logger,
                metrics: NodeMetrics?) {
        self.proposer = Mutex(proposer)
        self.signer = signer
        self.peers = peers
        self.store = store
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
    }

    /// A proposer that knows what `store` holds: the last applied change of each target and the
    /// pending outbox.
    public static func load(store: EventStore, addresses: [String], rules: ClusterRules, signsEvents: Bool) async throws -> Proposer {
        let replicated = try await store.lastChanges(addresses: addresses)
        let pending = try await store.pendingOutbox().map(\.change)
        return Proposer(rules: rules, signsEvents: signsEvents, replicated: Array(replicated.values), pending: pending)
    }

    public func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
        let now = clock.now()
        var action = proposer.withLock { $0.observed(address: address, state: state, since: since, now: now) }
        while true {
            switch action {
            case .none:
                return
            case let .gather(event):
                guard let signer else {
                    proposer.withLock { $0.gatherFailed(event) }
                    return
                }
                let (contributions, disagreed) = await gather(event, signer: signer)
                if !disagreed.isEmpty { logger.info("\(disagreed.sorted()) saw \(event.address) otherwise at \(event.timestamp)") }
                action = proposer.withLock { $0.gathered(event, contributions: contributions, registry: signer.registry) }
            case let .enqueue(event):
                try await store.enqueue(event.change, body: event.batchBody)
                proposer.withLock { $0.enqueued(event.change) }
                if event.aggregatedSignature != nil { metrics?.proposal("proposed") }
                logger.notice("proposed \(event.address) \(event.state) at \(event.timestamp)", metadata: [
                    "signers": "\(signer.map { s in s.registry.nodes.map(\.name).filter { !(event.nonSigningNodes ?? []).contains($0) } } ?? [])",
                ])
                return
            case let .abandon(event, reason):
                metrics?.proposal("no_quorum")
                logger.warning("\(reason) for \(event.address) \(event.state) at \(event.timestamp)")
                return
            }
        }
    }

    /// This node's signature and every peer's that confirms the same state (asked concurrently);
    /// and the peers that answered otherwise.
    func gather(_ event: StateEvent, signer: Signer) async -> (contributions: [String: Signature], disagreed: [String]) {
        let statement = event.statement
        var contributions: [String: Signature] = [signer.member.name: signer.signature(for: statement)]
        var disagreed: [String] = []
        await withTaskGroup(of: (String, StateAttestation?).self) { group in
            for peer in signer.registry.nodes where peer.name != signer.member.name {
                group.addTask { (peer.name, await self.peers.state(of: peer, address: event.address, timestamp: event.timestamp)) }
            }
            for await (name, answer) in group {
                metrics?.peerRequest("state", ok: answer != nil)
                guard let answer else { continue }
                if answer.state == event.state { contributions[name] = answer.signature } else { disagreed.append(name) }
            }
        }
        return (contributions, disagreed)
    }

    /// The replicated log applied `change`.
    public func applied(_ change: StateChange) {
        proposer.withLock { $0.applied(change) }
    }

    /// The outbox gave up on `change`.
    public func abandoned(_ change: StateChange) {
        proposer.withLock { $0.abandoned(change) }
    }
}
