/// Decodable views of `bn254-eigen.json` and `finalization-message.json` (only the fields used).
struct EigenFile: Decodable {
    struct Key: Decodable, Sendable, CustomStringConvertible {
        let label: String; let sk_dec: String; let sk_hex64: String
        let pub_g1: G1TextSendable; let pub_g2: G2TextSendable
        var description: String { label }
    }
    struct G1TextSendable: Decodable, Sendable { let x: String; let y: String; let mcl_str: String }
    struct G2TextSendable: Decodable, Sendable {
        let x_real: String; let x_imag: String; let y_real: String; let y_imag: String
        let pubkeyG2_X: [String]; let pubkeyG2_Y: [String]; let mcl_str: String
    }
    struct HashCase: Decodable, Sendable, CustomStringConvertible {
        let name: String; let msg_hex: String; let x_start: String; let increments: Int
        let x: String; let y: String; let mcl_str: String
        var description: String { name }
    }
    struct SignatureSet: Decodable, Sendable, CustomStringConvertible {
        struct ByKey: Decodable, Sendable { let key: String; let mcl_str: String }
        let msg_name: String; let msg_hex: String; let by_key: [ByKey]
        var description: String { msg_name }
    }
    struct Aggregation: Decodable {
        struct Lists: Decodable { let pubkeyG2_X: [String]; let pubkeyG2_Y: [String] }
        let msg_hex: String; let all_keys: [String]; let signers: [String]; let nonsigners: [String]
        let aggregate_signature_mcl: String; let aggregate_pubkey_all_mcl: String
        let aggregate_pubkey_all_eigen: Lists; let signers_pubkey_mcl: String; let expected_valid: Bool
    }
    struct EdgeCase: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let verify_msg_hex: String?; let signed_msg_hex: String?
        let signature_mcl: String?; let pubkey_g2_mcl: String?
        let pubkeyG2_X: [String]?; let pubkeyG2_Y: [String]?; let wrong_mcl_str: String?
        let on_curve: Bool?; let in_subgroup: Bool?; let pairing_equation_holds: Bool?
        let expected_valid: Bool
        var description: String { name }
    }
    struct Quirk: Decodable {
        struct Entry: Decodable, Sendable {
            let input_hex: String; let input_ge_r: Bool; let effective_sk_dec: String
            let pubkeyG2_X: [String]; let pubkeyG2_Y: [String]
        }
        let entries: [Entry]
    }
    let keys: [Key]
    let hash_to_g1: [HashCase]
    let signatures: [SignatureSet]
    let aggregation: Aggregation
    let negative_and_edge_cases: [EdgeCase]
    let secret_key_parsing_quirk: Quirk
}

struct FinalizationFile: Decodable {
    struct Fields: Decodable, Sendable {
        let app_name: String; let state: String; let index: Int; let chaining_hash: String
        let timestamp: Int; let parent_index: Int
    }
    struct Example: Decodable, Sendable, CustomStringConvertible {
        let fields: Fields; let json: String; let message: String; let message_bytes_hex: String
        let hash_to_g1_mcl: String; let hash_to_g1_increments: Int
        let signature_a: String; let signature_b: String; let aggregate_of_both: String
        enum CodingKeys: String, CodingKey {
            case fields, json, message, message_bytes_hex, hash_to_g1_mcl, hash_to_g1_increments, aggregate_of_both
            case signature_a = "signature_by_downtime-bn254-a"
            case signature_b = "signature_by_downtime-bn254-b"
        }
        var description: String { message }
    }
    struct Operator: Decodable, Sendable {
        let id: String; let stake: Int; let sk_dec: String; let pubkeyG2_X: [String]; let pubkeyG2_Y: [String]
    }
    struct SyncPoint: Decodable, Sendable {
        let index: Int; let parent_index: Int; let timestamp: Int; let chaining_hash: String
        let message: String; let signers: [String]; let nonsigners: [String]; let signature: String
        let expected_valid: Bool
    }
    struct NegativeCase: Decodable, Sendable, CustomStringConvertible {
        let name: String; let index: Int; let chaining_hash: String; let timestamp: Int; let parent_index: Int
        let signature: String; let nonsigners: [String]; let threshold_percent: Int; let quorum_ok: Bool
        let expected_valid: Bool
        var description: String { name }
    }
    struct Embedded: Decodable, Sendable {
        let operator_sk_dec: String; let message: String; let signature: String
    }
    struct StaticNetwork: Decodable {
        let app_name: String; let threshold_percent: Int; let operators: [Operator]
        let aggregate_pubkey_all_mcl: String; let sync_points: [SyncPoint]; let negative_cases: [NegativeCase]
        let embedded_single_operator: Embedded
    }
    let keys_used: [String: String]
    let examples: [Example]
    let static_network: StaticNetwork
}
