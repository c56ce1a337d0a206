import ArgusProof
import BLS12381

/// When a node aggregates an epoch's report from the signatures it collected (pure: the answers
/// and the time are inputs). Reports should come out identical on every node, so a node:
/// - adopts a peer's stored report over the same statement if there is one (the first node to
///   settle fixes the signer set for everyone after it);
/// - aggregates at once when every member signed its statement;
/// - with a quorum but not everyone, waits up to `wait` after it first computed the epoch, so a
///   slow peer still signs, then aggregates with the members that did;
/// - without a quorum, waits while peers are unreachable, and reports a disagreement when the
///   members that answered signed other statements (their target lists or logs differ).
public struct EpochCollection: Sendable {
    public let registry: Registry
    /// How long to wait for every member once a quorum has signed.
    public let wait: Double

    public init(registry: Registry, wait: Double) {
        self.registry = registry
        self.wait = wait
    }

    /// One member's answer to "your signature for this epoch".
    public enum Answer: Sendable, Hashable {
        case signed(EpochSignature)
        /// Did not answer (down, not settled yet, malformed).
        case silent
    }

    public enum Decision: Sendable, Hashable {
        /// Aggregate these members' signatures (a quorum, all over this node's statement).
        case aggregate([String: Signature])
        /// Ask again after `retryAfter` seconds.
        case wait(retryAfter: Int)
        /// No quorum over this node's statement: why, in a sentence (`/epochs/{n}`'s 424, `/rejections`).
        case disagreement(String)
    }

    /// - Parameters:
    ///   - own: this node's signature over its statement.
    ///   - answers: every other member's answer, by name.
    ///   - computedAt: when this node first computed the epoch.
    public func decide(own: EpochSignature, answers: [String: Answer], computedAt: Double, now: Double) -> Decision {
        var matching: [String: Signature] = [own.node: own.signature]
        var other: [(node: String, root: Bytes32)] = []
        var silent: [String] = []
        for member in registry.nodes where member.name != own.node {
            switch answers[member.name] ?? .silent {
            case let .signed(answer) where answer.statement == own.statement: matching[member.name] = answer.signature
            case let .signed(answer): other.append((member.name, answer.root))
            case .silent: silent.append(member.name)
            }
        }
        let waited = now - computedAt
        let retry = Int(max(1, min(wait - waited, 5)).rounded(.up))
        if matching.count == registry.nodes.count { return .aggregate(matching) }
        if registry.quorum.isMet(signers: registry.nodes.filter { matching[$0.name] != nil }, of: registry.nodes) {
            return waited >= wait ? .aggregate(matching) : .wait(retryAfter: retry)
        }
        let possible = registry.nodes.filter { matching[$0.name] != nil || silent.contains($0.name) }
        if !other.isEmpty, !registry.quorum.isMet(signers: possible, of: registry.nodes) || waited >= wait {
            let others = other.map { "\($0.node) signed root \($0.root)" }.joined(separator: ", ")
            return .disagreement("the members disagree on epoch \(own.epoch): this node (\(own.node)) computed root \(own.root) over "
                + "\(own.leafCount) targets, \(others)\(silent.isEmpty ? "" : "; no answer from \(silent.joined(separator: ", "))"); "
                + "their target lists or replicated logs differ, and no root has a quorum (\(registry.quorum))")
        }
        if waited >= wait {
            return .disagreement("only \(matching.keys.sorted().joined(separator: ", ")) signed epoch \(own.epoch) (root \(own.root)); "
                + "no answer from \(silent.joined(separator: ", ")); the quorum is \(registry.quorum)")
        }
        return .wait(retryAfter: retry)
    }
}
