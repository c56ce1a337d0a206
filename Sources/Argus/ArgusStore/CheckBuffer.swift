import ArgusCore
import Synchronization

/// Check results not yet written to the `target` table: per address, how many checks completed
/// and the latest one. A check that changes no state is not a durable event, so the store writes
/// these in one transaction per flush (group commit) instead of one fsync'd write per check; a
/// crash loses at most the counts of the last flush interval, never an event.
///
/// A flush takes what is pending and keeps it visible to reads until its transaction commits
/// (`done`) or fails (`restore`, back into the pending results), so a read never sees a count go
/// down while a write is under way. Several flushes may be in flight at once.
final class CheckBuffer: Sendable {
    struct Pending: Sendable, Hashable {
        var checks: Int64
        var last: ProbeOutcome

        mutating func merge(_ other: Pending) {
            checks += other.checks
            if other.last.startedAt > last.startedAt { last = other.last }
        }
    }

    private struct State {
        var pending: [String: Pending] = [:]
        var inFlight: [Int: [String: Pending]] = [:]
        var nextFlush = 0
    }

    private let state = Mutex(State())

    func record(address: String, outcome: ProbeOutcome) {
        state.withLock { state in
            let entry = Pending(checks: 1, last: outcome)
            if state.pending[address] == nil { state.pending[address] = entry } else { state.pending[address]!.merge(entry) }
        }
    }

    /// Everything pending, now in flight under the returned token; `nil` when nothing is pending.
    func take() -> (flush: Int, entries: [String: Pending])? {
        state.withLock { state in
            guard !state.pending.isEmpty else { return nil }
            let flush = state.nextFlush
            state.nextFlush += 1
            state.inFlight[flush] = state.pending
            defer { state.pending = [:] }
            return (flush, state.pending)
        }
    }

    /// The flush's transaction committed: its results are in the table now.
    func done(_ flush: Int) {
        _ = state.withLock { $0.inFlight.removeValue(forKey: flush) }
    }

    /// The flush failed: its results go back to pending, merged with what came in since.
    func restore(_ flush: Int) {
        state.withLock { state in
            for (address, entry) in state.inFlight.removeValue(forKey: flush) ?? [:] {
                if state.pending[address] == nil { state.pending[address] = entry } else { state.pending[address]!.merge(entry) }
            }
        }
    }

    /// What is not yet in the table, every address: pending and in flight together.
    func unwrittenAll() -> [String: Pending] {
        state.withLock { state in
            var total: [String: Pending] = [:]
            for entries in state.inFlight.values.map({ $0 }) + [state.pending] {
                for (address, entry) in entries {
                    if total[address] == nil { total[address] = entry } else { total[address]!.merge(entry) }
                }
            }
            return total
        }
    }

    /// What is not yet in the table for `address`: pending and in flight together.
    func unwritten(_ address: String) -> Pending? {
        state.withLock { state in
            var total = state.pending[address]
            for entries in state.inFlight.values {
                guard let entry = entries[address] else { continue }
                if total == nil { total = entry } else { total!.merge(entry) }
            }
            return total
        }
    }
}
