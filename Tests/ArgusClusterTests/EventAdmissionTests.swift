import ArgusCluster
import ArgusCore
import ArgusProof
import BLS12381
import Testing

/// Every verdict a replica reaches on a finalized item, each with its reason.
struct EventAdmissionTests {
    let rules = ClusterRules()
    let finalizedAt: Int64 = 10_000
    var admission: EventAdmission {
        EventAdmission(rules: rules, addresses: ["a", "b"], registry: Cluster.registry, requiresProofs: true)
    }

    /// An event signed by the members at `signers`, the others listed as non-signers.
    func signed(_ address: String = "a", state: HealthState = .down, at timestamp: Int64 = 9_990, by signers: [Int] = [0, 1, 2],
                nonSigners: [String]? = nil, message: String? = nil) -> String {
        let event = StateEvent(address: address, state: state, timestamp: timestamp)
        let statement = message ?? event.statement
        let signature = try! Signature(aggregating: signers.map { Cluster.keys[$0].signature(for: Array(statement.utf8)) })
        let excluded = nonSigners ?? Cluster.names.enumerated().filter { !signers.contains($0.offset) }.map(\.element)
        return StateEvent(address: address, state: state, timestamp: timestamp, aggregatedSignature: signature, nonSigningNodes: excluded).json
    }

    func verdicts(_ body: String, history: [String: StateChange] = [:], admission: EventAdmission? = nil) -> [EventAdmission.Admitted] {
        var history = history
        return (admission ?? self.admission).admit(FinalizedBody(body), finalizedAt: finalizedAt, history: &history)
    }

    func kind(_ body: String, history: [String: StateChange] = [:]) -> EventAdmission.Kind? {
        verdicts(body, history: history).first?.verdict.refusal?.kind
    }

    @Test func aProvenChangeIsAppliedAndKeptAsFinalized() {
        let text = signed(by: [0, 2])
        let admitted = verdicts("[\(text)]")
        #expect(admitted.count == 1)
        #expect(admitted[0].text == text)
        guard case let .apply(event) = admitted[0].verdict else {
            Issue.record("refused: \(admitted[0].verdict)")
            return
        }
        #expect(event.change == StateChange(address: "a", state: .down, timestamp: 9_990) && event.nonSigningNodes == ["Node2"])
    }

