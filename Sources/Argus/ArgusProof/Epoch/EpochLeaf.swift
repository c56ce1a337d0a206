/// One target's figure in an epoch report: its address, `target_id` and downtime in `[from, to)`.
/// Its leaf hash is OpenZeppelin `StandardMerkleTree` style,
/// `keccak256(keccak256(abi.encode(bytes32 target_id, uint64 from, uint64 to, uint64 downtime_seconds)))`.
public struct EpochLeaf: Sendable, Hashable {
    public var address: String
    public var targetID: Bytes32
    public var downtimeSeconds: UInt64

    public init(address: String, downtimeSeconds: UInt64) {
        self.address = address
        self.targetID = TargetID.of(address)
        self.downtimeSeconds = downtimeSeconds
    }

    public func hash(from: UInt64, to: UInt64) -> Bytes32 {
        Self.hash(targetID: targetID, from: from, to: to, downtimeSeconds: downtimeSeconds)
    }

    public static func hash(targetID: Bytes32, from: UInt64, to: UInt64, downtimeSeconds: UInt64) -> Bytes32 {
        let encoded = targetID.bytes + ABIWord.encode(from) + ABIWord.encode(to) + ABIWord.encode(downtimeSeconds)
        return Bytes32.keccak(Bytes32.keccak(encoded).bytes)
    }
}
