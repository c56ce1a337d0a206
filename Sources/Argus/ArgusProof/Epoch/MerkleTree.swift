/// A Merkle tree in OpenZeppelin's `StandardMerkleTree` layout, so its root is the one
/// `StandardMerkleTree.of(values, types)` computes and every proof verifies under OpenZeppelin's
/// `MerkleProof.verify`: the leaf hashes sorted ascending; an array `t` of `2k − 1` nodes with
/// leaf `i` at `t[2k − 2 − i]`; `t[j] = node(t[2j + 1], t[2j + 2])`; the root `t[0]`. An inner
/// node hashes its children smaller first, so a proof is just the siblings, bottom up.
/// No leaves: the root is 32 zero bytes (OpenZeppelin refuses an empty tree).
public struct MerkleTree: Sendable {
    /// The array layout; empty when there are no leaves.
    public let nodes: [Bytes32]
    /// The leaf hashes in tree order (ascending).
    public let leaves: [Bytes32]
    let position: [Bytes32: Int]

    public init(leaves: [Bytes32]) { self.init(sortedLeaves: leaves.sorted()) }

    /// A tree of leaf hashes already in ascending order.
    init(sortedLeaves leaves: [Bytes32]) {
        let count = leaves.count
        var nodes = [Bytes32](repeating: .zero, count: max(0, 2 * count - 1))
        var position: [Bytes32: Int] = [:]
        position.reserveCapacity(count)
        for (i, leaf) in leaves.enumerated() {
            nodes[2 * count - 2 - i] = leaf
            position[leaf] = 2 * count - 2 - i
        }
        if count > 1 {
            for j in stride(from: count - 2, through: 0, by: -1) {
                nodes[j] = Self.node(nodes[2 * j + 1], nodes[2 * j + 2])
            }
        }
        self.nodes = nodes
        self.leaves = leaves
        self.position = position
    }

    public var root: Bytes32 { nodes.first ?? .zero }

    /// `keccak256(min(a, b) ‖ max(a, b))`.
    public static func node(_ a: Bytes32, _ b: Bytes32) -> Bytes32 {
        a < b ? Bytes32.keccak(a.bytes + b.bytes) : Bytes32.keccak(b.bytes + a.bytes)
    }

    /// The siblings from `leaf` up to the root, or `nil` if `leaf` is not in the tree.
    public func proof(for leaf: Bytes32) -> [Bytes32]? {
        guard var p = position[leaf] else { return nil }
        var path: [Bytes32] = []
        while p > 0 {
            path.append(nodes[p % 2 == 1 ? p + 1 : p - 1])
            p = (p - 1) / 2
        }
        return path
    }

    /// `MerkleProof.verify(proof, root, leaf)`.
    public static func verify(proof: [Bytes32], root: Bytes32, leaf: Bytes32) -> Bool {
        proof.reduce(leaf, node) == root
    }
}
