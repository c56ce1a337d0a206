import ArgusCore

/// `GET /state` (stage 03) as a rule: whether this node signs an observation of a target at a
/// caller's timestamp, and which one. It signs its latest own check while that is fresh (at most
/// one interval plus the timeout old); otherwise it checks first, for at most the attest deadline
/// (shorter than a proposer's wait, so a hanging target is attested down in time).
public enum Attestation {
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownAddress
        /// The timestamp is more than `maxTimestampDrift` before this node's clock.
        case drift(seconds: Double)
        /// The timestamp is more than `maxFutureDrift` ahead of this node's clock.
        case future(seconds: Double)

        public var description: String {
            switch self {
            case .unknownAddress: "unknown address"
            case let .drift(seconds): "timestamp drift \(seconds) s exceeds the allowance"
            case let .future(seconds): "timestamp \(seconds) s in the future"
            }
        }
    }

    public enum Decision: Sendable, Hashable {
        /// Sign this state.
        case sign(HealthState)
        /// Check the target first; a target that has not answered within `deadline` seconds is down.
        case checkFirst(deadline: Double)
        case refuse(Refusal)
    }

    /// - Parameters:
    ///   - target: the configured target of the address, if any.
    ///   - lastCheck: this node's latest check of it, if any.
    public static func decide(target: Target?, timestamp: Int64, now: Double, lastCheck: ProbeOutcome?, rules: ClusterRules) -> Decision {
        guard let target else { return .refuse(.unknownAddress) }
        let ahead = Double(timestamp) - now
        guard ahead <= rules.maxFutureDrift else { return .refuse(.future(seconds: ahead)) }
        guard -ahead <= rules.maxTimestampDrift else { return .refuse(.drift(seconds: -ahead)) }
        if let lastCheck, now - lastCheck.startedAt <= target.policy.interval + target.policy.timeout {
            return .sign(lastCheck.observedState)
        }
        return .checkFirst(deadline: min(rules.attestDeadline, target.policy.timeout))
    }
}
