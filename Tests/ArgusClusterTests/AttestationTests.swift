import ArgusCluster
import ArgusCore
import Testing

/// `/state` as a rule: drift edges, freshness, the deadline.
struct AttestationTests {
    let rules = ClusterRules()
    // Checked every 5 s with a 2 s timeout: an observation is fresh for 7 s.
    let target = Target(address: "a", check: .tcp(host: "localhost", port: 1), policy: CheckPolicy(interval: 5, timeout: 2))

    func outcome(at time: Double, healthy: Bool) -> ProbeOutcome { ProbeOutcome(startedAt: time, healthy: healthy, latency: 0.01) }

    @Test(arguments: [(Int64(990), true), (1002, true), (989, false)])
    func driftIsInclusiveAtTenSecondsBack(timestamp: Int64, signs: Bool) {
        let decision = Attestation.decide(target: target, timestamp: timestamp, now: 1000, lastCheck: outcome(at: 999, healthy: true), rules: rules)
        #expect((decision == .sign(.up)) == signs)
        if !signs { #expect(decision == .refuse(.drift(seconds: abs(1000 - Double(timestamp))))) }
    }

    /// A future-dated request is refused beyond the clock tolerance (2 s): such a signature could
    /// later cut an outage short.
    @Test(arguments: [Int64(1003), 1010, .max])
    func futureTimestampsAreRefused(timestamp: Int64) {
        let decision = Attestation.decide(target: target, timestamp: timestamp, now: 1000, lastCheck: outcome(at: 999, healthy: true), rules: rules)
        #expect(decision == .refuse(.future(seconds: Double(timestamp) - 1000)))
    }

    @Test func aFreshObservationIsSigned() {
        #expect(Attestation.decide(target: target, timestamp: 1000, now: 1000, lastCheck: outcome(at: 993, healthy: false), rules: rules) == .sign(.down))
    }

    @Test func aStaleOrMissingObservationIsCheckedFirst() {
        #expect(Attestation.decide(target: target, timestamp: 1000, now: 1000, lastCheck: outcome(at: 992.9, healthy: true), rules: rules)
            == .checkFirst(deadline: 2))
        #expect(Attestation.decide(target: target, timestamp: 1000, now: 1000, lastCheck: nil, rules: rules) == .checkFirst(deadline: 2))
        // The deadline is the shorter of the attest deadline and the target's timeout.
        let quick = Target(address: "a", check: .tcp(host: "localhost", port: 1), policy: CheckPolicy(interval: 5, timeout: 0.5))
        #expect(Attestation.decide(target: quick, timestamp: 1000, now: 1000, lastCheck: nil, rules: rules) == .checkFirst(deadline: 0.5))
    }

    @Test func anUnknownAddressIsRefusedBeforeTheDrift() {
        #expect(Attestation.decide(target: nil, timestamp: 0, now: 1000, lastCheck: nil, rules: rules) == .refuse(.unknownAddress))
    }
}
