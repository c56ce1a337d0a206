import BLS12381
import PythonJSON

/// An epoch report as the arguments of the on-chain verifier (docs/PROOFS.md, "On-chain calldata"):
/// the constructor's (domain, the registry in EIP-2537 form, the quorum, the epoch length),
/// `submit_epoch`'s (the report's fields, the non-signers as registry indices, the aggregated
/// signature in EIP-2537 form) and one claim per leaf (its figure and its Merkle proof).
///
/// A pure conversion: nothing is verified (not the signature, not the quorum, not the registry
/// root), so a contract test can feed it a forged report; only what cannot be expressed as
/// calldata is refused — a non-signer or signer that is not a member, a non-signer listed twice.
/// The report's own domain, epoch, bounds, leaf count and root are used as given (`EpochReport`
/// has already checked that its root is the root of its leaves, so the proofs lead to it).
///
/// ```
/// {"constructor": {"domain", "pubkeys", "stakes", "quorum_numerator", "quorum_denominator", "epoch_seconds"},
///  "submit_epoch": {"epoch", "from_ts", "to_ts", "leaf_count", "root", "non_signers", "signature"},
///  "claims": [{"address", "target_id", "downtime", "proof"}…]}
/// ```
public struct EpochCalldata: Sendable {
    public struct Claim: Sendable, Hashable {
        public var address: String
        public var targetID: Bytes32
        public var downtime: UInt64
        public var proof: [Bytes32]
    }

    public let domain: Bytes32
    public let registry: EVMRegistry
    public let epochSeconds: UInt64
    public let epoch: UInt64
    public let from: UInt64
    public let to: UInt64
    public let leafCount: UInt32
    public let root: Bytes32
    /// Registry indices (0-based, registry order) of the report's non-signers, ascending.
    public let nonSigners: [Int]
    /// The aggregated signature, EIP-2537 G2 (256 bytes).
    public let signature: [UInt8]
    /// One per leaf, in the report's order (tree order: ascending leaf hash).
    public let claims: [Claim]

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownNode(field: String, name: String)
        case listedTwice(field: String, name: String)

        public var description: String {
            switch self {
            case let .unknownNode(field, name): "\(field): \(name) is not a member of the registry"
            case let .listedTwice(field, name): "\(field): \(name) is listed twice"
            }
        }
    }

    public init(report: EpochReport, registry: Registry) throws(Failure) {
        for (field, names) in [("non_signing_nodes", report.nonSigningNodes), ("signers", report.signers)] {
            var seen: Set<String> = []
            for name in names {
                guard registry.index[name] != nil else { throw .unknownNode(field: field, name: name) }
                guard seen.insert(name).inserted else { throw .listedTwice(field: field, name: name) }
            }
        }
        let content = report.content
        self.domain = content.domain
        self.registry = EVMRegistry(registry)
        self.epochSeconds = content.to - content.from
        self.epoch = content.epoch
        self.from = content.from
        self.to = content.to
        self.leafCount = content.leafCount
        self.root = content.root
        self.nonSigners = report.nonSigningNodes.compactMap { registry.index[$0] }.sorted()
        self.signature = report.aggregatedSignature.point.eip2537Representation
        // The proofs GET /epochs/N/proof serves: every leaf is in the tree, so none is nil.
        self.claims = content.leaves.compactMap { leaf in
            content.proof(address: leaf.address).map { Claim(address: leaf.address, targetID: leaf.targetID, downtime: leaf.downtimeSeconds, proof: $0.proof) }
        }
    }

    public var json: String {
        let constructor: [(String, WireJSON)] = [("domain", .string(domain.hex))] + registry.fields + [("epoch_seconds", .number(String(epochSeconds)))]
        let submit: [(String, WireJSON)] = [
            ("epoch", .number(String(epoch))), ("from_ts", .number(String(from))), ("to_ts", .number(String(to))),
            ("leaf_count", .number(String(leafCount))), ("root", .string(root.hex)),
            ("non_signers", .array(nonSigners.map { .int($0) })), ("signature", .string(EVMHex.bytes(signature))),
        ]
        let claims = claims.map { claim in
            WireJSON.object([("address", .string(claim.address)), ("target_id", .string(claim.targetID.hex)),
                             ("downtime", .number(String(claim.downtime))), ("proof", .array(claim.proof.map { .string($0.hex) }))])
        }
        return WireJSON.object([("constructor", .object(constructor)), ("submit_epoch", .object(submit)), ("claims", .array(claims))]).text
    }
}
