import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import BLS12381
import Logging
import ServiceLifecycle
import Synchronization

/// Proposing (stages 02–03), the driver of `Proposer`: after every check it hands the monitor's
/// confirmed state to the machine and performs what it decides — gather the peers' signatures,
/// put the event in the durable outbox (`OutboxService` sends it), or log why not. The node's log
/// changes only when the event comes back finalized (`ReplicationService`, which reports each
/// applied change here). As a service it hands the machine the time, so that a change this node
/// left to a member ranked before it is proposed when its turn comes (`Proposer.due`).
public final class ProposalService: ObservationSink, Service {
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
    public static func load(store: EventStore, addresses: [String], rules: ClusterRules, signsEvents: Bool,
                            order: ProposalOrder? = nil) async throws -> Proposer {
        let replicated = try await store.lastChanges(addresses: addresses)
        let pending = try await store.pendingOutbox().map(\.change)
        return Proposer(rules: rules, signsEvents: signsEvents, order: order, replicated: Array(replicated.values), pending: pending)
    }

    /// How often waiting turns are looked at.
    static let turnPoll = Duration.milliseconds(200)

    /// Run only with a `ProposalOrder` (without one nothing waits its turn).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    for action in self.proposer.withLock({ $0.due(now: self.clock.now()) }) {
                        group.addTask { try? await self.perform(action) }
                    }
                    try? await Task.sleep(for: Self.turnPoll)
                }
            }
        }
    }

    public func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
        let now = clock.now()
        try await perform(proposer.withLock { $0.observed(address: address, state: state, since: since, now: now) })
    }

    /// A peer asked `/state` about `address`.
    public func asked(address: String) {
        let now = clock.now()
        proposer.withLock { $0.asked(address: address, now: now) }
    }

    func perform(_ first: Proposer.Action) async throws {
        var action = first
        while true {
            switch action {
            case .none:
                return
            case let .nudge(address, state, timestamp, leaderName):
                guard let signer, let leader = signer.registry.node(named: leaderName) else { return }
                let answered = await peers.nudge(leader, address: address, timestamp: timestamp)
                metrics?.peerRequest("nudge", ok: answered)
                if !answered { logger.info("\(leaderName) leads \(address) \(state) but does not answer; not waiting for it") }
                proposer.withLock { $0.nudged(address: address, state: state, leader: leaderName, answered: answered) }
                return
            case let .gather(event):
                guard let signer else {
                    proposer.withLock { $0.gatherFailed(event) }
                    return
                }
                let (contributions, disagreed) = await gather(event, signer: signer)
                if !disagreed.isEmpty { logger.info("\(disagreed.sorted()) saw \(event.address) otherwise at \(event.timestamp)") }
                action = proposer.withLock { $0.gathered(event, contributions: contributions, registry: signer.registry, disagreed: disagreed) }
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

    /// Learns the replicated state of targets added at run time (a reload, discovery): the
    /// last applied change of each, if it has history.
    public func track(_ addresses: [String]) async throws {
        guard !addresses.isEmpty else { return }
        for change in try await store.lastChanges(addresses: addresses).values { applied(change) }
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
