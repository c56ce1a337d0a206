import ArgusTestSupport
import Foundation

struct XXH128File: Decodable {
    struct Input: Decodable, Sendable {
        let length: Int
        let hex: String
        let high64_hex: String
        let low64_hex: String
        let input_hex: String?
    }
    struct StringCase: Decodable, Sendable {
        let text: String
        let utf8_hex: String
        let hex: String
    }
    struct Chaining: Decodable {
        struct Step: Decodable {
            let index: Int
            let batch: String
            let batch_hash: String
            let hashed_string: String
            let chaining_hash: String
        }
        let initial: String
        let steps: [Step]
    }
    let inputs: [Input]
    let strings: [StringCase]
    let chaining: Chaining
}


struct FinalizationFile: Decodable {
    struct Fields: Decodable {
        let app_name: String
        let state: String
        let index: Int
        let chaining_hash: String
        let timestamp: Int
        let parent_index: Int
    }
    struct Example: Decodable {
        let fields: Fields
        let json: String
        let message: String
        let message_bytes_hex: String
    }
    struct SyncPoint: Decodable {
        let index: Int
        let parent_index: Int
        let timestamp: Int
        let chaining_hash: String
        let json: String
        let message: String
    }
    struct StaticNetwork: Decodable {
        let app_name: String
        let batches: [String]
        let chaining_hashes: [String]
        let sync_points: [SyncPoint]
    }
    let examples: [Example]
    let static_network: StaticNetwork
}
