import ArgusCore
import Testing

/// The state machine with a manual clock: times are passed in, decisions checked.
struct TargetMonitorTests {
    let policy = CheckPolicy(interval: 10, retryInterval: 2, timeout: 3, jitter: 0, failuresBeforeDown: 2, successesBeforeUp: 1)

    @Test func startsUpSinceZero() {
        let machine = TargetMonitor(address: "a", policy: policy)
        #expect(machine.state == .up)
        #expect(machine.since == 0)
    }

    @Test func agreeingObservationsKeepTheFullInterval() {
        var machine = TargetMonitor(address: "a", policy: policy)
        let decision = machine.probeSucceeded(at: 100)
        #expect(decision.change == nil)
        #expect(decision.nextCheckIn == 10)
    }

    @Test func downNeedsTwoFailuresAndIsStampedAtTheFirst() {
        var machine = TargetMonitor(address: "a", policy: policy)
        let first = machine.probeFailed(at: 100.7)
        #expect(first.change == nil)
        #expect(first.nextCheckIn == 2, "a first failure re-checks after the retry interval")
        #expect(machine.state == .up)
        let second = machine.probeFailed(at: 102.7)
        #expect(second.change == StateChange(address: "a", state: .down, timestamp: 100))
        #expect(second.nextCheckIn == 10)
        #expect(machine.state == .down)
        #expect(machine.since == 100)
    }

    @Test func aSingleFailureBetweenSuccessesIsDamped() {
        var machine = TargetMonitor(address: "a", policy: policy)
        _ = machine.probeFailed(at: 100)
        let recovered = machine.probeSucceeded(at: 102)
        #expect(recovered.change == nil)
        #expect(recovered.nextCheckIn == 10)
        #expect(machine.streak == 0)
        // The streak starts over: one more failure is not enough.
        #expect(machine.probeFailed(at: 112).change == nil)
        #expect(machine.probeFailed(at: 114).change?.timestamp == 112)
    }

    @Test func upNeedsOneSuccessByDefault() {
        var machine = TargetMonitor(address: "a", policy: policy, state: .down, since: 50)
        let decision = machine.probeSucceeded(at: 60.2)
        #expect(decision.change == StateChange(address: "a", state: .up, timestamp: 60))
    }

    @Test func configurableThresholds() {
        let strict = CheckPolicy(interval: 5, retryInterval: 1, failuresBeforeDown: 3, successesBeforeUp: 2)
        var machine = TargetMonitor(address: "a", policy: strict)
        #expect(machine.probeFailed(at: 10).change == nil)
        #expect(machine.probeFailed(at: 11).change == nil)
        #expect(machine.probeFailed(at: 12).change?.timestamp == 10)
        #expect(machine.probeSucceeded(at: 20).change == nil)
        #expect(machine.probeSucceeded(at: 20.5).nextCheckIn == 5)
        #expect(machine.state == .up)
        #expect(machine.since == 20)
    }

    @Test func changesInOneSecondStillIncrease() {
        let fast = CheckPolicy(interval: 0.2, retryInterval: 0.1, failuresBeforeDown: 1, successesBeforeUp: 1)
        var machine = TargetMonitor(address: "a", policy: fast)
        let down = machine.probeFailed(at: 100.1).change
        let up = machine.probeSucceeded(at: 100.3).change
        #expect(down?.timestamp == 100)
        #expect(up?.timestamp == 101, "a change is never stamped at or before the previous one")
    }

    @Test func outcomesFeedTheMachine() {
        var machine = TargetMonitor(address: "a", policy: CheckPolicy(failuresBeforeDown: 1))
        let outcome = ProbeOutcome(startedAt: 7, healthy: false, latency: 3, failureReason: "timed out")
        #expect(machine.record(outcome).change == StateChange(address: "a", state: .down, timestamp: 7))
    }
}

/// What a monitor vouches for about its own past.
struct TargetMonitorVouchingTests {
    let policy = CheckPolicy(interval: 10, retryInterval: 2, timeout: 3, jitter: 0, failuresBeforeDown: 2, successesBeforeUp: 1)

    @Test func periodsBeginJustAfterTheOldStateWasLastSeen() {
        var machine = TargetMonitor(address: "a", policy: policy)
        for (time, healthy) in [(100.0, true), (110, true), (120, false), (122, false), (132, true)] {
            _ = machine.record(ProbeOutcome(startedAt: time, healthy: healthy, latency: 0))
        }
        #expect(machine.vouched(at: 99) == .up)       // just before the first observation
        #expect(machine.vouched(at: 50) == nil)       // long before it: unknown
        #expect(machine.vouched(at: 110) == .up)
        #expect(machine.vouched(at: 115) == .down)    // after up was last seen, before down was: the gap goes to down
        #expect(machine.vouched(at: 121) == .down)
        #expect(machine.vouched(at: 125) == .up)      // after down was last seen (122): the gap goes to up
        #expect(machine.vouched(at: 131) == .up)      // up again from just after down was last seen (122)
        #expect(machine.vouched(at: 133) == nil)      // nothing seen since
    }

    @Test func onlyTheKeptPeriodsAreVouchedFor() {
        var machine = TargetMonitor(address: "a", policy: CheckPolicy(interval: 1, retryInterval: 1, timeout: 1, jitter: 0, failuresBeforeDown: 1, successesBeforeUp: 1))
        for second in 0..<40 { _ = machine.record(ProbeOutcome(startedAt: Double(second), healthy: second.isMultiple(of: 2), latency: 0)) }
        #expect(machine.periods.count == 8)
        #expect(machine.vouched(at: 5) == nil)
        #expect(machine.vouched(at: 38.5) == .down)
    }
}
