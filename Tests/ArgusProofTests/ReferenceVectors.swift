import ArgusProof
import ArgusTestSupport
import BLS12381
import Foundation

/// `../shared/vectors/downtime-reference.json`: the reference's wire artefacts made with its keys.
struct ReferenceVectors: Decodable {
    struct Member: Decodable { var url: String; var pubkey: String }
    struct Stage3Event: Decodable, Sendable, CustomStringConvertible {
        var name: String
        var batch_body: String
        var signed_message: String
        var reference_verify_event: Bool
        var proof_and_quorum_ok: Bool
        var description: String { name }
    }
    struct StateResponse: Decodable { var node: String; var request: String; var response_json: String }
    struct DowntimeResponse: Decodable { var node: String; var response_json: String }
    var monitoring_nodes_json: [String: Member]
    var aggregate_public_key_hex: String
    var stage2_event_batch_body: String
    var stage3_events: [Stage3Event]
    var state_responses: [StateResponse]
    var downtime_message: String
    var downtime_responses: [DowntimeResponse]
    var aggregate_downtime_response_json: String

    static let shared: ReferenceVectors? = try? loadVector(ReferenceVectors.self, "downtime-reference.json")

    /// The reference's hard-coded secret keys (`downtime-reference.md` §1).
    static let secrets = [
        "Node1": "5b009195821da22cf90f375db7ee2dcf698791a5190a0b50dda3af653ee67d9b",
        "Node2": "53217fdb58315338ab035f6939b9c684ca54ec7fa7da2f78cf9583af5799fb40",
        "Node3": "7126ea0f6c7acb39d30ce7fde262a8a1fc53f5d994ef03be265d65bf370ad184",
    ]

    /// `monitoring_nodes.json` as the reference ships it (Node1, Node2, Node3).
    var registryJSON: String {
        "{" + monitoring_nodes_json.keys.sorted().map { name in
            let member = monitoring_nodes_json[name]!
            return "\"\(name)\": {\"url\": \"\(member.url)\", \"pubkey\": \"\(member.pubkey)\"}"
        }.joined(separator: ", ") + "}"
    }
}
