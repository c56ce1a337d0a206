import Foundation
import PythonJSON

/// `GET /epochs/{n}/proof?address=`: one target's figure in a settled epoch and the Merkle path
/// from its leaf to the report's root, which OpenZeppelin's `MerkleProof.verify(proof, root, leaf)`
/// accepts. Checked against the (quorum-signed) report it belongs to.
///
/// `{"epoch":…,"address":…,"target_id":"0x…","from_timestamp":…,"to_timestamp":…,
/// "downtime_seconds":…,"leaf":"0x…","proof":["0x…",…],"root":"0x…"}`
public struct InclusionProof: Sendable, Hashable {
    public var epoch: UInt64
    public var address: String
    public var targetID: Bytes32
    public var from: UInt64
    public var to: UInt64
    public var downtimeSeconds: UInt64
    public var leaf: Bytes32
    public var proof: [Bytes32]
    public var root: Bytes32

    public init(epoch: UInt64, address: String, targetID: Bytes32, from: UInt64, to: UInt64, downtimeSeconds: UInt64,
                leaf: Bytes32, proof: [Bytes32], root: Bytes32) {
        self.epoch = epoch
        self.address = address
        self.targetID = targetID
        self.from = from
        self.to = to
        self.downtimeSeconds = downtimeSeconds
        self.leaf = leaf
        self.proof = proof
        self.root = root
    }

    public var json: String {
        WireJSON.object([
            ("epoch", .number(String(epoch))), ("address", .string(address)), ("target_id", .string(targetID.hex)),
            ("from_timestamp", .number(String(from))), ("to_timestamp", .number(String(to))),
            ("downtime_seconds", .number(String(downtimeSeconds))), ("leaf", .string(leaf.hex)),
            ("proof", .array(proof.map { .string($0.hex) })), ("root", .string(root.hex)),
        ]).text
    }

    public typealias Failure = SettlementFailure
    static let what = "an inclusion proof"

    public init(json data: Data) throws(Failure) {
        struct Wire: Decodable {
            var epoch: UInt64
            var address: String
            var target_id: String
            var from_timestamp: UInt64
            var to_timestamp: UInt64
            var downtime_seconds: UInt64
            var leaf: String
            var proof: [String]
            var root: String
        }
        let wire = try Failure.decode(Wire.self, from: data, what: Self.what)
        func word(_ text: String, _ field: String) throws(Failure) -> Bytes32 { try Failure.word(text, field: field, what: Self.what) }
        guard wire.proof.count <= 64 else { throw .malformed(what: Self.what, reason: "proof: \(wire.proof.count) steps is more than any tree has") }
        var path: [Bytes32] = []
        for (i, step) in wire.proof.enumerated() { path.append(try word(step, "proof[\(i)]")) }
        self.init(epoch: wire.epoch, address: wire.address, targetID: try word(wire.target_id, "target_id"), from: wire.from_timestamp,
                  to: wire.to_timestamp, downtimeSeconds: wire.downtime_seconds, leaf: try word(wire.leaf, "leaf"), proof: path,
                  root: try word(wire.root, "root"))
    }

    /// Checks the proof on its own: its `target_id` is its address's, its leaf is rebuilt from its
    /// fields, and folding the path from the leaf gives its root.
    public func verify() throws(Failure) {
        guard targetID == TargetID.of(address) else { throw .invalid("target_id \(targetID) is not the id of \(address) (\(TargetID.of(address)))") }
        let rebuilt = EpochLeaf.hash(targetID: targetID, from: from, to: to, downtimeSeconds: downtimeSeconds)
        guard leaf == rebuilt else { throw .invalid("leaf \(leaf) is not the hash of these fields (\(rebuilt))") }
        guard MerkleTree.verify(proof: proof, root: root, leaf: leaf) else {
            throw .invalid("the proof path does not lead from the leaf to root \(root)")
        }
    }

    /// Checks the proof and that it belongs to `report` (already verified against the registry):
    /// same epoch, bounds and root, and the report's figure for this address.
    public func verify(against report: EpochReport) throws(Failure) {
        let content = report.content
        guard epoch == content.epoch, from == content.from, to == content.to else {
            throw .invalid("the proof is for epoch \(epoch) [\(from), \(to)), the report for epoch \(content.epoch) [\(content.from), \(content.to))")
        }
        guard root == content.root else { throw .invalid("the proof's root \(root) is not the report's root \(content.root)") }
        try verify()
        guard let listed = content.leaf(address: address), listed.downtimeSeconds == downtimeSeconds else {
            throw .invalid("the report has no leaf \(address) with \(downtimeSeconds) s")
        }
    }
}
