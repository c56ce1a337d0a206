/// What an epoch report says before anyone signs it: every target's downtime in `[from, to)`,
/// the Merkle tree over their leaves, and the statement the cluster signs. Built the same way by
/// the node that settles the epoch and by a verifier that rebuilds it from a report's fields.
public struct EpochContent: Sendable {
    public let epoch: UInt64
    public let from: UInt64
    public let to: UInt64
    public let domain: Bytes32
    public let registryRoot: Bytes32
    /// In tree order (ascending leaf hash).
    public let leaves: [EpochLeaf]
    public let tree: MerkleTree
    public let statement: Bytes32
    let byAddress: [String: Int]

    public var root: Bytes32 { tree.root }
    public var leafCount: UInt32 { UInt32(leaves.count) }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case sameTargetID(String, String)
        case sameAddress(String)
        case bounds(from: UInt64, to: UInt64)
        case downtime(address: String, seconds: UInt64, length: UInt64)

        public var description: String {
            switch self {
            case let .sameTargetID(a, b): "targets \(a) and \(b) have the same target_id"
            case let .sameAddress(address): "target \(address) is listed twice"
            case let .bounds(from, to): "the epoch [\(from), \(to)) is empty or reversed"
            case let .downtime(address, seconds, length): "\(address) is down \(seconds) s in an epoch of \(length) s"
            }
        }
    }

    public init(epoch: UInt64, from: UInt64, to: UInt64, domain: Bytes32, registryRoot: Bytes32, leaves: [EpochLeaf]) throws(Failure) {
        guard from < to else { throw .bounds(from: from, to: to) }
        var addresses: [Bytes32: String] = [:]
        var seen: Set<String> = []
        for leaf in leaves {
            guard seen.insert(leaf.address).inserted else { throw .sameAddress(leaf.address) }
            if let other = addresses.updateValue(leaf.address, forKey: leaf.targetID) { throw .sameTargetID(other, leaf.address) }
            guard leaf.downtimeSeconds <= to - from else { throw .downtime(address: leaf.address, seconds: leaf.downtimeSeconds, length: to - from) }
        }
        let hashed = leaves.map { (hash: $0.hash(from: from, to: to), leaf: $0) }.sorted { $0.hash < $1.hash }
        self.epoch = epoch
        self.from = from
        self.to = to
        self.domain = domain
        self.registryRoot = registryRoot
        self.leaves = hashed.map(\.leaf)
        self.tree = MerkleTree(sortedLeaves: hashed.map(\.hash))
        self.byAddress = Dictionary(uniqueKeysWithValues: hashed.enumerated().map { ($1.leaf.address, $0) })
        self.statement = EpochStatement.statement(domain: domain, registryRoot: registryRoot, epoch: epoch, from: from, to: to,
                                                  leafCount: UInt32(leaves.count), root: tree.root)
    }

    public func leaf(address: String) -> EpochLeaf? { byAddress[address].map { leaves[$0] } }

    /// The inclusion proof of `address`'s figure, or `nil` if it is not a target of this epoch.
    public func proof(address: String) -> InclusionProof? {
        guard let leaf = leaf(address: address) else { return nil }
        let hash = leaf.hash(from: from, to: to)
        guard let path = tree.proof(for: hash) else { return nil }
        return InclusionProof(epoch: epoch, address: address, targetID: leaf.targetID, from: from, to: to,
                              downtimeSeconds: leaf.downtimeSeconds, leaf: hash, proof: path, root: root)
    }
}
