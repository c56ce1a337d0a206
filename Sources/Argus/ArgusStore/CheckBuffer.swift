import ArgusCore
import Synchronization

/// Check results not yet written to the `target` table: per address, how many checks completed
/// and the latest one. A check that changes no state is not a durable event, so the store writes
/// these in one transaction per flush (group commit) instead of one fsync'd write per check; a
/// crash loses at most the counts of the last flush interval, never an event.
final class CheckBuffer: Sendable {
    struct Pending: Sendable, Hashable {
        var checks: Int64
        var last: ProbeOutcome
    }

    private let pending = Mutex<[String: Pending]>([:])

    func record(address: String, outcome: ProbeOutcome) {
        pending.withLock { pending in
            if var entry = pending[address] {
                entry.checks += 1
                if outcome.startedAt >= entry.last.startedAt { entry.last = outcome }
                pending[address] = entry
            } else {
                pending[address] = Pending(checks: 1, last: outcome)
            }
        }
    }

    /// Everything buffered, leaving the buffer empty.
    func take() -> [String: Pending] {
        pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
    }

    /// Puts back what a failed flush took, merged with what came in since.
    func restore(_ taken: [String: Pending]) {
        pending.withLock { pending in
            for (address, entry) in taken {
                if var newer = pending[address] {
                    newer.checks += entry.checks
                    if entry.last.startedAt > newer.last.startedAt { newer.last = entry.last }
                    pending[address] = newer
                } else {
                    pending[address] = entry
                }
            }
        }
    }

    func peek(_ address: String) -> Pending? {
        pending.withLock { $0[address] }
    }

    var isEmpty: Bool { pending.withLock { $0.isEmpty } }
}
