import ArgusTestSupport
import Foundation
import Testing
import Zellular

/// `../shared/vectors/finalization-message.json`, the parts the client checks.
struct FinalizationVectors: Decodable {
    struct SyncPoint: Decodable {
        var index: Int
        var parent_index: Int
        var timestamp: Int
        var chaining_hash: String
        var signature: String
        var nonsigners: [String]
        var tag: Int
        var expected_valid: Bool
    }
    struct NegativeCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var index: Int
        var chaining_hash: String
        var timestamp: Int
        var parent_index: Int
        var signature: String
        var nonsigners: [String]
        var threshold_percent: Int
        var quorum_ok: Bool
        var expected_valid: Bool
        var testDescription: String { name }
    }
    struct Yield: Decodable {
        var batch: String
        var timestamp: Int
        var index: Int
    }
    struct Embedded: Decodable {
        var nodes_json_text: String
        var batch: String
        var index: Int
        var chaining_hash: String
        var timestamp: Int
        var parent_index: Int
        var signature: String
        var tag: Int
    }
    struct StaticNetwork: Decodable {
        var app_name: String
        var threshold_percent: Int
        var nodes_json_text: String
        var aggregate_pubkey_all_mcl: String
        var batches: [String]
        var chaining_hashes: [String]
        var sync_points: [SyncPoint]
        var http: [String: String]
        var sdk_yields_batches_after_0: [Yield]
        var sdk_yields_batches_after_3: [Yield]
        var negative_cases: [NegativeCase]
        var embedded_single_operator: Embedded
    }
    var static_network: StaticNetwork

    static let shared: FinalizationVectors? = try? loadVector(FinalizationVectors.self, "finalization-message.json")

    /// The finalized-batches response body for `after`.
    func response(after: Int) throws -> FinalizedBatches? {
        let text = try #require(static_network.http["GET /node/{app}/batches/finalized?after=\(after)"])
        return try JSONDecoder().decode(Envelope<FinalizedBatches>.self, from: Data(text.utf8)).data
    }
}
