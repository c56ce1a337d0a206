/// How often a target is checked and how many agreeing observations confirm a change.
///
/// Defaults follow the foundation issue: check every 10 s, confirm "down" after 2 consecutive
/// failures and "up" after 1 success, and after a first contrary observation re-check after 2 s
/// instead of a full interval. Jitter spreads checks of many targets over time.
public struct CheckPolicy: Sendable, Hashable {
    /// Seconds between checks while the observed state agrees with the confirmed one.
    public var interval: Double
    /// Seconds before re-checking after an observation that contradicts the confirmed state.
    public var retryInterval: Double
    /// Timeout of one check, in seconds.
    public var timeout: Double
    /// Fraction of `interval` (0 ..< 1) added at random to each delay.
    public var jitter: Double
    /// Consecutive failures that confirm "down".
    public var failuresBeforeDown: Int
    /// Consecutive successes that confirm "up".
    public var successesBeforeUp: Int

    public init(
        interval: Double = 10,
        retryInterval: Double = 2,
        timeout: Double = 3,
        jitter: Double = 0.1,
        failuresBeforeDown: Int = 2,
        successesBeforeUp: Int = 1
    ) {
        self.interval = interval
        self.retryInterval = retryInterval
        self.timeout = timeout
        self.jitter = jitter
        self.failuresBeforeDown = failuresBeforeDown
        self.successesBeforeUp = successesBeforeUp
    }

    public static let `default` = CheckPolicy()

    /// Consecutive observations of `state` needed to confirm a change into it.
    public func confirmations(toEnter state: HealthState) -> Int {
        state == .down ? failuresBeforeDown : successesBeforeUp
    }
}
