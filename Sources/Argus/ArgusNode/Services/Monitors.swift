import ArgusCore
import Synchronization

/// The node's own monitors, one `TargetMonitor` per target, shared by the scheduler
/// (`MonitorService`) and the attester: a check `/state` asks for counts towards the node's own
/// confirmation exactly like a scheduled one, so what the node signs and what it confirms follow
/// one rule.
public final class Monitors: Sendable {
    private let machines: Mutex<[String: TargetMonitor]>

    public init() { machines = Mutex([:]) }

    /// Starts (or restarts) the monitor of a target.
    public func start(_ machine: TargetMonitor) {
        machines.withLock { $0[machine.address] = machine }
    }

    /// Stops the monitor of a target that is no longer checked.
    public func stop(_ address: String) {
        _ = machines.withLock { $0.removeValue(forKey: address) }
    }

    /// The target's policy changed: its monitor goes on under the new one.
    public func adopt(_ policy: CheckPolicy, address: String) {
        machines.withLock { $0[address]?.adopt(policy) }
    }

    /// Feeds one check's outcome to the target's monitor; `nil` for an unknown target.
    public func record(_ outcome: ProbeOutcome, address: String) -> (decision: TargetMonitor.Decision, machine: TargetMonitor)? {
        machines.withLock { machines in
            guard var machine = machines[address] else { return nil }
            let decision = machine.record(outcome)
            machines[address] = machine
            return (decision, machine)
        }
    }

    /// The target's monitor as it is now.
    public func machine(_ address: String) -> TargetMonitor? {
        machines.withLock { $0[address] }
    }
}
