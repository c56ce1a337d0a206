import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusTestSupport
import BLS12381
import Foundation
import Testing

/// Maintenance windows: what a member signs, what a replica admits, and the wire format checked by
/// an independent verifier (blspy, `scripts/argus/verify_maintenance.py`).
struct MaintenanceAdmissionTests {
    let rules = ClusterRules()
    let finalizedAt: Int64 = 10_000
    var admission: EventAdmission {
        EventAdmission(rules: rules, addresses: ["a"], registry: Cluster.registry, requiresProofs: true)
    }

    func event(_ window: MaintenanceWindow, by signers: [Int] = [0, 1, 2]) -> MaintenanceEvent {
        let statement = Statement.maintenance(window)
        let signature = try! Signature(aggregating: signers.map { Cluster.keys[$0].signature(for: Array(statement.utf8)) })
        let excluded = Cluster.names.enumerated().filter { !signers.contains($0.offset) }.map(\.element)
        return MaintenanceEvent(window: window, aggregatedSignature: signature, nonSigningNodes: excluded)
    }

    func verdict(_ body: String, admission: EventAdmission? = nil) -> EventAdmission.Verdict {
        var history: [String: StateChange] = [:]
        return (admission ?? self.admission).admit(FinalizedBody(body), finalizedAt: finalizedAt, history: &history)[0].verdict
    }

    let window = MaintenanceWindow(address: "a", from: 10_600, to: 14_200, announced: 9_995, reason: "kernel upgrade, \"planned\"")

    @Test func aProvenWindowAnnouncedInAdvanceIsApplied() {
        let proven = event(window, by: [0, 2])
        #expect(verdict(proven.batchBody) == .applyMaintenance(proven))
    }

    @Test func refusals() {
        #expect(verdict(event(window, by: [1]).batchBody).refusal?.kind == .underQuorum)
        #expect(verdict(MaintenanceEvent(window: window).batchBody).refusal?.kind == .forged)
        var late = window
        late.from = 9_990
        #expect(verdict(event(late).batchBody).refusal?.kind == .lateMaintenance)
        var stale = window
        stale.announced = finalizedAt - 61
        #expect(verdict(event(stale).batchBody).refusal?.kind == .stale)
        var other = window
        other.address = "0xElsewhere"
        #expect(verdict(event(other).batchBody) == .applyMaintenance(event(other)), "a quorum vouches for an address not loaded here")
        #expect(verdict(event(other, by: [0]).batchBody).refusal?.kind == .unknownAddress)
        // Tampered: the reason changed after signing.
        let signed = event(window)
        let tampered = signed.batchBody.replacingOccurrences(of: "kernel upgrade", with: "kernel upgrades")
        #expect(verdict(tampered).refusal?.kind == .forged)
        #expect(verdict(#"[{"maintenance": {"address": "a", "from": 5, "to": 4, "announced": 1, "reason": ""}}]"#).refusal?.kind == .malformed)
        // Unsigned windows (replicated mode): admitted on the rules alone.
        let unsigned = EventAdmission(rules: rules, addresses: ["a"], registry: nil, requiresProofs: false)
        #expect(verdict(MaintenanceEvent(window: window).batchBody, admission: unsigned) == .applyMaintenance(MaintenanceEvent(window: window)))
    }