    @Test(arguments: [
        ("hello", "the batch is not JSON"),
        ("5", "the batch is not a JSON array of events"),
        ("null", "the batch is not a JSON array of events"),
        ("[5]", "the event is not a JSON object"),
        (#"[{"address": "a", "state": "down", "timestamp": "soon"}]"#, "timestamp: expected a non-negative integer"),
        (#"[{"address": "a", "state": "sideways", "timestamp": 9990}]"#, #"state: expected "up" or "down""#),
        (#"[{"state": "down", "timestamp": 9990}]"#, "address: missing"),
        (#"[{"address": "a", "state": "down", "timestamp": 9990, "aggregated_signature": "00"}]"#, "aggregated_signature:"),
    ])
    func malformed(body: String, reason: String) {
        let verdict = verdicts(body)[0].verdict
        #expect(verdict.refusal?.kind == .malformed)
        #expect(verdict.refusal?.reason.hasPrefix(reason) == true, "\(verdict)")
    }

    /// An address this replica does not monitor (yet): refused, unless a quorum proof vouches
    /// that the members monitor it (a replica that has not loaded a new target applies its events
    /// like the others).
    @Test func unknownAddress() {
        #expect(kind("[\(signed("0xUnknown"))]") == nil, "proven by the quorum")
        #expect(kind("[\(signed("0xUnknown", by: [0]))]") == .unknownAddress, "under quorum")
        #expect(kind(#"[{"address": "0xUnknown", "state": "down", "timestamp": 9990}]"#) == .unknownAddress, "no proof")
        let replicated = EventAdmission(rules: rules, addresses: ["a"], registry: nil, requiresProofs: false)
        #expect(verdicts(#"[{"address": "0xUnknown", "state": "down", "timestamp": 9990}]"#, admission: replicated)[0].verdict.refusal?.kind
            == .unknownAddress, "unsigned events name known addresses only")
    }

    /// `maxEventAge` before and `maxFutureSkew` after the finalization, both inclusive.
    @Test func ageEdges() {
        // A proof held back and submitted after the replay window (60 s by default) is refused.
        #expect(kind("[\(signed(at: finalizedAt - 60))]") == nil)
        #expect(kind("[\(signed(at: finalizedAt - 61))]") == .stale)
        #expect(kind("[\(signed(at: finalizedAt + 30))]") == nil)
        #expect(kind("[\(signed(at: finalizedAt + 31))]") == .future)
    }

    @Test func forgedAndUnderQuorum() {
        #expect(kind("[\(signed(by: [0]))]") == .underQuorum)
        #expect(kind("[\(signed(by: [0, 1], nonSigners: ["Node3", "Node3"]))]") == .forged)
        #expect(kind("[\(signed(by: [0, 1], nonSigners: ["Node9"]))]") == .forged)
        #expect(kind("[\(signed(message: "Address: a, State: up, Timestamp: 9990"))]") == .forged)
        // Signed by two, claiming three.
        #expect(kind("[\(signed(by: [0, 1], nonSigners: []))]") == .forged)
        // No proof at all where one is needed.
        #expect(kind(#"[{"address": "a", "state": "down", "timestamp": 9990}]"#) == .forged)
    }

    @Test func historyVerdicts() {
        let down = StateChange(address: "a", state: .down, timestamp: 9_990)
        #expect(kind("[\(signed(at: 9_990))]", history: ["a": down]) == .duplicate)
        #expect(kind("[\(signed(state: .up, at: 9_980))]", history: ["a": down]) == .replay)
        #expect(kind("[\(signed(state: .down, at: 9_995))]", history: ["a": down]) == .sameState)
        // Up is where every address starts.
        #expect(kind("[\(signed(state: .up, at: 9_995))]") == .sameState)
    }

    /// One batch carrying several copies and changes: each is judged against the history as
    /// advanced by the items before it, and a bad item hides nothing.
    @Test func itemsOfOneBatchSeeEachOther() {
        let body = "[\(signed(at: 9_990)), \(signed(at: 9_990)), 7, \(signed(state: .up, at: 9_995)), \(signed("b", at: 9_991))]"
        let admitted = verdicts(body)
        #expect(admitted.map(\.position) == [0, 1, 2, 3, 4])
        let kinds: [EventAdmission.Kind?] = admitted.map { $0.verdict.refusal?.kind }
        #expect(kinds == [nil, .duplicate, .malformed, nil, nil])
    }

    /// Proofs checked together (one multi-pairing for a page of batches) reach exactly the
    /// verdicts of one by one: a forged proof among good ones is refused alone, with the same
    /// reason, and structural refusals keep theirs.
    @Test func proofsCheckedTogetherGiveTheVerdictsOfOneByOne() {
        let bodies = [
            "[\(signed(at: 9_990)), \(signed("b", at: 9_991))]",
            "[\(signed(state: .up, at: 9_995)), \(signed("b", state: .up, at: 9_996, message: "Address: b, State: down, Timestamp: 9996"))]",
            "[\(signed("a", state: .down, at: 9_997, by: [0])), 7, \(signed("b", state: .up, at: 9_998, by: [0, 2]))]",
            "[\(signed("0xUnknown", at: 9_990)), \(signed("a", state: .down, at: 9_999, by: [0, 1], nonSigners: []))]",
        ]
        let page = bodies.map { (body: FinalizedBody($0), finalizedAt: finalizedAt) }
        let together = admission.proofVerdicts(page)
        var history: [String: StateChange] = [:]
        var oneByOne: [String: StateChange] = [:]
        for (index, body) in bodies.enumerated() {
            let batched = admission.admit(FinalizedBody(body), finalizedAt: finalizedAt, history: &history, proofs: together[index])
            // One by one: each item's proof on its own (`admit(_:finalizedAt:last:)` without verdicts ahead).
            let single = FinalizedBody(body).items.map { items in
                items.map { item in
                    let verdict = admission.admit(item, finalizedAt: finalizedAt, last: item.event.flatMap { oneByOne[$0.address] })
                    if case let .apply(event) = verdict { oneByOne[event.address] = event.change }
                    return verdict
                }
            }
            #expect(batched.map(\.verdict) == (try? single.get()), "batch \(index)")
        }
        let kinds = together.map { $0.sorted { $0.key < $1.key }.map { $0.value?.kind } }
        // The unknown address's proof is checked too: a valid one vouches for the address.
        #expect(kinds == [[nil, nil], [nil, .forged], [.underQuorum, nil], [nil, .forged]])
        #expect(history == oneByOne)
        #expect(history["b"]?.timestamp == 9_998)
    }

    @Test func replicatedModeTakesUnsignedEvents() {
        let unsigned = EventAdmission(rules: rules, addresses: ["a"], registry: nil, requiresProofs: false)
        let admitted = verdicts(#"[{"address": "a", "state": "down", "timestamp": 9990}]"#, admission: unsigned)
        #expect(admitted[0].verdict == .apply(StateEvent(address: "a", state: .down, timestamp: 9_990)))
        // And the stale check still holds.
        #expect(verdicts(#"[{"address": "a", "state": "down", "timestamp": 1}]"#, admission: unsigned)[0].verdict.refusal?.kind == .stale)
    }
}

/// One bounded record per batch, however many items a batch holds.
struct RefusalRecordTests {
    @Test func anAmplificationBatchIsOneBoundedRecord() {
        // 5 KB of zeros: 2,560 malformed items in one batch.
        let body = "[" + Array(repeating: "0", count: 2_560).joined(separator: ",") + "]"
        #expect(body.utf8.count < 5_200)
        let admission = EventAdmission(rules: ClusterRules(), addresses: ["a"], registry: nil, requiresProofs: false)
        var history: [String: StateChange] = [:]
        let admitted = admission.admit(FinalizedBody(body), finalizedAt: 0, history: &history)
        #expect(admitted.count == 2_560)
        let record = EventAdmission.record(of: admitted)
        #expect(record?.kind == .malformed && record?.position == 0)
        #expect(record?.reason == "2560 of 2560 items refused: item 0: the event is not a JSON object; and 2559 more")
        #expect((record?.reason.utf8.count ?? .max) <= 1_500 && (record?.excerpt.utf8.count ?? .max) <= 500)
    }

    @Test func aSingleRefusalKeepsItsReason() {
        let admission = EventAdmission(rules: ClusterRules(), addresses: ["a"], registry: nil, requiresProofs: false)
        var history: [String: StateChange] = [:]
        let admitted = admission.admit(FinalizedBody("hello"), finalizedAt: 0, history: &history)
        #expect(EventAdmission.record(of: admitted)?.reason == "the batch is not JSON")
        #expect(EventAdmission.record(of: admission.admit(FinalizedBody("[]"), finalizedAt: 0, history: &history)) == nil)
    }
}

/// Timestamps at the ends of Int64 are judged, never trapped on (a replica would otherwise crash
/// on the same batch at every restart).
struct ExtremeTimestampTests {
    @Test func extremeTimestampsAreRefusedWithTheirReason() {
        let admission = EventAdmission(rules: ClusterRules(), addresses: ["a"], registry: nil, requiresProofs: false)
        var history: [String: StateChange] = [:]
        let body = #"[{"address": "a", "state": "down", "timestamp": 9223372036854775807}, {"address": "a", "state": "down", "timestamp": 0}]"#
        for finalizedAt in [Int64.max, 0, Int64.min] {
            let admitted = admission.admit(FinalizedBody(body), finalizedAt: finalizedAt, history: &history)
            #expect(admitted.count == 2)
        }
        let far = admission.admit(FinalizedBody(body), finalizedAt: 1_000, history: &history)
        #expect(far[0].verdict.refusal?.kind == .future && far[0].verdict.refusal?.reason.contains("9223372036854775807") == true)
        #expect(far[1].verdict.refusal?.kind == .stale)
    }
}

/// A replica refuses an event its own confirmed observations contradict (and records why).
struct ContradictionTests {
    let admission = EventAdmission(rules: ClusterRules(), addresses: ["a"], registry: nil, requiresProofs: false)

    func verdict(_ state: String, at timestamp: Int64, own: TargetMonitor) -> EventAdmission.Verdict {
        var history: [String: StateChange] = [:]
        let body = #"[{"address": "a", "state": "\#(state)", "timestamp": \#(timestamp)}]"#
        return admission.admit(FinalizedBody(body), finalizedAt: 1_012, history: &history, own: ["a": own])[0].verdict
    }

    @Test func anEventAgainstWhatThisNodeSawIsRefused() {
        // Up, seen every second up to 1010.
        let up = AttestationTests.monitor(stride(from: 990.0, through: 1010, by: 1).map { ($0, true) })
        let refusal = verdict("down", at: 1000, own: up).refusal
        #expect(refusal?.kind == .contradicted)
        #expect(refusal?.reason == "this node's own checks saw a up, not down, from 1000 on")
        #expect(verdict("down", at: 1009, own: up).refusal?.kind == .contradicted)
        // Nothing seen after the event's second: no contradiction, whatever came before.
        #expect(verdict("down", at: 1010, own: up).refusal == nil)
        // Contrary observations open (this node may be about to confirm it): no contradiction.
        var starting = up
        _ = starting.record(ProbeOutcome(startedAt: 1011, healthy: false, latency: 0.01))
        #expect(verdict("down", at: 1000, own: starting).refusal == nil)
        // A monitor that has not observed anything yet says nothing.
        #expect(verdict("down", at: 1000, own: TargetMonitor(address: "a", policy: AttestationTests.policy)).refusal == nil)
    }
}
