import ArgusCluster

/// How a node takes part in a cluster — the tutorial's stages, chosen by configuration:
/// `standalone` (01: one node, its own log), `replicated` (02: unsigned events through Zellular),
/// `attested` (03: every event carries a ≥ quorum BLS proof, re-checked by every replica) and
/// `verifiable` (04: also signed downtime reports and `/aggregate_downtime`; the default when a
/// registry is configured).
public enum ClusterMode: String, Sendable, Hashable, CaseIterable {
    case standalone
    case replicated
    case attested
    case verifiable

    /// Whether events must carry a quorum proof.
    public var requiresProofs: Bool { self == .attested || self == .verifiable }
}

/// The `cluster:` and `zellular:` sections of the configuration.
public struct ClusterSettings: Sendable {
    public var mode: ClusterMode = .verifiable
    /// This node's name in the registry.
    public var name: String = ""
    /// The node's BLS secret key: an EIP-2335 keystore or raw hex.
    public var keyFile: String = ""
    /// The keystore password's file (else `ARGUS_KEY_PASSWORD`).
    public var passwordFile: String?
    /// `monitoring_nodes.json`.
    public var registryFile: String = ""
    /// Every member must carry a proof of possession (`require_pop`, default true): without them
    /// a member can register a rogue key and forge a quorum alone. Opting out warns at every start.
    public var requireProofsOfPossession = true
    /// `count` or `stake`; `nil` = stake when every member has one, else count.
    public var quorumWeighting: String?
    /// The fraction of the members (or stake) that must sign: at least numerator/denominator.
    public var quorumFraction: (numerator: UInt64, denominator: UInt64) = (2, 3)
    /// How long a proposer waits for each peer (the reference: 3 s).
    public var peerTimeout: Double = 3
    /// How long `/state` may spend checking a target it has no fresh observation of; shorter than
    /// a proposer's wait, so a hanging target can be attested down.
    public var attestDeadline: Double = 2
    /// Events older than this when finalized are refused (replays), and a window is signed only
    /// once it ended this long ago (no event for it can still be applied).
    public var maxEventAge: Double = 60
    /// Events timestamped more than this after their finalization are refused.
    public var maxFutureSkew: Double = 30
    /// A proposal not seen finalized after this long is sent again.
    public var resendAfter: Double = 5
    /// How long each member waits after the one ranked before it to propose a change; `nil`:
    /// `peer_timeout` (a nudged leader's answer).
    public var proposalGrace: Double?
    /// `one` (default): one proposer per change (`ProposalOrder`); `all`: every member proposes
    /// every change it confirms, as the reference does (the benchmark's anchor).
    public var oneProposerPerChange = true

    public var zellular = ZellularSettings()

    public init() {}
}

/// Which Zellular network a cluster uses.
public struct ZellularSettings: Sendable, Hashable {
    /// A static network description (`nodes.json`), e.g. the embedded sequencer's.
    public var networkFile: String?
    /// Or an EigenLayer subgraph URL.
    public var subgraphURL: String?
    public var app: String = "downtime-monitoring"
    public var gateway: String?
    /// A file holding the bearer token a sequencer asks writers for (`argus sequencer --token-file`).
    public var tokenFile: String?
    public var thresholdPercent: Int = 67
    public var pollInterval: Double = 0.25

    public init() {}
}

extension ClusterSettings {
    /// The timing rules of the cluster core.
    public var rules: ClusterRules {
        var rules = ClusterRules()
        rules.maxEventAge = maxEventAge
        rules.maxFutureSkew = maxFutureSkew
        rules.resendAfter = resendAfter
        rules.retryProposalAfter = max(2, peerTimeout)
        rules.attestDeadline = attestDeadline
        rules.proposalGrace = proposalGrace ?? peerTimeout
        return rules
    }
}
