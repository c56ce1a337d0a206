import ArgusCore

/// Whether a member signs an announced maintenance window (`GET /maintenance/attest`, and the
/// announcing node for itself). The quorum's signatures attest that the window was announced
/// before it began: each signer checks the announcement time against its own clock, so a window
/// can only be proven while it has not begun.
public enum MaintenanceRules {
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownAddress
        case invalid(String)
        /// The announcement time is too far from this node's clock.
        case drift(String)
        /// It has begun already (or was announced at or after its start).
        case late(String)

        public var description: String {
            switch self {
            case .unknownAddress: "Address not found"
            case let .invalid(reason), let .drift(reason), let .late(reason): reason
            }
        }
    }

    public static func attest(_ window: MaintenanceWindow, now: Double, isTarget: Bool, rules: ClusterRules) -> Refusal? {
        guard isTarget else { return .unknownAddress }
        if let problem = window.problem { return .invalid(problem) }
        let drift = Double(window.announced) - now
        if abs(drift) > rules.maxTimestampDrift {
            return .drift("announced at \(window.announced), \(Int(abs(drift).rounded())) s from this node's clock (at most \(Int(rules.maxTimestampDrift)) s)")
        }
        guard window.inAdvance, now < Double(window.from) else {
            return .late("the window begins at \(window.from): a maintenance window is announced before it begins, not after")
        }
        return nil
    }

    /// Whether to send a proposed window announced at `announced`, last sent at `lastAttemptAt`.
    public static func delivery(announced: Int64, lastAttemptAt: Double?, now: Double, rules: ClusterRules) -> Proposer.Delivery {
        Proposer.delivery(of: StateChange(address: "", state: .up, timestamp: announced), lastAttemptAt: lastAttemptAt, now: now, rules: rules)
    }
}
