/// A Decodable view of `bn254-eigen.json` (only the fields used); `finalization-message.json` is
/// ArgusTestSupport's ``FinalizationMessageVectors``.
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
