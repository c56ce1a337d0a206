import BLS12381
import HexCodec
import PythonJSON

/// A registry as an on-chain verifier holds it: every member's public key in EIP-2537 form (128
/// bytes), its weight, and the quorum fraction, in registry order — exactly the inputs of
/// `EpochStatement.registryRoot`, so a contract that stores them can recompute the root the
/// members sign into every statement.
public struct EVMRegistry: Sendable, Hashable {
    /// EIP-2537 G1 encodings of the members' keys, in registry order.
    public let pubkeys: [[UInt8]]
    /// The stake under a stake quorum, 1 under a count quorum (`EpochStatement.weights`).
    public let stakes: [UInt64]
    public let quorumNumerator: UInt64
    public let quorumDenominator: UInt64

    public init(_ registry: Registry) {
        pubkeys = registry.nodes.map(\.publicKey.point.eip2537Representation)
        stakes = EpochStatement.weights(registry)
        quorumNumerator = registry.quorum.numerator
        quorumDenominator = registry.quorum.denominator
    }

    /// `"pubkeys", "stakes", "quorum_numerator", "quorum_denominator"`, in that order.
    var fields: [(String, WireJSON)] {
        [("pubkeys", .array(pubkeys.map { .string(EVMHex.bytes($0)) })),
         ("stakes", .array(stakes.map { .number(String($0)) })),
         ("quorum_numerator", .number(String(quorumNumerator))),
         ("quorum_denominator", .number(String(quorumDenominator)))]
    }
}

/// Byte strings in calldata JSON: `0x` + lower-case hex, as web3 tools print `bytes`.
enum EVMHex {
    static func bytes(_ bytes: [UInt8]) -> String { "0x" + Hex.encode(bytes) }
}
