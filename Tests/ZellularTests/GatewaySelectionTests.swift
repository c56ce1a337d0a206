import BN254
import Foundation
import Testing
import Zellular

struct GatewaySelectionTests {
    static let key = try! PrivateKey(decimal: "7").publicKey

    static func node(_ name: String, roles: Set<String> = ["posting", "sequencing"]) -> Operator {
        Operator(id: name, socket: "http://\(name)", stake: Stake(decimal: "1")!, publicKey: key, roles: roles)
    }

    static func state(_ version: String?, sequencer: Bool = false, locked: Int, finalized: Int, app: String = "app") -> NodeState {
        NodeState(sequencer: sequencer, version: version,
                  apps: [app: .init(lastSequencedIndex: locked, lastLockedIndex: locked, lastFinalizedIndex: finalized)])
    }

    @Test func followsTheSDKsRules() {
        let states: [(Operator, NodeState?)] = [
            (Self.node("sequencer"), Self.state("v0.1.8", sequencer: true, locked: 50, finalized: 50)),  // the sequencer: never
            (Self.node("old"), Self.state("v0.1.6", locked: 40, finalized: 40)),                         // not the highest version
            (Self.node("behind"), Self.state("v0.1.7", locked: 9, finalized: 9)),                        // locked < max finalized
            (Self.node("a"), Self.state("v0.1.7", locked: 12, finalized: 10)),
            (Self.node("b"), Self.state("0.1.7", locked: 10, finalized: 8)),                              // same version spelled without v
            (Self.node("down"), nil),                                                                     // did not answer
            (Self.node("other-app"), Self.state("v0.1.7", locked: 99, finalized: 99, app: "other")),     // does not serve the app
            (Self.node("no-version"), Self.state(nil, locked: 99, finalized: 99)),
            (Self.node("garbled"), Self.state("latest", locked: 99, finalized: 99)),                     // not PEP 440: skipped
            (Self.node("reader", roles: ["sequencing"]), Self.state("v0.1.7", locked: 99, finalized: 99)),  // not posting
        ]
        #expect(GatewaySelection.candidates(app: "app", states: states).map(\.id) == ["a", "b"])
    }

    @Test func nothingLeftIsEmpty() {
        #expect(GatewaySelection.candidates(app: "app", states: []).isEmpty)
        #expect(GatewaySelection.candidates(app: "app", states: [(Self.node("s"), Self.state("v1", sequencer: true, locked: 1, finalized: 1))]).isEmpty)
    }

    @Test func parsesNodeState() throws {
        let text = #"{"status":"success","message":"ok","data":{"sequencer":false,"version":"v0.1.7","sequencer_id":"0x1","node_id":"0x1","pubkeyG2_X":[16721978574646144802230180604832973562352465144564094934851798822528690891092,1],"pubkeyG2_Y":[1,2],"address":"0x1","apps":{"app":{"last_sequenced_index":7,"last_locked_index":6,"last_finalized_index":5}}}}"#
        let state = try #require(NodeState(json: Data(text.utf8)))
        #expect(state == NodeState(sequencer: false, version: "v0.1.7",
                                   apps: ["app": .init(lastSequencedIndex: 7, lastLockedIndex: 6, lastFinalizedIndex: 5)]))
        #expect(NodeState(json: Data("[]".utf8)) == nil)
        #expect(NodeState(json: Data(#"{"data": {"version": "v1"}}"#.utf8)) == nil)
    }
}
