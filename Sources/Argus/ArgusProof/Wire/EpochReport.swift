import ArgusCore
import BLS12381
import Foundation
import PythonJSON

/// `GET /epochs/{n}`: a settled epoch — every target's downtime, the Merkle root over them, and
/// the cluster's aggregated BLS signature over the statement that commits to the root, the
/// domain and the registry (docs/PROOFS.md, "Epoch reports"). Served unchanged forever once stored.
///
/// `{"epoch":…,"from_timestamp":…,"to_timestamp":…,"domain":"0x…","registry_root":"0x…",
/// "leaf_count":…,"root":"0x…","statement":"0x…","aggregated_signature":"<192 hex>",
/// "non_signing_nodes":[…],"signers":[…],"quorum":"…","leaves":[{"address","target_id","downtime_seconds"}…]}`,
/// and `"maintenance":[{"address","from","to","announced","reason"}…]` after the leaves when any
/// maintenance window overlaps the epoch (its downtime is already left out of the leaves).
public struct EpochReport: Sendable {
    public let content: EpochContent
    public var aggregatedSignature: Signature
    public var nonSigningNodes: [String]
    public var signers: [String]
    public var quorum: String
    /// The maintenance windows announced in advance that overlap the epoch (informational: the
    /// signed leaves already exclude them).
    public var maintenance: [MaintenanceWindow] = []

    public init(content: EpochContent, aggregatedSignature: Signature, nonSigningNodes: [String], signers: [String], quorum: String) {
        self.content = content
        self.aggregatedSignature = aggregatedSignature
        self.nonSigningNodes = nonSigningNodes
        self.signers = signers
        self.quorum = quorum
    }

    /// The report of `content` signed by `proof`'s signers under `registry`'s rule.
    public init(content: EpochContent, proof: SignatureAggregator.Proof, registry: Registry) {
        self.init(content: content, aggregatedSignature: proof.signature, nonSigningNodes: proof.nonSigners, signers: proof.signers,
                  quorum: registry.quorum.description)
    }

    /// The report of `content` from the members' signatures of its statement (name → signature),
    /// aggregated under `registry`'s rule; throws the shortfall when they do not meet it.
    public init(content: EpochContent, aggregating contributions: [String: Signature], registry: Registry) throws(SignatureAggregator.Shortfall) {
        let proof = try SignatureAggregator.aggregate(message: content.statement.bytes, contributions: contributions, registry: registry)
        self.init(content: content, proof: proof, registry: registry)
    }

    public var json: String {
        let leaves = content.leaves.map { leaf in
            WireJSON.object([("address", .string(leaf.address)), ("target_id", .string(leaf.targetID.hex)),
                             ("downtime_seconds", .number(String(leaf.downtimeSeconds)))])
        }
        return WireJSON.object([
            ("epoch", .number(String(content.epoch))), ("from_timestamp", .number(String(content.from))),
            ("to_timestamp", .number(String(content.to))), ("domain", .string(content.domain.hex)),
            ("registry_root", .string(content.registryRoot.hex)), ("leaf_count", .int(Int(content.leafCount))),
            ("root", .string(content.root.hex)), ("statement", .string(content.statement.hex)),
            ("aggregated_signature", .string(aggregatedSignature.hexString)),
            ("non_signing_nodes", .array(nonSigningNodes.map(WireJSON.string))), ("signers", .array(signers.map(WireJSON.string))),
            ("quorum", .string(quorum)), ("leaves", .array(leaves)),
        ] + (maintenance.isEmpty ? [] : [("maintenance", .array(maintenance.map(\.wire)))])).text
    }

    public typealias Failure = SettlementFailure
    static let what = "an epoch report"

    /// Parses a report and rebuilds it from its leaves: every `target_id`, the root, `leaf_count`
    /// and the statement must be the ones the fields give (else `.invalid`, naming the first that is not).
    public init(json data: Data) throws(Failure) {
        struct Wire: Decodable {
            struct Leaf: Decodable { var address: String; var target_id: String; var downtime_seconds: UInt64 }
            var epoch: UInt64
            var from_timestamp: UInt64
            var to_timestamp: UInt64
            var domain: String
            var registry_root: String
            var leaf_count: UInt32
            var root: String
            var statement: String
            var aggregated_signature: String
            var non_signing_nodes: [String]
            var signers: [String]
            var quorum: String
            var leaves: [Leaf]
            var maintenance: [MaintenanceWindow.Wire]?
        }
        let wire = try Failure.decode(Wire.self, from: data, what: Self.what)
        func word(_ text: String, _ field: String) throws(Failure) -> Bytes32 { try Failure.word(text, field: field, what: Self.what) }
        let (domain, registryRoot, root, statement) = (try word(wire.domain, "domain"), try word(wire.registry_root, "registry_root"),
                                                       try word(wire.root, "root"), try word(wire.statement, "statement"))
        let signature: Signature
        do {
            signature = try Signature(hexString: wire.aggregated_signature)
        } catch {
            throw .malformed(what: Self.what, reason: "aggregated_signature: \(error)")
        }
        var leaves: [EpochLeaf] = []
        for (i, item) in wire.leaves.enumerated() {
            let leaf = EpochLeaf(address: item.address, downtimeSeconds: item.downtime_seconds)
            guard leaf.targetID == (try word(item.target_id, "leaves[\(i)].target_id")) else {
                throw .invalid("leaves[\(i)]: target_id \(item.target_id) is not the id of \(item.address) (\(leaf.targetID))")
            }
            leaves.append(leaf)
        }
        let content: EpochContent
        do {
            content = try EpochContent(epoch: wire.epoch, from: wire.from_timestamp, to: wire.to_timestamp, domain: domain,
                                       registryRoot: registryRoot, leaves: leaves)
        } catch {
            throw .invalid("\(error)")
        }
        guard UInt32(wire.leaves.count) == wire.leaf_count else { throw .invalid("leaf_count is \(wire.leaf_count) but the report lists \(wire.leaves.count) leaves") }
        guard content.root == root else { throw .invalid("root \(root) is not the root of the listed leaves (\(content.root))") }
        guard content.statement == statement else { throw .invalid("statement \(statement) is not the statement of these fields (\(content.statement))") }
        self.init(content: content, aggregatedSignature: signature, nonSigningNodes: wire.non_signing_nodes, signers: wire.signers,
                  quorum: wire.quorum)
        maintenance = (wire.maintenance ?? []).map(\.window)
    }

    /// Checks the report against the cluster: the registry root is this registry's (members and
    /// rule), the domain is `domain` when given, the non-signers are distinct members, the
    /// signers meet the quorum and are the ones listed, and the aggregated signature verifies.
    public func verify(with registry: Registry, domain: Bytes32? = nil) throws(Failure) -> ProofVerifier.Verified {
        let expected = EpochStatement.registryRoot(registry)
        guard content.registryRoot == expected else {
            throw .invalid("registry_root \(content.registryRoot) is not this registry's (\(expected)): other members, keys, stakes or quorum")
        }
        if let domain, content.domain != domain { throw .invalid("domain \(content.domain) is not \(domain)") }
        let verified: ProofVerifier.Verified
        do {
            verified = try ProofVerifier(registry: registry).verify(message: content.statement.bytes, signature: aggregatedSignature,
                                                                    nonSigners: nonSigningNodes)
        } catch {
            throw .invalid("\(error)")
        }
        guard signers == verified.signers else {
            throw .invalid("the report lists signers \(signers.joined(separator: ", ")), but the non-signers leave \(verified.signers.joined(separator: ", "))")
        }
        return verified
    }
}
