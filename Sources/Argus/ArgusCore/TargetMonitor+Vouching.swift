/// What a monitor can vouch for about its own past: the basis of a signed `/state` and of a
/// replica's refusal of an event that contradicts what it saw itself.
///
/// The monitor vouches for state S at time T when its own confirmed history says S at T, where a
/// confirmed period of S is taken to begin just after the last observation of the previous state
/// (the change happened somewhere in that gap, and nothing it saw contradicts S there), and it has
/// seen S at or after T. It does not vouch when it has seen nothing of its confirmed state since T
/// (a check is needed first), nor before its first observation, nor further back than the periods
/// it keeps. A contrary observation not yet confirmed does not change what it vouches for: a
/// single blip is not signed.
extension TargetMonitor {
    /// The state this monitor vouches for at `time`, or `nil` if it cannot (yet).
    public func vouched(at time: Double) -> HealthState? {
        vouched(at: time, seenSince: time)
    }

    /// `vouched(at:)` where the current period needs to have been seen at or after `seenSince`.
    func vouched(at time: Double, seenSince: Double) -> HealthState? {
        guard let first = firstObservationAt,
              let index = periods.lastIndex(where: { ($0.previousLastSeenAt ?? -.infinity) < time }) else { return nil }
        // The period the machine started in is assumed, not seen: it reaches back only to just
        // before the first observation.
        if index == 0, periods[0].previousLastSeenAt == nil, time < first - 1 { return nil }
        // The current period is vouched for only as far as it was observed: something seen of
        // it at or after `time` (an earlier period was, by the next one's last-seen time).
        if index == periods.count - 1, (lastAgreeingAt ?? -.infinity) < seenSince { return nil }
        return periods[index].state
    }

    /// What it vouches for about a timestamp of whole seconds (as events and `/state` carry).
    /// Monitors watch from different places and at different moments: the proposer's first
    /// observation was somewhere inside that second, and this monitor may have seen the old state
    /// a moment later. So a change this monitor saw up to `tolerance` seconds after the start of
    /// the second counts (periods are looked up at `second + tolerance`), and an observation
    /// anywhere in the second counts as seen since. A blip still never counts: the period has to
    /// be confirmed under the monitor's own rule.
    public func vouched(forSecond second: Int64, tolerance: Double) -> HealthState? {
        vouched(at: Double(second) + max(1, tolerance), seenSince: Double(second))
    }

    /// Whether its own confirmed history contradicts `claimed` from the second `second` on: it
    /// saw the other state after that second (not merely within it), confirmed, and nothing since.
    public func contradicts(_ claimed: HealthState, fromSecond second: Int64) -> Bool {
        contradicts(claimed, at: Double(second) + 1)
    }

    /// Contrary observations still needed to confirm the state of the open streak (0: none open).
    public var observationsToConfirmStreak: Int {
        guard streak > 0 else { return 0 }
        return max(0, policy.confirmations(toEnter: state == .up ? .down : .up) - streak)
    }

    /// Whether this monitor's own history contradicts `state` from `time` to now: it vouches for
    /// the other state at `time`, has not seen `state` confirmed since, and is not about to.
    public func contradicts(_ claimed: HealthState, at time: Double) -> Bool {
        guard let seen = vouched(at: time), seen != claimed else { return false }
        guard self.state != claimed, streak == 0 else { return false }
        return !periods.contains { $0.state == claimed && ($0.previousLastSeenAt ?? -.infinity) >= time }
    }
}
