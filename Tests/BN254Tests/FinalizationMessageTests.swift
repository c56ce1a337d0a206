import ArgusTestSupport
import BN254
import Testing
import ZellularHash

/// The message/signature cases of `finalization-message.json`: sync-point JSON → xxh128 digest →
/// hash to G1 → eigensdk signatures, and a four-operator static network's finalization checks
/// (`zellular-protocol.md` §6–7).
@Suite struct FinalizationMessageTests {
    static let file: FinalizationMessageVectors? = .shared

    static func message(_ f: FinalizationMessageVectors.Fields) -> SyncPointMessage {
        SyncPointMessage(
            appName: f.app_name, state: f.state, index: f.index, chainingHash: f.chaining_hash,
            timestamp: f.timestamp, parentIndex: f.parent_index)
    }

    @Test(arguments: Self.file?.examples ?? [])
    func examples(_ example: FinalizationMessageVectors.Example) throws {
        let file = try #require(Self.file)
        let message: SyncPointMessage = Self.message(example.fields)
        #expect(message.json == example.json)
        #expect(message.digest == example.message)
        let bytes: [UInt8] = message.signedBytes
        #expect(bytes == hexBytes(example.message_bytes_hex))
        let (point, increments) = G1Affine.hashToCurveWithCount(bytes)
        #expect(point.mclString == example.hash_to_g1_mcl)
        #expect(increments == example.hash_to_g1_increments)
        let a: PrivateKey = try PrivateKey(decimal: try #require(file.keys_used["downtime-bn254-a"]))
        let b: PrivateKey = try PrivateKey(decimal: try #require(file.keys_used["downtime-bn254-b"]))
        let sa: Signature = a.signature(for: bytes)
        let sb: Signature = b.signature(for: bytes)
        #expect(sa.mclString == example.signature_a)
        #expect(sb.mclString == example.signature_b)
        let aggregate: Signature = try #require(Signature.aggregate([sa, sb]))
        #expect(aggregate.mclString == example.aggregate_of_both)
        let key: PublicKey = try #require(PublicKey.aggregate([a.publicKey, b.publicKey]))
        #expect(key.isValidSignature(try Signature(mclString: example.aggregate_of_both), for: bytes))
        #expect(!a.publicKey.isValidSignature(aggregate, for: bytes))
    }

    /// §7: quorum on stake (Python float comparison), then APK = Σ staked keys − nonsigner keys.
    static func verify(
        network: FinalizationMessageVectors.StaticNetwork, index: Int, chainingHash: String, timestamp: Int,
        parentIndex: Int, signature: String, nonsigners: [String], thresholdPercent: Int
    ) throws -> (quorum: Bool, signature: Bool) {
        let total: Int = network.operators.reduce(0) { $0 + $1.stake }
        let nonsignerStake: Int = nonsigners.reduce(0) { sum, id in
            sum + (network.operators.first { $0.id == id }?.stake ?? 0)
        }
        let quorum: Bool = !(100.0 * Double(nonsignerStake) / Double(total) > Double(100 - thresholdPercent))
        let keys: [String: PublicKey] = try Dictionary(uniqueKeysWithValues: network.operators.map {
            ($0.id, try PublicKey(pubkeyG2X: $0.pubkeyG2_X, pubkeyG2Y: $0.pubkeyG2_Y))
        })
        let all: PublicKey = try #require(PublicKey.aggregate(network.operators.filter { $0.stake > 0 }.compactMap { keys[$0.id] }))
        #expect(all.mclString == network.aggregate_pubkey_all_mcl)
        let signers: PublicKey = try #require(all.subtracting(nonsigners.compactMap { keys[$0] }))
        let message: SyncPointMessage = .finalization(
            appName: network.app_name, index: index, chainingHash: chainingHash, timestamp: timestamp,
            parentIndex: parentIndex)
        let valid: Bool = signers.isValidSignature(try Signature(mclString: signature), for: message.signedBytes)
        return (quorum, valid)
    }

    @Test func staticNetworkSyncPoints() throws {
        let network = try #require(Self.file).static_network
        for operatorEntry in network.operators {
            let sk: PrivateKey = try PrivateKey(decimal: operatorEntry.sk_dec)
            #expect(sk.publicKey.pubkeyG2X == operatorEntry.pubkeyG2_X)
            #expect(sk.publicKey.pubkeyG2Y == operatorEntry.pubkeyG2_Y)
        }
        for point in network.sync_points {
            let result = try Self.verify(
                network: network, index: point.index, chainingHash: point.chaining_hash,
                timestamp: point.timestamp, parentIndex: point.parent_index, signature: point.signature,
                nonsigners: point.nonsigners, thresholdPercent: network.threshold_percent)
            #expect((result.quorum && result.signature) == point.expected_valid)
            // Rebuild the aggregate from the signers' own keys.
            let message: SyncPointMessage = .finalization(
                appName: network.app_name, index: point.index, chainingHash: point.chaining_hash,
                timestamp: point.timestamp, parentIndex: point.parent_index)
            #expect(message.digest == point.message)
            let signatures: [Signature] = try point.signers.map { id in
                let op = try #require(network.operators.first { $0.id == id })
                return try PrivateKey(decimal: op.sk_dec).signature(for: message.signedBytes)
            }
            #expect(Signature.aggregate(signatures)?.mclString == point.signature)
        }
    }

    @Test(arguments: Self.file?.static_network.negative_cases ?? [])
    func staticNetworkNegativeCases(_ c: FinalizationMessageVectors.NegativeCase) throws {
        let network = try #require(Self.file).static_network
        let result = try Self.verify(
            network: network, index: c.index, chainingHash: c.chaining_hash, timestamp: c.timestamp,
            parentIndex: c.parent_index, signature: c.signature, nonsigners: c.nonsigners,
            thresholdPercent: c.threshold_percent)
        #expect(result.quorum == c.quorum_ok)
        #expect((result.quorum && result.signature) == c.expected_valid)
    }

    @Test func embeddedSingleOperator() throws {
        let embedded = try #require(Self.file).static_network.embedded_single_operator
        let sk: PrivateKey = try PrivateKey(decimal: embedded.operator_sk_dec)
        let signature: Signature = sk.signature(for: Array(embedded.message.utf8))
        #expect(signature.mclString == embedded.signature)
        #expect(sk.publicKey.isValidSignature(signature, for: Array(embedded.message.utf8)))
    }
}