    /// The worked example of docs/PROOFS.md, made with blspy (an independent signer), admitted as it is.
    @Test func theDocumentedExample() {
        let body = #"[{"maintenance": {"address": "0xNodeA123", "from": 1800003600, "to": 1800007200, "announced": 1800000000, "reason": "kernel upgrade"}, "aggregated_signature": "998c8cf9a9158e67295c955362e2bb6f14ff62b76dc54a80d1860558e15256101297e5d6d728bce30dd3d599b2a52a6507b01b718432fea2ef6e6fde385abc3e15590841b6885dab5722a506b34c7a241defd2554ae81b019416d00173fd5ec6", "non_signing_nodes": ["Node3"]}]"#
        // The registry of the example: blspy's key_gen of 32 bytes 01, 02, 03, with their proofs of possession.
        let members = [
            ("Node1", "aefe1789d6476f60439e1168f588ea16652dc321279f05a805fbc63933e88ae9c175d6c6ab182e54af562e1a0dce41bb",
             "8abf90705d623acd061833191344c7f7ddbf0018ce9ffc80bc2d0865727985a96d7cfd0345dcfcbd911928bc181d5fe21952d7c1ab051f8b78cf6621d0a249601ffec89dda3a15d66301f82fc253363160f48c1c5d1fa6848a3e9b3d649e2549"),
            ("Node2", "b6144137baa6440c17386d1a407fb3670d3b3627b4fa8bf4b56433f861eaba4e076cefac1d9365de56a0e5d976ad7354",
             "a63cac075bc870f94ddbdd17ab4b5b5e29d38d3ef36a878b5ddcc0894915e77167e4ee09b4a69e916352bf75bf44d71b1546be311fb5028a422f0596a17e66620ba56673d3d8ba5ab5826f5ecb955cbb5fa3cfb5ba22336c781adde6361c3e70"),
            ("Node3", "954a331766f0584949a2376fbd96ac5a1f0a9e90c916383a5a16762b11c29120f5a072ea43f64774d77ad1ac4ba98dac",
             "996ef77f5be552fe4eff525ddc7fa042353c037fcde5515383ee4375c245826c32d7083abf6581b5117afbce6957ad69003009929e0f8e97d6931f1c715c67afce7927a968aecd542de2bdc509ced2123c9026661350c29a38ccc8fc659204b0"),
        ]
        let registry = try! Registry(nodes: members.map { name, key, pop in
            MonitoringNode(name: name, url: "http://127.0.0.1:5001", publicKey: try! PublicKey(hexString: key), proofOfPossession: try! Signature(hexString: pop))
        })
        let admission = EventAdmission(rules: rules, addresses: ["0xNodeA123"], registry: registry, requiresProofs: true)
        var history: [String: StateChange] = [:]
        let verdict = admission.admit(FinalizedBody(body), finalizedAt: 1_800_000_005, history: &history)[0].verdict
        guard case let .applyMaintenance(event) = verdict else { Issue.record("\(verdict)"); return }
        #expect(event.batchBody == body, "the same bytes as Python's json.dumps")
        #expect(event.window == MaintenanceWindow(address: "0xNodeA123", from: 1_800_003_600, to: 1_800_007_200, announced: 1_800_000_000,
                                                  reason: "kernel upgrade"))
    }

    @Test func whatAMemberSigns() {
        let now = 10_000.0
        let fresh = MaintenanceWindow(address: "a", from: 10_060, to: 13_660, announced: 10_000, reason: "")
        #expect(MaintenanceRules.attest(fresh, now: now, isTarget: true, rules: rules) == nil)
        #expect(MaintenanceRules.attest(fresh, now: now, isTarget: false, rules: rules) == .unknownAddress)
        #expect(MaintenanceRules.attest(fresh, now: now + 11, isTarget: true, rules: rules)?.description.contains("11 s from this node's clock") == true)
        var begun = fresh
        begun.from = 9_990
        begun.announced = 9_989
        #expect(MaintenanceRules.attest(begun, now: 9_995, isTarget: true, rules: rules)?.description.hasPrefix("the window begins at 9990") == true)
    }

    @Test func theWireFormatAsPythonWritesAndBlspyVerifies() throws {
        let proven = event(window, by: [0, 1])
        #expect(proven.batchBody.hasPrefix(#"[{"maintenance": {"address": "a", "from": 10600, "to": 14200, "announced": 9995, "reason": "kernel upgrade, \"planned\""}, "aggregated_signature": ""#))
        #expect(proven.batchBody.hasSuffix(#"", "non_signing_nodes": ["Node3"]}]"#))
        guard Python.canImport("blspy") else { return }
        let request: [String: Any] = ["registry": Registry.document(Cluster.registry.nodes), "body": proven.batchBody]
        let (status, output) = Python.run([Python.script("scripts/argus/verify_maintenance.py")], input: try JSONSerialization.data(withJSONObject: request))
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK maintenance a 10600 14200 signers=Node1,Node2"), "\(output)")
        // And it refuses a forgery the same way.
        let forged = proven.batchBody.replacingOccurrences(of: "\"to\": 14200", with: "\"to\": 14300")
        let refused = Python.run([Python.script("scripts/argus/verify_maintenance.py")],
                                 input: try JSONSerialization.data(withJSONObject: ["registry": Registry.document(Cluster.registry.nodes), "body": forged]))
        #expect(refused.status == 1 && refused.output.contains("does not verify"), "\(refused.output)")
    }
}
