/// The per-target state machine: probe results (with their time) in, decisions out.
///
/// It holds the confirmed state and the streak of observations that contradict it. A change is
/// confirmed after `CheckPolicy.confirmations(toEnter:)` consecutive contrary observations, and is
/// stamped with the time of the **first** of them — the moment the new state was first seen, not
/// the moment it was confirmed. While a streak is open the next check comes after the short
/// retry interval, otherwise after the full interval.
///
/// Pure: no clock, no I/O. The driver (`MonitorService`) performs the probe and the decision.
public struct TargetMonitor: Sendable, Hashable {
    public let address: String
    /// How often to check and how many observations confirm a change; a reload may change it
    /// (`adopt(_:)`) without losing the state or an open streak.
    public private(set) var policy: CheckPolicy
    /// The confirmed state. The reference starts every target "up since 0"; so do we.
    public private(set) var state: HealthState
    /// Timestamp of the last confirmed change (0 for the initial "up since 0").
    public private(set) var since: Int64
    /// Contrary observations seen in a row, and when the first of them started.
    public private(set) var streak: Int = 0
    public private(set) var streakStartedAt: Double?
    /// What this machine itself observed, for `vouched(at:)`: when it first observed anything, when
    /// it last observed the confirmed state, and its recent confirmed periods.
    public private(set) var firstObservationAt: Double?
    public private(set) var lastAgreeingAt: Double?
    public private(set) var periods: [Period] = []

    /// A confirmed period of its own: its state, and the last time the previous state was
    /// observed before it (`nil` for the period the machine started in).
    public struct Period: Sendable, Hashable {
        public var state: HealthState
        public var previousLastSeenAt: Double?
    }

    /// How many periods are kept: enough for the attestation window, bounded memory.
    static let keptPeriods = 8

    /// What the driver must do after an observation.
    public struct Decision: Sendable, Hashable {
        /// A confirmed change to record, if any.
        public var change: StateChange?
        /// Seconds until the next check (before jitter).
        public var nextCheckIn: Double
    }

    public init(address: String, policy: CheckPolicy = .default, state: HealthState = .up, since: Int64 = 0) {
        self.address = address
        self.policy = policy
        self.state = state
        self.since = since
        self.periods = [Period(state: state, previousLastSeenAt: nil)]
    }

    /// Goes on under another policy (the target's configuration changed).
    public mutating func adopt(_ policy: CheckPolicy) {
        self.policy = policy
    }

    public mutating func probeSucceeded(at time: Double) -> Decision {
        observe(.up, at: time)
    }

    public mutating func probeFailed(at time: Double) -> Decision {
        observe(.down, at: time)
    }

    public mutating func record(_ outcome: ProbeOutcome) -> Decision {
        observe(outcome.observedState, at: outcome.startedAt)
    }

    private mutating func observe(_ observed: HealthState, at time: Double) -> Decision {
        if firstObservationAt == nil { firstObservationAt = time }
        guard observed != state else {
            streak = 0
            streakStartedAt = nil
            lastAgreeingAt = max(lastAgreeingAt ?? time, time)
            return Decision(change: nil, nextCheckIn: policy.interval)
        }
        if streak == 0 { streakStartedAt = time }
        streak += 1
        guard streak >= policy.confirmations(toEnter: observed) else {
            return Decision(change: nil, nextCheckIn: policy.retryInterval)
        }
        // Whole seconds, strictly after the previous change: the event log requires strictly
        // increasing timestamps, and two changes can fall in the same second when checks are
        // sub-second apart.
        let firstSeen = Int64((streakStartedAt ?? time).rounded(.down))
        let timestamp = max(firstSeen, since + 1, 0)
        periods.append(Period(state: observed, previousLastSeenAt: lastAgreeingAt ?? firstObservationAt.map { $0 - 1 }))
        if periods.count > Self.keptPeriods { periods.removeFirst(periods.count - Self.keptPeriods) }
        lastAgreeingAt = time
        state = observed
        since = timestamp
        streak = 0
        streakStartedAt = nil
        return Decision(
            change: StateChange(address: address, state: observed, timestamp: timestamp),
            nextCheckIn: policy.interval
        )
    }
}
