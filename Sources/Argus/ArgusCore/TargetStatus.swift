/// What is known about a target right now: its confirmed state and its latest check.
public struct TargetStatus: Sendable, Hashable {
    public var address: String
    /// The confirmed state and since when (0 = the initial "up since 0").
    public var state: HealthState
    public var since: Int64
    /// The latest check, if any has completed.
    public var lastCheck: ProbeOutcome?
    /// Checks completed since the node first saw this target.
    public var checks: Int64

    public init(address: String, state: HealthState = .up, since: Int64 = 0, lastCheck: ProbeOutcome? = nil, checks: Int64 = 0) {
        self.address = address
        self.state = state
        self.since = since
        self.lastCheck = lastCheck
        self.checks = checks
    }
}
