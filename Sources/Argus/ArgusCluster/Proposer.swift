import ArgusCore
import ArgusProof
import BLS12381

/// The proposing half of a monitoring node (stages 02–03), as a value-type state machine.
///
/// It knows the replicated state of every address (what Zellular has finalized and this node has
/// applied) and the proposals still on their way (the outbox). After every check the monitor's
/// confirmed state goes in; when it differs from the replicated one, and no proposal for it is
/// pending or being gathered, the machine asks for one: `gather` (ask the peers to sign, attested
/// modes) or `enqueue` (unsigned, replicated mode). A gathered proof that meets the quorum becomes
/// `enqueue`; one that does not is `abandon`ed, and the change is proposed again after
/// `retryProposalAfter` while it stays confirmed. Pure: the driver (`ProposalService`) performs
/// the actions and reports what the replicated log and the outbox did.
public struct Proposer: Sendable {
    public enum Action: Sendable, Hashable {
        case none
        /// Ask every peer to sign `event.statement`, then report with `gathered(_:contributions:registry:)`.
        case gather(StateEvent)
        /// Store this event in the outbox (durably, before anything is sent); then `enqueued(_:)`.
        case enqueue(StateEvent)
        /// This attempt failed (why); nothing to store.
        case abandon(StateEvent, reason: String)
    }

    /// When an outbox entry is sent.
    public enum Delivery: Sendable, Hashable {
        case send
        /// Sent recently: wait for it to be finalized (or for `resendAfter`).
        case wait
        /// Every replica would refuse it now (older than `maxEventAge`).
        case abandon(reason: String)
    }

    public let rules: ClusterRules
    /// Whether events need a quorum proof (attested and verifiable modes).
    public let signsEvents: Bool
    /// The last applied change of each address (absent: the initial "up since 0").
    public private(set) var replicated: [String: StateChange]
    /// Proposals in the outbox, per address.
    public private(set) var pending: [String: [StateChange]]
    /// Addresses whose proposal is being gathered, and when each address was last proposed.
    private var gathering: Set<String> = []
    private var lastProposedAt: [String: Double] = [:]

    public init(rules: ClusterRules, signsEvents: Bool, replicated: [StateChange] = [], pending: [StateChange] = []) {
        self.rules = rules
        self.signsEvents = signsEvents
        self.replicated = Dictionary(replicated.map { ($0.address, $0) }, uniquingKeysWith: { $0.timestamp >= $1.timestamp ? $0 : $1 })
        self.pending = Dictionary(grouping: pending, by: \.address)
    }

    /// The monitor's confirmed `state` of `address` (since `since`) after a check at `now`.
    public mutating func observed(address: String, state: HealthState, since: Int64, now: Double) -> Action {
        guard state != (replicated[address]?.state ?? .up) else { return .none }
        // Already on its way, or being gathered?
        if pending[address, default: []].contains(where: { $0.state == state }) || gathering.contains(address) { return .none }
        if let last = lastProposedAt[address], now - last < rules.retryProposalAfter { return .none }
        lastProposedAt[address] = now
        let event = StateEvent(address: address, state: state, timestamp: Self.timestamp(since: since, now: now, rules: rules))
        guard signsEvents else { return .enqueue(event) }
        gathering.insert(address)
        return .gather(event)
    }

    /// The signatures the peers (and this node) gave over `event.statement`: member name →
    /// signature, only from those that observed the same state.
    public mutating func gathered(_ event: StateEvent, contributions: [String: Signature], registry: Registry) -> Action {
        gathering.remove(event.address)
        do throws(SignatureAggregator.Shortfall) {
            let proof = try SignatureAggregator.aggregate(statement: event.statement, contributions: contributions, registry: registry)
            var signed = event
            signed.aggregatedSignature = proof.signature
            signed.nonSigningNodes = proof.nonSigners
            return .enqueue(signed)
        } catch {
            return .abandon(event, reason: "no quorum: \(error)")
        }
    }

    /// The gather was cut short (the driver could not ask): allow the next attempt.
    public mutating func gatherFailed(_ event: StateEvent) {
        gathering.remove(event.address)
    }

    /// The outbox now holds `change`.
    public mutating func enqueued(_ change: StateChange) {
        pending[change.address, default: []].append(change)
    }

    /// The replicated log applied `change`. Proposals it has overtaken are done: the address is in
    /// that state now, or has an event at or after the proposal's time.
    public mutating func applied(_ change: StateChange) {
        if let last = replicated[change.address], last.timestamp >= change.timestamp { return }
        replicated[change.address] = change
        pending[change.address]?.removeAll { $0.state == change.state || $0.timestamp <= change.timestamp }
        if pending[change.address]?.isEmpty == true { pending[change.address] = nil }
    }

    /// The outbox gave up on `change`.
    public mutating func abandoned(_ change: StateChange) {
        pending[change.address]?.removeAll { $0 == change }
        if pending[change.address]?.isEmpty == true { pending[change.address] = nil }
    }

    /// The timestamp to propose a change confirmed as of `since`: peers sign only timestamps within
    /// `maxTimestampDrift` of their clocks, so keep the confirmation time while it is within half
    /// of that, else propose as of now.
    public static func timestamp(since: Int64, now: Double, rules: ClusterRules) -> Int64 {
        let current = Int64(now.rounded(.down))
        return Double(current - since) <= rules.maxTimestampDrift / 2 ? since : current
    }

    /// Whether to send an outbox entry for `change`, last sent at `lastAttemptAt`, at `now`.
    public static func delivery(of change: StateChange, lastAttemptAt: Double?, now: Double, rules: ClusterRules) -> Delivery {
        if now - Double(change.timestamp) > rules.maxEventAge {
            return .abandon(reason: "older than max_event_age; replicas would refuse it")
        }
        if let lastAttemptAt, now - lastAttemptAt < rules.resendAfter { return .wait }
        return .send
    }
}
