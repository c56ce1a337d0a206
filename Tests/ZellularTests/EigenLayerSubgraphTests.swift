import ArgusTestSupport
import Foundation
import Testing
@testable import Zellular

struct EigenLayerSubgraphTests {
    @Test func queriesAreTheSDKs() {
        #expect(EigenLayerSubgraph.headBlockRequest == #"{"query":"{ _meta { block { number } } }"}"#)
        #expect(EigenLayerSubgraph.operatorsRequest(tag: 95)
            == #"{"query":"{ operators(block: { number: 95 }) { id socket stake pubkeyG2_X pubkeyG2_Y } }"}"#)
        // Tag 0 (a falsy tag in the SDK) reads the head without a block filter.
        #expect(EigenLayerSubgraph.operatorsRequest(tag: 0) == #"{"query":"{ operators { id socket stake pubkeyG2_X pubkeyG2_Y } }"}"#)
    }

    @Test func tagIsTheHeadMinusFive() throws {
        #expect(try EigenLayerSubgraph.tag(fromHeadBlock: Data(#"{"data": {"_meta": {"block": {"number": 8123456}}}}"#.utf8)) == 8123451)
        #expect(try EigenLayerSubgraph.tag(fromHeadBlock: Data(#"{"data": {"_meta": {"block": {"number": 3}}}}"#.utf8)) == 0)
        #expect(throws: EigenLayerSubgraph.Failure.graphQL(["indexer unavailable"])) {
            try EigenLayerSubgraph.tag(fromHeadBlock: Data(#"{"errors": [{"message": "indexer unavailable"}]}"#.utf8))
        }
        #expect(throws: EigenLayerSubgraph.Failure.self) {
            try EigenLayerSubgraph.tag(fromHeadBlock: Data(#"{"data": {"_meta": null}}"#.utf8))
        }
    }

    /// The four operators of the static vector network, re-described as a subgraph would (stake in
    /// wei as strings, keys as strings), the first under one of the SDK's uncapped default ids.
    static func subgraphResponse(stakes: [String], firstID: String = "0x747B80A1C0B0E6031B389E3B7EAF9B5F759F34ED") throws -> (Data, OperatorSet) {
        let vectors = try #require(FinalizationMessageVectors.shared)
        let network = try OperatorSet.staticNetwork(json: vectors.static_network.nodes_json_text)
        var entries: [String] = []
        for (position, id) in network.ids.enumerated() {
            let key = try #require(network.operators[id]).publicKey
            let name = position == 0 ? firstID : id
            entries.append("""
                {"id": "\(name)", "socket": "http://node\(position):6001", "stake": "\(stakes[position])",
                 "pubkeyG2_X": ["\(key.pubkeyG2X[0])", "\(key.pubkeyG2X[1])"], "pubkeyG2_Y": [\(key.pubkeyG2Y[0]), "\(key.pubkeyG2Y[1])"]}
                """)
        }
        return (Data(#"{"data": {"operators": [\#(entries.joined(separator: ","))]}}"#.utf8), network)
    }

    @Test func stakeIsWeiCappedAtOneExceptForTheDefaultNodes() throws {
        let (response, network) = try Self.subgraphResponse(stakes: ["32000000000000000000", "32000000000000000000", "500000000000000000", "0"])
        let set = try EigenLayerSubgraph.operatorSet(fromOperators: response)
        #expect(set.ids.count == 4)
        let stakes = set.ids.map { set.operators[$0]!.stake.description }
        #expect(stakes == ["32", "1", "0.5", "0"])  // default node uncapped; others capped at 1.0
        #expect(set.totalStake == Stake(decimal: "33.5"))
        #expect(set.operators.values.allSatisfy { $0.roles == ["posting", "sequencing"] })
        // Keys read exactly: the aggregate of the three staked ones is the static network's minus the last.
        let fourth = try #require(network.operators[network.ids[3]]).publicKey
        #expect(set.aggregateKey == network.aggregateKey?.subtracting([fourth]))
    }

    @Test(arguments: [
        (#"{"data": {"operators": [{"id": "0x1", "socket": "s", "stake": "-5", "pubkeyG2_X": ["1", "2"], "pubkeyG2_Y": ["3", "4"]}]}}"#,
         "subgraph operator 0x1: stake must be a non-negative integer"),
        (#"{"data": {"operators": [{"id": "0x1", "socket": "s", "stake": "1.5", "pubkeyG2_X": ["1", "2"], "pubkeyG2_Y": ["3", "4"]}]}}"#,
         "subgraph operator 0x1: stake must be a non-negative integer"),
        (#"{"data": {"operators": [{"id": "0x1", "socket": "s", "stake": "1", "pubkeyG2_X": ["1", "2"], "pubkeyG2_Y": ["3", "4"]}]}}"#,
         "subgraph operator 0x1: pubkeyG2_X/Y"),
        (#"{"data": {"operators": [{"id": "0x1"}]}}"#, "malformed subgraph response"),
        (#"{"errors": [{"message": "bad block"}], "data": null}"#, "the subgraph answered with errors: bad block"),
        ("<html>", "malformed subgraph response"),
    ])
    func refusesBadOperators(response: String, message: String) {
        #expect {
            try EigenLayerSubgraph.operatorSet(fromOperators: Data(response.utf8))
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
