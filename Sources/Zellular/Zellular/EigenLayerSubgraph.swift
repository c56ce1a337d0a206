import BN254
import Foundation
import PythonJSON

/// The GraphQL a Zellular client sends to an EigenLayer AVS subgraph, and how it reads the answers
/// (`zellular-protocol.md` §10): the tag is the head block minus a reorg margin of 5, operators are
/// read at that block, and stake is `wei / 10¹⁸` capped at 1.0 except for the SDK's four default
/// nodes. Pure: `EigenLayerNetwork` (ZellularHTTP) performs the requests.
public enum EigenLayerSubgraph {
    /// Blocks subtracted from the subgraph's head to get a tag no reorg will change.
    public static let reorgMargin = 5

    /// Operators whose stake the SDK leaves uncapped.
    public static let defaultNodes: Set<String> = [
        "0x747b80a1c0b0e6031b389e3b7eaf9b5f759f34ed",
        "0x3eaa1c283dbf13357257e652649784a4cc08078c",
        "0x906585f83fa7d29b96642aa8f7b4267ab42b7b6c",
        "0x93d89ade53b8fcca53736be1a0d11d342d71118b",
    ]

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case graphQL([String])
        case invalidOperator(id: String, reason: String)

        public var description: String {
            switch self {
            case let .malformed(reason): "malformed subgraph response: \(reason)"
            case let .graphQL(messages): "the subgraph answered with errors: \(messages.joined(separator: "; "))"
            case let .invalidOperator(id, reason): "subgraph operator \(id): \(reason)"
            }
        }
    }

    /// `{"query": …}` for the subgraph's head block.
    public static let headBlockRequest = request("{ _meta { block { number } } }")

    /// `{"query": …}` for the operators at block `tag` (no block filter for tag 0, as the SDK).
    public static func operatorsRequest(tag: Int) -> String {
        let filter = tag > 0 ? "(block: { number: \(tag) })" : ""
        return request("{ operators\(filter) { id socket stake pubkeyG2_X pubkeyG2_Y } }")
    }

    static func request(_ query: String) -> String {
        WireJSON.object([("query", .string(query))]).text
    }

    /// The tag for a head-block response: `data._meta.block.number − 5`, never below 0.
    public static func tag(fromHeadBlock response: Data) throws(Failure) -> Int {
        struct Meta: Decodable { struct Inner: Decodable { struct Block: Decodable { var number: Int }; var block: Block }; var _meta: Inner }
        let meta: Meta = try decode(response)
        guard meta._meta.block.number >= 0 else { throw .malformed("negative block number \(meta._meta.block.number)") }
        return max(0, meta._meta.block.number - reorgMargin)
    }

    /// The operator set of an operators response. Every operator is `posting` and `sequencing`.
    public static func operatorSet(fromOperators response: Data) throws(Failure) -> OperatorSet {
        struct Entry: Decodable {
            var id: String
            var socket: String
            var stake: ExactNumber
            var pubkeyG2_X: [ExactNumber]
            var pubkeyG2_Y: [ExactNumber]
        }
        struct Operators: Decodable { var operators: [Entry] }
        let quoted = Data(ExactJSON.quotingNumbers(String(decoding: response, as: UTF8.self)).utf8)
        let entries: Operators = try decode(quoted)
        var list: [Operator] = []
        for entry in entries.operators {
            let id = entry.id.lowercased()
            guard let stake = Stake(wei: entry.stake.text, capped: !defaultNodes.contains(id)) else {
                throw .invalidOperator(id: entry.id, reason: "stake must be a non-negative integer of wei below 2^100, found \(entry.stake.text)")
            }
            let key: PublicKey
            do {
                key = try PublicKey(pubkeyG2X: entry.pubkeyG2_X.map(\.text), pubkeyG2Y: entry.pubkeyG2_Y.map(\.text))
            } catch {
                throw .invalidOperator(id: entry.id, reason: "pubkeyG2_X/Y: \(error)")
            }
            list.append(Operator(id: entry.id, socket: entry.socket, stake: stake, publicKey: key))
        }
        return OperatorSet(list)
    }

    /// Decodes `data` of a GraphQL response, surfacing `errors`.
    static func decode<T: Decodable>(_ response: Data) throws(Failure) -> T {
        let body: GraphQLResponse<T>
        do {
            body = try JSONDecoder().decode(GraphQLResponse<T>.self, from: response)
        } catch {
            throw .malformed("\(error)")
        }
        if let errors = body.errors, !errors.isEmpty { throw .graphQL(errors.map(\.message)) }
        guard let data = body.data else { throw .malformed("no data") }
        return data
    }

    struct GraphQLResponse<D: Decodable>: Decodable {
        struct Message: Decodable { var message: String }
        var data: D?
        var errors: [Message]?
    }
}
