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
/// `retryProposalAfter` while it stays confirmed.
///
/// With a `ProposalOrder`, only the change's leader proposes at once. A member ranked after it
/// first `nudge`s the leader (asks its `/state`, so the leader checks the target now and, if it
/// confirms the change, proposes), then waits its turn (`due(now:)`); a leader that does not
/// answer is passed over, so the first live member that confirmed the change proposes it. A
/// `/state` request about the address while a member waits (someone is gathering) extends its
/// wait once, by one grace. Pure: the driver (`ProposalService`) performs the actions and
/// reports what the peers, the replicated log and the outbox did.
public struct Proposer: Sendable {
    public enum Action: Sendable, Hashable {
        case none
        /// Ask every peer to sign `event.statement`, then report with `gathered(_:contributions:registry:)`.
        case gather(StateEvent)
        /// Store this event in the outbox (durably, before anything is sent); then `enqueued(_:)`.
        case enqueue(StateEvent)
        /// This attempt failed (why); nothing to store.
        case abandon(StateEvent, reason: String)
        /// `leader` proposes this change first: ask its `/state` about `address` at `timestamp`, a
        /// second ahead, so that it has seen nothing since and checks the target now (and, if it
        /// confirms the change, proposes it). Then report with `nudged(address:state:leader:answered:)`.
        /// This node waits its turn meanwhile.
        case nudge(address: String, state: HealthState, timestamp: Int64, leader: String)
    }

    /// A change this node confirmed and leaves to the members ranked before it, for now.
    struct Turn: Sendable {
        var state: HealthState
        var since: Int64
        let confirmedAt: Double
        /// Members passed over: they did not answer a nudge.
        var skipping: Set<String> = []
        /// Until when a peer's `/state` request postponed this turn (once per turn).
        var extendedTo: Double?
        /// A gather the peers answered with the other state, to be asked again at this second.
        var retryAt: Int64?

        func notBefore(_ order: ProposalOrder?, address: String) -> Double {
            if let retryAt { return Double(retryAt) }
            guard let order else { return .infinity }
            return max(confirmedAt + order.delay(address: address, state: state, skipping: skipping), extendedTo ?? 0)
        }
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
    /// Who proposes which change; `nil`: this node proposes every change it confirms at once
    /// (as the reference does).
    public let order: ProposalOrder?
    /// The last applied change of each address (absent: the initial "up since 0").
    public private(set) var replicated: [String: StateChange]
    /// Proposals in the outbox, per address.
    public private(set) var pending: [String: [StateChange]]
    /// Addresses whose proposal is being gathered, and when each address was last proposed.
    private var gathering: Set<String> = []
    private var lastProposedAt: [String: Double] = [:]
    /// Changes waiting for their turn, and when a peer last asked `/state` about an address.
    private var turns: [String: Turn] = [:]
    private var askedAt: [String: Double] = [:]
    /// Addresses whose change was asked again a second later (once per change).
    private var retried: Set<String> = []

    public init(rules: ClusterRules, signsEvents: Bool, order: ProposalOrder? = nil, replicated: [StateChange] = [], pending: [StateChange] = []) {
        self.rules = rules
        self.signsEvents = signsEvents
        self.order = order
        self.replicated = Dictionary(replicated.map { ($0.address, $0) }, uniquingKeysWith: { $0.timestamp >= $1.timestamp ? $0 : $1 })
        self.pending = Dictionary(grouping: pending, by: \.address)
    }

    /// The monitor's confirmed `state` of `address` (since `since`) after a check at `now`.
    public mutating func observed(address: String, state: HealthState, since: Int64, now: Double) -> Action {
        // Compared with what the log will say once this node's outbox is delivered: a target
        // that recovers while its "down" waits in the outbox (the sequencer unreachable) gets its
        // "up" proposed now, while the peers can still vouch for the second it was seen, and
        // queued behind the "down" (found by argus-chaos, sequencer down 60 s: the "up" was
        // proposed only after the "down" was applied, a minute late, and the outage grew by it).
        guard state != expectedState(address) else {
            turns[address] = nil
            retried.remove(address)
            return .none
        }
        // Already on its way, or being gathered?
        if pending[address, default: []].contains(where: { $0.state == state }) || gathering.contains(address) { return .none }
        if let last = lastProposedAt[address], now - last < rules.retryProposalAfter { return .none }
        if let order {
            if let turn = turns[address], turn.state == state {
                turns[address]?.since = since
                if now < turn.notBefore(order, address: address) { return .none }
            } else {
                var turn = Turn(state: state, since: since, confirmedAt: now)
                var nudge: String?
                if order.rank(address: address, state: state) > 0 {
                    // Someone is gathering signatures about it already: give them one grace.
                    if let asked = askedAt[address], now - asked < order.grace {
                        turn.extendedTo = asked + order.grace
                    } else {
                        nudge = order.leader(address: address, state: state)
                    }
                }
                askedAt[address] = nil
                turns[address] = turn
                if now < turn.notBefore(order, address: address) {
                    return nudge.map { .nudge(address: address, state: state, timestamp: Int64(now.rounded(.down)) + 1, leader: $0) } ?? .none
                }
            }
            turns[address] = nil
        }
        return propose(address: address, state: state, since: since, now: now)
    }

