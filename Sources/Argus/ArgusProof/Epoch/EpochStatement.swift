import BLS12381

/// The 32 bytes each node BLS-signs for an epoch, and the registry root they commit to
/// (docs/PROOFS.md, "Epoch reports"):
///
///     registry_root = keccak256(keccak256("argus.registry.v1") ‖ u256(numerator) ‖ u256(denominator)
///                               ‖ for each member in registry order: x(48) ‖ y(48) ‖ u256(stake))
///     statement = keccak256(abi.encode(keccak256("argus.epoch.v1"), domain, registry_root,
///                                      uint64 epoch, uint64 from, uint64 to, uint32 leaf_count, root))
///
/// The domain binds a signature to one deployment, the registry root to one membership and rule.
public enum EpochStatement {
    static let registryTag = Bytes32.keccak(Array("argus.registry.v1".utf8))
    static let epochTag = Bytes32.keccak(Array("argus.epoch.v1".utf8))

    /// The members' keys as uncompressed affine coordinates, their weights (the stake under a
    /// stake quorum, 1 under a count quorum) and the quorum fraction.
    public static func registryRoot(_ registry: Registry) -> Bytes32 {
        var data = registryTag.bytes
        data += ABIWord.encode(registry.quorum.numerator)
        data += ABIWord.encode(registry.quorum.denominator)
        for (member, weight) in zip(registry.nodes, weights(registry)) {
            // A registry key is never the identity, so its uncompressed encoding is x ‖ y with no flags.
            data += member.publicKey.point.uncompressedRepresentation
            data += ABIWord.encode(weight)
        }
        return Bytes32.keccak(data)
    }

    /// Each member's weight as the registry root hashes it, in registry order: its stake under a
    /// stake quorum, 1 under a count quorum (also what an on-chain verifier is given).
    public static func weights(_ registry: Registry) -> [UInt64] {
        registry.nodes.map { UInt64(registry.quorum.weight($0)) }
    }

    public static func statement(domain: Bytes32, registryRoot: Bytes32, epoch: UInt64, from: UInt64, to: UInt64,
                                 leafCount: UInt32, root: Bytes32) -> Bytes32 {
        var data = epochTag.bytes + domain.bytes + registryRoot.bytes
        data += ABIWord.encode(epoch) + ABIWord.encode(from) + ABIWord.encode(to) + ABIWord.encode(UInt64(leafCount))
        data += root.bytes
        return Bytes32.keccak(data)
    }
}
