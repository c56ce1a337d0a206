import BN254
import ZellularHash

/// Checks one finalization signature the way the SDK does (`zellular-protocol.md` §7) and
/// stricter where the SDK is lax: unknown or duplicate non-signers, identity points and malformed
/// strings are refused, and the threshold is decided in exact arithmetic.
public struct FinalityVerifier: Sendable {
    public let appName: String
    public let rule: QuorumRule

    public init(appName: String, rule: QuorumRule = QuorumRule()) {
        self.appName = appName
        self.rule = rule
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case wrongState(String)
        case unknownNonsigner(String)
        case duplicateNonsigner(String)
        case quorumNotMet(nonsigner: Stake, total: Stake, thresholdPercent: Int)
        case noSigningKey
        case malformedSignature(String)
        case invalidSignature(index: Int)

        public var description: String {
            switch self {
            case let .wrongState(state): "the signature is over state \"\(state)\", expected \"locked\""
            case let .unknownNonsigner(id): "non-signer \(id) is not an operator of this network"
            case let .duplicateNonsigner(id): "non-signer \(id) is listed twice"
            case let .quorumNotMet(nonsigner, total, threshold):
                "non-signing stake \(nonsigner) of \(total) exceeds what a \(threshold)% threshold allows"
            case .noSigningKey: "no signing stake remains after removing the non-signers"
            case let .malformedSignature(reason): "the signature does not decode: \(reason)"
            case let .invalidSignature(index): "the finalization signature of sync point \(index) does not verify"
            }
        }
    }

    /// Verifies `signature` for the sync point at `signature.index` whose chaining hash the caller
    /// computed itself as `chainingHash` (never the server's claim).
    public func verify(_ signature: FinalitySignature, chainingHash: String, operators: OperatorSet) throws(Failure) {
        guard signature.state == "locked" else { throw .wrongState(signature.state) }
        var seen = Set<String>()
        var nonsignerStake = Stake.zero
        var nonsignerKeys: [PublicKey] = []
        for id in signature.nonsigners ?? [] {
            guard let item = operators.operators[id] else { throw .unknownNonsigner(id) }
            guard seen.insert(id).inserted else { throw .duplicateNonsigner(id) }
            guard item.stake.units > 0 else { continue }
            nonsignerStake = nonsignerStake + item.stake
            nonsignerKeys.append(item.publicKey)
        }
        guard rule.isMet(nonsigner: nonsignerStake, total: operators.totalStake) else {
            throw .quorumNotMet(nonsigner: nonsignerStake, total: operators.totalStake, thresholdPercent: rule.thresholdPercent)
        }
        guard let key = operators.aggregateKey?.subtracting(nonsignerKeys) else { throw .noSigningKey }
        let aggregate: Signature
        do {
            aggregate = try Signature(mclString: signature.signature)
        } catch {
            throw .malformedSignature("\(error)")
        }
        let message = SyncPointMessage.finalization(
            appName: appName, index: signature.index, chainingHash: chainingHash,
            timestamp: signature.timestamp, parentIndex: signature.parentIndex)
        guard key.isValidSignature(aggregate, for: message.signedBytes) else { throw .invalidSignature(index: signature.index) }
    }
}
