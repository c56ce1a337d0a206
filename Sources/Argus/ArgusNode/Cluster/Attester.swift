import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore

/// `GET /state` (stage 03), the driver of `Attestation`: reads this node's latest check, checks
/// the target first when the rule says so (down if it has not answered by the deadline), and
/// signs the state the rule chose.
public struct Attester: Sendable {
    let signer: Signer
    let targets: [String: Target]
    let store: EventStore
    let checker: any HealthChecker
    let limiter: ConcurrencyLimiter
    let clock: any WallClock
    let rules: ClusterRules

    /// - Parameter limiter: the monitor's: a check `/state` asks for waits for a slot like any other.
    public init(signer: Signer, targets: [Target], store: EventStore, checker: any HealthChecker, limiter: ConcurrencyLimiter,
                clock: any WallClock, rules: ClusterRules) {
        self.limiter = limiter
        self.signer = signer
        self.targets = Dictionary(targets.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        self.store = store
        self.checker = checker
        self.clock = clock
        self.rules = rules
    }

    public func attest(address: String, timestamp: Int64) async throws(Attestation.Refusal) -> StateAttestation {
        let target = targets[address]
        let lastCheck = target == nil ? nil : (try? await store.status(address: address))?.lastCheck
        let state: HealthState
        switch Attestation.decide(target: target, timestamp: timestamp, now: clock.now(), lastCheck: lastCheck, rules: rules) {
        case let .refuse(refusal):
            throw refusal
        case let .sign(observed):
            state = observed
        case let .checkFirst(deadline):
            state = await check(target!, deadline: deadline)
        }
        let statement = Statement.state(address: address, state: state, timestamp: timestamp)
        return StateAttestation(address: address, state: state, timestamp: timestamp, signature: signer.signature(for: statement))
    }

    /// A new check of `target`; down if it has not answered within `deadline` seconds.
    func check(_ target: Target, deadline: Double) async -> HealthState {
        await withTaskGroup(of: HealthState?.self) { group in
            group.addTask { await limiter.withSlot { await checker.check(target) }.healthy ? .up : .down }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(deadline * 1000)))
                return Task.isCancelled ? nil : .down
            }
            var result: HealthState = .down
            for await state in group {
                if let state {
                    result = state
                    break
                }
            }
            group.cancelAll()
            return result
        }
    }
}
