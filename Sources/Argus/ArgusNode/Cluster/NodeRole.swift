import ArgusProof
import BLS12381

/// This node's identity in its cluster: the registry, its own entry, and its key.
public struct Signer: Sendable {
    public let registry: Registry
    public let member: MonitoringNode
    let key: PrivateKey

    public init(registry: Registry, member: MonitoringNode, key: PrivateKey) {
        self.registry = registry
        self.member = member
        self.key = key
    }

    public func signature(for statement: String) -> Signature {
        key.signature(for: Array(statement.utf8))
    }

    /// The signature over raw bytes (an epoch's 32-byte statement).
    public func signature(for message: [UInt8]) -> Signature {
        key.signature(for: message)
    }
}

/// What a node does in its cluster — the tutorial's stages — carrying what each needs.
public enum NodeRole: Sendable {
    /// 01: one node, its own log is the truth.
    case standalone
    /// 02: unsigned events through Zellular; signs nothing. The registry, when configured, is
    /// only shown (`/cluster`, `/registry`).
    case replica(registry: Registry?)
    /// 03: every event carries a quorum proof, re-checked by every replica; answers `/state`.
    case attester(Signer)
    /// 04: also signs settled downtime and aggregates proofs (`/aggregate_downtime`).
    case verifier(Signer)

    public var mode: ClusterMode {
        switch self {
        case .standalone: .standalone
        case .replica: .replicated
        case .attester: .attested
        case .verifier: .verifiable
        }
    }

    public var signer: Signer? {
        switch self {
        case .standalone, .replica: nil
        case let .attester(signer), let .verifier(signer): signer
        }
    }

    public var registry: Registry? {
        switch self {
        case .standalone: nil
        case let .replica(registry): registry
        case let .attester(signer), let .verifier(signer): signer.registry
        }
    }

    /// Whether events need (and this node gives) quorum proofs.
    public var requiresProofs: Bool { signer != nil }
}
