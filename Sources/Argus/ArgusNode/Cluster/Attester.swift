import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore

/// `GET /state` (stage 03), the driver of `Attestation`: reads this node's latest check, checks
/// the target first when the rule says so (down if it has not answered by the deadline), and
/// signs the state the rule chose.
public struct Attester: Sendable {
    let signer: Signer
    let targets: TargetSet
    let store: EventStore
    let checker: any HealthChecker
    let limiter: ConcurrencyLimiter
    let monitors: Monitors
    let clock: any WallClock
    let rules: ClusterRules
    /// The proposer: told that a peer asked (someone is gathering), and given a change a
    /// requested check confirms, as a scheduled one's would be.
    let proposals: ProposalService?

    /// - Parameter limiter: the monitor's: a check `/state` asks for waits for a slot like any other.
    public init(signer: Signer, targets: TargetSet, store: EventStore, checker: any HealthChecker, limiter: ConcurrencyLimiter,
                monitors: Monitors, clock: any WallClock, rules: ClusterRules, proposals: ProposalService? = nil) {
        self.limiter = limiter
        self.monitors = monitors
        self.proposals = proposals
        self.signer = signer
        self.targets = targets
        self.store = store
        self.checker = checker
        self.clock = clock
        self.rules = rules
    }

    public func attest(address: String, timestamp: Int64) async throws(Attestation.Refusal) -> StateAttestation {
        let target = targets.target(address)
        if target != nil { proposals?.asked(address: address) }
        var decision = Attestation.decide(target: target, timestamp: timestamp, now: clock.now(), monitor: monitors.machine(address), rules: rules)
        if case let .checkFirst(checks, deadline) = decision, let target {
            await check(target, times: checks, within: deadline)
            decision = Attestation.afterChecks(timestamp: timestamp, monitor: monitors.machine(address), rules: rules)
        }
        guard case let .sign(state) = decision else {
            if case let .refuse(refusal) = decision { throw refusal }
            throw .unconfirmed
        }
        let statement = Statement.state(address: address, state: state, timestamp: timestamp)
        return StateAttestation(address: address, state: state, timestamp: timestamp, signature: signer.signature(for: statement))
    }

    /// Up to `times` checks of `target` in a row, each fed to the node's own monitor, all within
    /// `deadline` seconds: a check still unanswered then counts as a failure (a hanging target is
    /// down). Stops early once the monitor has nothing left to confirm.
    func check(_ target: Target, times: Int, within deadline: Double) async {
        let end = clock.now() + deadline
        for _ in 0..<times {
            let remaining = end - clock.now()
            guard remaining > 0 else { return }
            let startedAt = clock.now()
            let outcome = await withTaskGroup(of: ProbeOutcome?.self) { group in
                group.addTask { await limiter.withSlot { await checker.check(target) } }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int64(remaining * 1000)))
                    return Task.isCancelled ? nil : ProbeOutcome(startedAt: startedAt, healthy: false, latency: remaining,
                                                                 failureReason: "no answer within the attest deadline")
                }
                var result: ProbeOutcome?
                for await outcome in group {
                    if let outcome {
                        result = outcome
                        break
                    }
                }
                group.cancelAll()
                return result
            }
            guard let outcome, let (decision, machine) = monitors.record(outcome, address: target.address) else { return }
            store.recordCheck(address: target.address, outcome: outcome)
            if let change = decision.change, let proposals {
                // Proposed on its own (gathering takes up to a peer timeout): the peer asking
                // gets its answer now; a leader nudged this way must answer within its timeout.
                let (state, since) = (machine.state, machine.since)
                Task { try? await proposals.observed(address: target.address, state: state, since: since, change: change) }
            }
            if machine.observationsToConfirmStreak == 0 { return }
        }
    }
}
