/// The result of one health check, as the domain sees it: the time the check started,
/// whether the node was healthy, how long the check took, and why it failed.
public struct ProbeOutcome: Sendable, Hashable {
    /// Seconds since the Unix epoch at which the check started (the moment the node was observed).
    public var startedAt: Double
    /// `true` iff the check passed (HTTP: final status equals the expected one; TCP: connected).
    public var healthy: Bool
    /// Wall time the check took, in seconds.
    public var latency: Double
    /// A short human-readable reason when the check failed (`"status 503"`, `"timed out"`, …).
    public var failureReason: String?

    public init(startedAt: Double, healthy: Bool, latency: Double, failureReason: String? = nil) {
        self.startedAt = startedAt
        self.healthy = healthy
        self.latency = latency
        self.failureReason = healthy ? nil : failureReason
    }

    public var observedState: HealthState { healthy ? .up : .down }
}
