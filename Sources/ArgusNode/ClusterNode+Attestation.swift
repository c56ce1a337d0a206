import ArgusCore
import ArgusProof
import BLS12381

/// `GET /state` (stage 03): this node's signed observation of a target at a time.
extension ClusterNode {
    /// The reference's drift allowance, inclusive.
    public static let maxTimestampDrift: Double = 10

    public struct Attestation: Sendable, Hashable {
        public var address: String
        public var state: HealthState
        public var timestamp: Int64
        public var signature: Signature
    }

    public enum AttestationError: Error, Sendable, Hashable {
        case unknownAddress
        case drift
        case notSigning
    }

    /// Signs `Address, State, Timestamp` with what this node sees: its latest own check when it is
    /// fresh (one interval plus the timeout old at most), else a new check that may take at most
    /// `attestDeadline` — a target that has not answered by then is reported down, so a hanging
    /// target can be attested before the proposer stops waiting.
    public func attest(address: String, timestamp: Int64) async throws(AttestationError) -> Attestation {
        guard let key else { throw .notSigning }
        guard let target = targets[address] else { throw .unknownAddress }
        guard abs(now - Double(timestamp)) <= Self.maxTimestampDrift else { throw .drift }
        let state = await observation(of: target)
        let signature = key.signature(for: Array(Statement.state(address: address, state: state, timestamp: timestamp).utf8))
        return Attestation(address: address, state: state, timestamp: timestamp, signature: signature)
    }

    func observation(of target: Target) async -> HealthState {
        if let last = try? await store.status(address: target.address).lastCheck,
           now - last.startedAt <= target.policy.interval + target.policy.timeout {
            return last.healthy ? .up : .down
        }
        let deadline = min(settings.attestDeadline, target.policy.timeout)
        return await withTaskGroup(of: HealthState?.self) { group in
            group.addTask { await self.checker.check(target).healthy ? .up : .down }
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
