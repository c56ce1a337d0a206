/// The cluster's timing rules, shared by every decision of the core: how far a signed timestamp
/// may drift, how old an event may be when it is finalized, how long a proposal waits before it is
/// sent again. Values, not a clock: every rule takes `now` as an input.
public struct ClusterRules: Sendable, Hashable {
    /// How far a `/state` timestamp may be from the attester's clock, inclusive (the reference: 10 s).
    public var maxTimestampDrift: Double = 10
    /// How far ahead of the attester's clock a `/state` timestamp may be: clock tolerance only.
    /// Proposers (ours and the reference's) never ask about the future, and a signature on a
    /// future state could later cut an outage short.
    public var maxFutureDrift: Double = 2
    /// How much later than a `/state` timestamp this node may have seen a change and still vouch
    /// for it at that timestamp (monitors see a change from different places at different
    /// moments). It bounds how far a signed timestamp can lead what this node confirmed.
    public var vouchTolerance: Double = 2
    /// Events older than this when finalized are refused (replays), and a window is signed only
    /// once it ended this long ago (no event for it can still be applied).
    public var maxEventAge: Double = 60
    /// Events timestamped more than this after their finalization are refused.
    public var maxFutureSkew: Double = 30
    /// A proposal not seen finalized after this long is sent again.
    public var resendAfter: Double = 5
    /// After a proposal that missed the quorum, the same address is proposed again no sooner than this.
    public var retryProposalAfter: Double = 3
    /// How long each member waits after the one ranked before it to propose a change
    /// (`ProposalOrder.grace`): a nudged leader answers within a peer timeout, and a member its
    /// gather asks waits one grace more. At most 3 s keeps a failover's proposal at the time the
    /// change was first seen (`Proposer.timestamp`: 2 s to confirm "down", 7 s of drift).
    public var proposalGrace: Double = 3
    /// How long `/state` may spend checking a target it has no fresh observation of.
    public var attestDeadline: Double = 2
    /// How often the outbox looks for proposals to send while sends succeed.
    public var outboxPoll: Double = 0.1
    /// The longest pause between outbox passes while sends keep failing.
    public var maxSendBackoff: Double = 2

    public init() {}

    /// The pause before the next outbox pass after `failures` consecutive failed sends: `outboxPoll`,
    /// doubling with each failure up to `maxSendBackoff`, so an unreachable or refusing sequencer
    /// is asked at most every `maxSendBackoff` seconds rather than ten times a second.
    public func outboxPause(afterFailures failures: Int) -> Double {
        let doubled = outboxPoll * Double(1 << min(max(failures, 0), 30))
        return min(doubled, max(outboxPoll, maxSendBackoff))
    }
}
