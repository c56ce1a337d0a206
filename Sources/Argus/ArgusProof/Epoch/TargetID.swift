import HexCodec

/// The `target_id` of a monitored address, the name a contract uses for it: an Ethereum address
/// (`0x` + 40 hex digits, either case) is `bytes32(uint256(uint160(address)))`, so an operator is
/// named directly; any other address is `keccak256(utf8(address))`.
public enum TargetID {
    public static func of(_ address: String) -> Bytes32 {
        let utf8 = Array(address.utf8)
        if utf8.count == 42, address.hasPrefix("0x"), let bytes = try? Hex.decode(address.dropFirst(2)) {
            return Bytes32(unchecked: [UInt8](repeating: 0, count: 12) + bytes)
        }
        return Bytes32.keccak(utf8)
    }
}
