import ArgusTestSupport
import BN254
import Testing
import PythonJSON
@testable import Zellular

struct OperatorSetTests {
    @Test func parsesTheStaticNetworkExactly() throws {
        let vectors = try #require(FinalizationMessageVectors.shared)
        let set = try OperatorSet.staticNetwork(json: vectors.static_network.nodes_json_text)
        #expect(set.ids.count == 4)
        #expect(set.ids.first == "0xa8758de613af623909d2fff4fd1c7e7cacc95c56")
        #expect(set.totalStake == Stake(decimal: "40"))
        #expect(set.aggregateKey?.mclString == vectors.static_network.aggregate_pubkey_all_mcl)
        let single = try OperatorSet.staticNetwork(json: vectors.static_network.embedded_single_operator.nodes_json_text)
        #expect(single.ids.count == 1)
    }

    @Test func keepsTheDigitsOfBigIntegers() {
        let quoted = ExactJSON.quotingNumbers(#"{"a": [16721978574646144802230180604832973562352465144564094934851798822528690891092, -1.5e3], "b": "x 12 \"3\"", "c": true}"#)
        #expect(quoted == #"{"a": ["16721978574646144802230180604832973562352465144564094934851798822528690891092", "-1.5e3"], "b": "x 12 \"3\"", "c": true}"#)
    }

    @Test(arguments: [
        (#"{"0x1": {"socket": "http://x", "stake": -1, "pubkeyG2_X": [1, 2], "pubkeyG2_Y": [3, 4]}}"#, "operator 0x1: stake: expected a non-negative decimal, found -1"),
        (#"{"0x1": {"socket": "http://x", "stake": 1, "pubkeyG2_X": [1, 2], "pubkeyG2_Y": [3, 4]}}"#, "operator 0x1: pubkeyG2_X/Y: "),
        (#"[1, 2]"#, "the network description is not a JSON object of operators"),
        (#"{}"#, "the network description lists no operators"),
    ])
    func refusesBadDescriptions(json: String, message: String) {
        #expect {
            try OperatorSet.staticNetwork(json: json)
        } throws: { error in
            (error as? OperatorSet.ParseError)?.description.hasPrefix(message) == true
        }
    }

    @Test func stakeArithmetic() {
        #expect(Stake(decimal: "10.5")?.description == "10.5")
        #expect(Stake(decimal: "0.000000000000000001")?.units == 1)
        #expect(Stake(decimal: "1.0000000000000000001") == nil)
        #expect(Stake(decimal: "1e3") == nil)
        #expect(Stake(wei: "32000000000000000000", capped: true) == Stake(decimal: "1"))
        #expect(Stake(wei: "32000000000000000000", capped: false) == Stake(decimal: "32"))
    }
}

struct ExactJSONTests {
    @Test func topLevelKeysInDocumentOrder() {
        #expect(ExactJSON.topLevelKeys(#"{"b": {"x": 1, "y": [1, {"z": 2}]}, "a\"q": "s,t", "c": []}"#) == ["b", "a\"q", "c"])
    }
}
