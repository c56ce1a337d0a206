import ArgusCore

/// When a replica may sign a downtime window (stage 04): only once it is settled — it ended
/// `maxEventAge` ago, so no event for it can still be applied — and this replica has applied
/// everything finalized up to then. Then every honest replica signs the same number
/// (`downtime-reference.md` §9 item 14). Until then the answer is "not yet", with when to ask again.
public struct Settlement: Sendable, Hashable {
    public let maxEventAge: Double

    public init(maxEventAge: Double) { self.maxEventAge = maxEventAge }

    public enum Decision: Sendable, Hashable {
        case signable
        /// The window is not settled: ask again after `retryAfter` seconds.
        case notSettled(retryAfter: Int)
        /// The applied log ends before the settlement time: ask the sequencer for its last
        /// finalized index and call `confirm(head:cursor:)`.
        case confirmHead
        /// This replica has not applied everything finalized yet.
        case catchingUp(retryAfter: Int)
    }

    /// The time at which the window ending at `windowEnd` is settled.
    public func settledAt(windowEnd: Int64) -> Double { Double(windowEnd) + maxEventAge }

    /// - Parameter appliedThrough: the finalization time of the last batch this replica applied.
    public func decide(windowEnd: Int64, now: Double, appliedThrough: Int64) -> Decision {
        let settledAt = settledAt(windowEnd: windowEnd)
        guard now >= settledAt else { return .notSettled(retryAfter: Int(min(settledAt - now, 1e9).rounded(.up)) + 1) }
        // The log reaches past the settlement time: nothing finalized later can change the window.
        return Double(appliedThrough) >= settledAt ? .signable : .confirmHead
    }

    /// - Parameters:
    ///   - head: the sequencer's last finalized index (0: nothing finalized yet; `nil`: unknown).
    ///   - cursor: the last index this replica applied.
    public func confirm(head: Int?, cursor: Int) -> Decision {
        guard let head, head <= cursor else { return .catchingUp(retryAfter: 1) }
        return .signable
    }
}
