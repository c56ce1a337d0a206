import BLS12381
import PythonJSON

/// Replacing the registry an on-chain verifier holds: a quorum of the *old* members signs
/// (docs/PROOFS.md, "On-chain calldata")
///
///     statement = keccak256(keccak256("argus.rotate.v1") ‖ domain ‖ old_registry_root ‖ new_registry_root)
///
/// (`abi.encode` of four `bytes32`), each registry root as `EpochStatement.registryRoot` defines it
/// under that registry's own rule, BLS-signed over the 32 raw bytes with the PoP ciphersuite, the
/// same signature the members give an epoch statement. The statement's tag differs from the
/// epoch's, so no epoch signature is ever a rotation signature.
public struct RegistryRotation: Sendable {
    static let tag = Bytes32.keccak(Array("argus.rotate.v1".utf8))

    public let domain: Bytes32
    public let old: Registry
    public let new: Registry
    public let oldRoot: Bytes32
    public let newRoot: Bytes32
    public let statement: Bytes32

    public init(domain: Bytes32, old: Registry, new: Registry) {
        self.domain = domain
        self.old = old
        self.new = new
        self.oldRoot = EpochStatement.registryRoot(old)
        self.newRoot = EpochStatement.registryRoot(new)
        self.statement = Self.statement(domain: domain, oldRoot: oldRoot, newRoot: newRoot)
    }

    public static func statement(domain: Bytes32, oldRoot: Bytes32, newRoot: Bytes32) -> Bytes32 {
        Bytes32.keccak(tag.bytes + domain.bytes + oldRoot.bytes + newRoot.bytes)
    }

    /// The old member holding `key`, and its signature over the statement.
    public func sign(with key: PrivateKey) -> RotationSignature? {
        guard let member = old.nodes.first(where: { $0.publicKey == key.publicKey }) else { return nil }
        return RotationSignature(node: member.name, oldRoot: oldRoot, newRoot: newRoot, statement: statement,
                                 signature: key.signature(for: statement.bytes))
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case notMember(String)
        case signedTwice(String)
        case otherStatement(node: String, statement: Bytes32, expected: Bytes32)
        case badSignature(String)
        case underQuorum(signers: [String], members: Int, rule: ClusterQuorum)

        public var description: String {
            switch self {
            case let .notMember(node): "\(node) is not a member of the old registry"
            case let .signedTwice(node): "\(node) signed twice"
            case let .otherStatement(node, statement, expected):
                "\(node) signed statement \(statement), not this rotation's \(expected) (other domain, registries or rules)"
            case let .badSignature(node): "\(node)'s signature does not verify for its key on the statement"
            case let .underQuorum(signers, members, rule):
                "under quorum: \(signers.count) of \(members) old members signed (\(signers.joined(separator: ", "))), the rule is \(rule)"
            }
        }
    }

    /// Checks every old member's signature (member, statement, signature), requires the old
    /// quorum, and aggregates them into `rotate`'s arguments (through `SignatureAggregator`, as
    /// every other quorum proof is made). A signature that does not verify is refused by name,
    /// not dropped.
    public func aggregate(_ signatures: [RotationSignature]) throws(Failure) -> RotationCalldata {
        var byNode: [String: Signature] = [:]
        for item in signatures {
            guard old.node(named: item.node) != nil else { throw .notMember(item.node) }
            guard byNode[item.node] == nil else { throw .signedTwice(item.node) }
            guard item.statement == statement else { throw .otherStatement(node: item.node, statement: item.statement, expected: statement) }
            byNode[item.node] = item.signature
        }
        let proof: SignatureAggregator.Proof
        do {
            proof = try SignatureAggregator.aggregate(message: statement.bytes, contributions: byNode, registry: old)
        } catch {
            if let forged = error.rejected.first { throw .badSignature(forged) }
            throw .underQuorum(signers: error.signers, members: old.nodes.count, rule: old.quorum)
        }
        if let forged = old.nodes.map(\.name).first(where: { byNode[$0] != nil && !proof.signers.contains($0) }) {
            throw .badSignature(forged)
        }
        return RotationCalldata(oldRoot: oldRoot, newRoot: newRoot, statement: statement, registry: EVMRegistry(new),
                                nonSigners: proof.nonSigners.compactMap { old.index[$0] }, signature: proof.signature.point.eip2537Representation)
    }
}

/// `argus evm rotate`'s answer: the roots, the statement and `rotate`'s arguments — the new
/// registry in EIP-2537 form, the old members that did not sign (ascending old indices) and the
/// aggregated signature (EIP-2537 G2).
///
/// `{"old_registry_root", "new_registry_root", "statement",
///   "rotate": {"pubkeys", "stakes", "quorum_numerator", "quorum_denominator", "non_signers", "signature"}}`
public struct RotationCalldata: Sendable, Hashable {
    public var oldRoot: Bytes32
    public var newRoot: Bytes32
    public var statement: Bytes32
    public var registry: EVMRegistry
    public var nonSigners: [Int]
    public var signature: [UInt8]

    public var json: String {
        let rotate = registry.fields + [("non_signers", .array(nonSigners.map { .int($0) })), ("signature", .string(EVMHex.bytes(signature)))]
        return WireJSON.object([("old_registry_root", .string(oldRoot.hex)), ("new_registry_root", .string(newRoot.hex)),
                                ("statement", .string(statement.hex)), ("rotate", .object(rotate))]).text
    }
}
