import ArgusCore

/// `GET /state` (stage 03) as a rule: whether this node signs an observation of a target at a
/// caller's timestamp, and which one. It signs only what its own monitor vouches for at that time
/// (`TargetMonitor.vouched(at:)`: its confirmed history, under the same confirmation rule it uses
/// for itself), so a single blip, or a state it has not seen since the timestamp, is never signed.
/// When it has not seen the target since the timestamp, or has contrary observations it has not
/// confirmed yet (whatever the timestamp), it checks first — as many checks as its own rule still needs, within the attest deadline (shorter
/// than a proposer's wait) — and decides again.
public enum Attestation {
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownAddress
        /// The timestamp is more than `maxTimestampDrift` before this node's clock.
        case drift(seconds: Double)
        /// The timestamp is more than `maxFutureDrift` ahead of this node's clock.
        case future(seconds: Double)
        /// This node's own observations do not confirm any state at the timestamp (yet).
        case unconfirmed

        public var description: String {
            switch self {
            case .unknownAddress: "unknown address"
            case let .drift(seconds): "timestamp drift \(seconds) s exceeds the allowance"
            case let .future(seconds): "timestamp \(seconds) s in the future"
            case .unconfirmed: "this node has not confirmed the target's state at that time"
            }
        }
    }

    public enum Decision: Sendable, Hashable {
        /// Sign this state.
        case sign(HealthState)
        /// Check the target `checks` more times (each counted by the node's own monitor), within
        /// `deadline` seconds in all — a check that has not answered by then is a failure — then
        /// decide again with `afterChecks`.
        case checkFirst(checks: Int, deadline: Double)
        case refuse(Refusal)
    }

    /// - Parameters:
    ///   - target: the configured target of the address, if any.
    ///   - monitor: this node's own monitor of it, as it is now.
    public static func decide(target: Target?, timestamp: Int64, now: Double, monitor: TargetMonitor?, rules: ClusterRules) -> Decision {
        guard let target else { return .refuse(.unknownAddress) }
        let ahead = Double(timestamp) - now
        guard ahead <= rules.maxFutureDrift else { return .refuse(.future(seconds: ahead)) }
        guard -ahead <= rules.maxTimestampDrift else { return .refuse(.drift(seconds: -ahead)) }
        // With contrary observations open (a change it may be about to confirm), it checks before
        // it signs anything: what it vouches for could be the old state a moment longer.
        let open = (monitor?.streak ?? 0) > 0
        if !open, let state = monitor?.vouched(forSecond: timestamp, tolerance: rules.vouchTolerance) { return .sign(state) }
        // Enough checks to confirm a change under the node's own rule: what an open streak still
        // needs, or a whole confirmation when none is open (the first check may be the first
        // contrary one). The driver stops as soon as nothing is left open.
        let checks: Int
        if let monitor, monitor.streak > 0 {
            checks = max(1, monitor.observationsToConfirmStreak)
        } else {
            let confirmed = monitor?.state ?? .up
            checks = max(1, target.policy.confirmations(toEnter: confirmed == .up ? .down : .up))
        }
        return .checkFirst(checks: checks, deadline: min(rules.attestDeadline, target.policy.timeout * Double(checks)))
    }

    /// The decision once the checks asked for are done: sign what the monitor now vouches for, or refuse.
    public static func afterChecks(timestamp: Int64, monitor: TargetMonitor?, rules: ClusterRules) -> Decision {
        monitor?.vouched(forSecond: timestamp, tolerance: rules.vouchTolerance).map(Decision.sign) ?? .refuse(.unconfirmed)
    }
}
