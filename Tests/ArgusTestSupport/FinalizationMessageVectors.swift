import Foundation

/// `../shared/vectors/finalization-message.json`: Zellular sync-point messages (JSON → xxh128 →
/// BN254 signatures) and a four-operator static network. The one schema for that file; every
/// suite that reads it (ZellularHash, BN254, Zellular, the sequencer) decodes it through this type.
/// Field names are the file's.
public struct FinalizationMessageVectors: Decodable, Sendable {
    /// The fields of one sync-point message.
    public struct Fields: Decodable, Sendable {
        public let app_name: String; public let state: String; public let index: Int
        public let chaining_hash: String; public let timestamp: Int; public let parent_index: Int
    }
    /// A message, its digest, its hash to G1 and two keys' signatures on it.
    public struct Example: Decodable, Sendable, CustomStringConvertible {
        public let fields: Fields; public let json: String; public let message: String
        public let message_bytes_hex: String
        public let hash_to_g1_mcl: String; public let hash_to_g1_increments: Int
        public let signature_a: String; public let signature_b: String; public let aggregate_of_both: String
        enum CodingKeys: String, CodingKey {
            case fields, json, message, message_bytes_hex, hash_to_g1_mcl, hash_to_g1_increments, aggregate_of_both
            case signature_a = "signature_by_downtime-bn254-a"
            case signature_b = "signature_by_downtime-bn254-b"
        }
        public var description: String { message }
    }
    public struct Operator: Decodable, Sendable {
        public let id: String; public let stake: Int; public let sk_dec: String
        public let pubkeyG2_X: [String]; public let pubkeyG2_Y: [String]
    }
    public struct SyncPoint: Decodable, Sendable {
        public let index: Int; public let parent_index: Int; public let timestamp: Int
        public let chaining_hash: String; public let json: String; public let message: String
        public let signers: [String]; public let nonsigners: [String]; public let signature: String
        public let tag: Int; public let expected_valid: Bool
    }
    public struct NegativeCase: Decodable, Sendable, CustomStringConvertible {
        public let name: String; public let index: Int; public let chaining_hash: String
        public let timestamp: Int; public let parent_index: Int; public let signature: String
        public let nonsigners: [String]; public let threshold_percent: Int; public let quorum_ok: Bool
        public let expected_valid: Bool
        public var description: String { name }
    }
    /// What the Zellular SDK yields when it reads the finalized batches.
    public struct Yield: Decodable, Sendable {
        public let batch: String; public let timestamp: Int; public let index: Int
    }
    /// A one-operator network, as an embedded sequencer runs it.
    public struct Embedded: Decodable, Sendable {
        public let operator_sk_dec: String; public let nodes_json_text: String; public let batch: String
        public let index: Int; public let chaining_hash: String; public let timestamp: Int
        public let parent_index: Int; public let message: String; public let signature: String; public let tag: Int
    }
    public struct StaticNetwork: Decodable, Sendable {
        public let app_name: String; public let threshold_percent: Int; public let tag: Int
        public let operators: [Operator]; public let nodes_json_text: String
        public let aggregate_pubkey_all_mcl: String
        public let batches: [String]; public let chaining_hashes: [String]; public let sync_points: [SyncPoint]
        /// Response bodies by "METHOD path".
        public let http: [String: String]
        public let sdk_yields_batches_after_0: [Yield]; public let sdk_yields_batches_after_3: [Yield]
        public let negative_cases: [NegativeCase]
        public let embedded_single_operator: Embedded
    }
    public let keys_used: [String: String]
    public let examples: [Example]
    public let static_network: StaticNetwork

    /// The file, decoded once (nil when `../shared/vectors` is absent).
    public static let shared: FinalizationMessageVectors? = try? Vectors.load(FinalizationMessageVectors.self, "finalization-message.json")
}
