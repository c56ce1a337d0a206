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
