/// The result of one health check, as the domain sees it: the time the check started,
/// whether the node was healthy (and if only partly), how long the check took, and why it failed.
public struct ProbeOutcome: Sendable, Hashable {
    /// Seconds since the Unix epoch at which the check started (the moment the node was observed).
    public var startedAt: Double
    /// `true` iff the check passed (its rule's verdict, `Target.Check.judge`).
    public var healthy: Bool
    /// Healthy but not fully (EigenLayer's 206 "partially healthy"); never set when unhealthy.
    public var degraded: Bool
    /// Wall time the check took, in seconds.
    public var latency: Double
    /// A short human-readable reason when the check failed or found the target degraded
    /// (`"status 503"`, `"timed out"`, …).
    public var failureReason: String?

    public init(startedAt: Double, healthy: Bool, latency: Double, failureReason: String? = nil, degraded: Bool = false) {
        self.startedAt = startedAt
        self.healthy = healthy
        self.degraded = healthy && degraded
        self.latency = latency
        self.failureReason = healthy && !self.degraded ? nil : failureReason
    }

    /// The outcome of a check started at `startedAt` that took `latency` seconds, as its rule judged it.
    public init(startedAt: Double, latency: Double, verdict: Target.Verdict) {
        self.init(startedAt: startedAt, healthy: verdict.healthy, latency: latency, failureReason: verdict.reason, degraded: verdict.degraded)
    }

    public var observedState: HealthState { healthy ? .up : .down }
}
