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