    /// The state of `address` once its pending proposals are applied: the latest pending one,
    /// else the replicated one (absent: the initial "up").
    func expectedState(_ address: String) -> HealthState {
        pending[address]?.max { $0.timestamp < $1.timestamp }?.state ?? replicated[address]?.state ?? .up
    }

    /// The changes whose turn has come by `now` (no event for them finalized meanwhile): what to
    /// do for each, as `observed` would have decided.
    public mutating func due(now: Double) -> [Action] {
        var actions: [Action] = []
        for (address, turn) in turns where now >= turn.notBefore(order, address: address) {
            if pending[address, default: []].contains(where: { $0.state == turn.state }) || gathering.contains(address) { continue }
            if turn.retryAt == nil, let last = lastProposedAt[address], now - last < rules.retryProposalAfter { continue }
            turns[address] = nil
            actions.append(propose(address: address, state: turn.state, since: turn.since, now: now, timestamp: turn.retryAt))
        }
        return actions
    }

    /// Whether the nudged leader answered at all. One that did is live and has checked: if it
    /// confirms the change it proposes it, else this node's turn comes after one grace. One that
    /// did not (unreachable, or too slow) is passed over for this change at once.
    public mutating func nudged(address: String, state: HealthState, leader: String, answered: Bool) {
        guard !answered, turns[address]?.state == state else { return }
        turns[address]?.skipping.insert(leader)
    }

    /// A peer asked this node's `/state` about `address` at `now`: it is gathering signatures to
    /// propose a change, so a member waiting its turn waits one grace more (once per turn).
    public mutating func asked(address: String, now: Double) {
        guard let order else { return }
        guard let turn = turns[address] else {
            askedAt[address] = now
            return
        }
        if turn.extendedTo == nil, order.rank(address: address, state: turn.state) > 0 {
            turns[address]?.extendedTo = now + order.grace
        }
    }

    mutating func propose(address: String, state: HealthState, since: Int64, now: Double, timestamp: Int64? = nil) -> Action {
        lastProposedAt[address] = now
        var event = event(address: address, state: state, since: since, now: now)
        if let timestamp { event.timestamp = timestamp }
        guard signsEvents else { return .enqueue(event) }
        gathering.insert(address)
        return .gather(event)
    }

    func event(address: String, state: HealthState, since: Int64, now: Double) -> StateEvent {
        StateEvent(address: address, state: state, timestamp: Self.timestamp(since: since, now: now, rules: rules))
    }

    /// The signatures the peers (and this node) gave over `event.statement`: member name →
    /// signature, only from those that observed the same state; and the peers that signed the
    /// other state. When those cost the quorum, the change is asked once more, at the next second:
    /// a peer that saw the old state within the proposer's first second (a moment before the
    /// change reached it) has seen nothing since then, so it checks first and confirms.
    public mutating func gathered(_ event: StateEvent, contributions: [String: Signature], registry: Registry,
                                  disagreed: [String] = []) -> Action {
        gathering.remove(event.address)
        do throws(SignatureAggregator.Shortfall) {
            let proof = try SignatureAggregator.aggregate(statement: event.statement, contributions: contributions, registry: registry)
            var signed = event
            signed.aggregatedSignature = proof.signature
            signed.nonSigningNodes = proof.nonSigners
            return .enqueue(signed)
        } catch {
            if order != nil, !disagreed.isEmpty, !retried.contains(event.address), turns[event.address] == nil {
                retried.insert(event.address)
                turns[event.address] = Turn(state: event.state, since: event.timestamp, confirmedAt: -.infinity, retryAt: event.timestamp + 1)
            }
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
        if turns[change.address]?.state == change.state { turns[change.address] = nil }
        retried.remove(change.address)
        pending[change.address]?.removeAll { $0.state == change.state || $0.timestamp <= change.timestamp }
        if pending[change.address]?.isEmpty == true { pending[change.address] = nil }
    }

    /// The outbox gave up on `change`.
    public mutating func abandoned(_ change: StateChange) {
        pending[change.address]?.removeAll { $0 == change }
        if pending[change.address]?.isEmpty == true { pending[change.address] = nil }
    }

    /// The timestamp to propose a change confirmed as of `since`: the confirmation time, or, when
    /// that is further back than the peers sign (`maxTimestampDrift` behind their clocks, less 3 s
    /// for a second's rounding and a gather's round trip of up to 2 s), the earliest second they still sign.
    /// Members that fail over to propose a change the leader proved (the sequencer down, so
    /// nothing is finalized) then stamp it as the leader did, or as close as the drift allows:
    /// whichever copy is finalized first, the change keeps its time (found by argus-chaos: a copy
    /// stamped "now" 6 s later was finalized first, and the outage moved by 6 s).
    /// Never further back than `maxEventAge` less 2 s either, which leaves the proposal 2 s to be
    /// finalized before every replica refuses it as stale (found by CI, `max_event_age: 4`: each
    /// retry was stamped 7 s back, abandoned as stale, and the change was never proposed).
    public static func timestamp(since: Int64, now: Double, rules: ClusterRules) -> Int64 {
        let current = Int64(now.rounded(.down))
        let lag = max(0, min(rules.maxTimestampDrift - 3, rules.maxEventAge - 2))
        return max(since, current - Int64(lag.rounded(.down)))
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
