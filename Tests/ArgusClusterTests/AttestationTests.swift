import ArgusCluster
import ArgusCore
import Testing

/// `/state` as a rule: only what the node's own monitor vouches for is signed.
struct AttestationTests {
    let rules = ClusterRules()
    // Checked every 5 s with a 2 s timeout; down after 2 failures, up after 1 success.
    static let policy = CheckPolicy(interval: 5, retryInterval: 1, timeout: 2, jitter: 0, failuresBeforeDown: 2, successesBeforeUp: 1)
    let target = Target(address: "a", check: .tcp(host: "localhost", port: 1), policy: Self.policy)

    /// A monitor fed `observations` (time, healthy) in order.
    static func monitor(_ observations: [(Double, Bool)]) -> TargetMonitor {
        var machine = TargetMonitor(address: "a", policy: policy)
        for (time, healthy) in observations { _ = machine.record(ProbeOutcome(startedAt: time, healthy: healthy, latency: 0.01)) }
        return machine
    }

    /// Up, seen every 5 s from 900 to 995.
    static let steady = monitor(stride(from: 900.0, through: 995, by: 5).map { ($0, true) })

    func decide(_ timestamp: Int64, now: Double = 1000, monitor: TargetMonitor? = steady) -> Attestation.Decision {
        Attestation.decide(target: target, timestamp: timestamp, now: now, monitor: monitor, rules: rules)
    }

    @Test func driftIsInclusiveAtTenSecondsBack() {
        #expect(decide(990) == .sign(.up))
        #expect(decide(989) == .refuse(.drift(seconds: 11)))
    }

    /// Ahead of the node's clock beyond the tolerance (2 s): refused — a signature on a future
    /// state could later cut an outage short.
    @Test(arguments: [Int64(1003), 1010, .max])
    func futureTimestampsAreRefused(timestamp: Int64) {
        #expect(decide(timestamp) == .refuse(.future(seconds: Double(timestamp) - 1000)))
    }

    /// Nothing seen since the timestamp: check first, up to a whole confirmation (two failures
    /// to confirm down) within the attest deadline; the driver stops when nothing is left open.
    @Test func aTimestampAfterTheLastObservationNeedsChecks() {
        #expect(decide(996) == .checkFirst(checks: 2, deadline: 2))
        #expect(decide(1000, monitor: nil) == .checkFirst(checks: 2, deadline: 2))
    }

    /// A single failed probe is not a confirmed outage: the node neither signs "down" nor
    /// keeps signing "up" blindly; it checks as many times as its own rule still needs.
    @Test func aSingleBlipIsNotSigned() {
        var blip = Self.steady
        _ = blip.record(ProbeOutcome(startedAt: 997, healthy: false, latency: 0.01))
        #expect(decide(997, monitor: blip) == .checkFirst(checks: 1, deadline: 2))
        // The check the rule asked for answers: up. The blip is over; "up" is signed, never "down".
        var recovered = blip
        _ = recovered.record(ProbeOutcome(startedAt: 999, healthy: true, latency: 0.01))
        #expect(Attestation.afterChecks(timestamp: 997, monitor: recovered, rules: rules) == .sign(.up))
        // Or it fails again: now the node itself confirms the outage, from its first failure.
        var confirmed = blip
        _ = confirmed.record(ProbeOutcome(startedAt: 999, healthy: false, latency: 0.01))
        #expect(confirmed.state == .down)
        #expect(Attestation.afterChecks(timestamp: 997, monitor: confirmed, rules: rules) == .sign(.down))
        // Unanswered checks leave it unconfirmed: refused.
        #expect(Attestation.afterChecks(timestamp: 997, monitor: blip, rules: rules) == .refuse(.unconfirmed))
        // Asked about a second it saw up, while the contrary streak is open, it checks first as
        // well: the change may be confirmed a check later, and then it vouches for "down".
        #expect(decide(995, monitor: blip) == .checkFirst(checks: 1, deadline: 2))
        #expect(Attestation.afterChecks(timestamp: 995, monitor: recovered, rules: rules) == .sign(.up))
    }

    /// Two monitors that saw the change a moment apart agree on the proposer's second, within
    /// the tolerance (2 s), and no further.
    @Test func aChangeSeenAMomentLaterCounts() {
        // Ours saw up at 101.6 and down from 102.1; the proposer first saw down at 100.7 → T = 100.
        let ours = Self.monitor([(91.6, true), (96.6, true), (101.6, true), (102.1, false), (103.1, false)])
        #expect(Attestation.decide(target: target, timestamp: 100, now: 104, monitor: ours, rules: rules) == .sign(.down))
        // Ours saw up 2.5 s after T: it vouches for up at T, not down.
        #expect(Attestation.decide(target: target, timestamp: 99, now: 104, monitor: ours, rules: rules) == .sign(.up))
    }

    @Test func anUnknownAddressIsRefusedFirst() {
        #expect(Attestation.decide(target: nil, timestamp: 0, now: 1000, monitor: nil, rules: rules) == .refuse(.unknownAddress))
    }
}
