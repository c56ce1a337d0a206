import NIOCore
import Synchronization

/// The targets whose checks are due, in the order they fell due, shared by the scheduler's
/// workers. Each `next()` hands one due check to one worker; when the queue is empty, workers
/// wait in order. `finish()` wakes them all with `nil` (shutdown).
///
/// A due check carries the generation of the target's slot it was scheduled for, so a check
/// scheduled before a target was removed (or removed and added again) is recognised and dropped.
///
/// Timers are NIO's (`EventLoop.scheduleTask`, a heap on the event loop), so 10,000 targets
/// cost 10,000 small timer entries, not 10,000 suspended tasks each holding its own stack.
final class CheckQueue: Sendable {
    struct Due: Sendable, Hashable {
        var address: String
        var generation: Int
    }

    private struct State {
        var due = CircularBuffer<Due>()
        var waiting = CircularBuffer<CheckedContinuation<Due?, Never>>()
        var finished = false
    }

    private let state = Mutex(State())
    private let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Queues a check of `address` once `delay` seconds have passed (at once if `delay ≤ 0`).
    func enqueue(_ address: String, generation: Int = 0, after delay: Double) {
        let due = Due(address: address, generation: generation)
        guard delay > 0 else { return push(due) }
        loop.scheduleTask(in: .microseconds(Int64(delay * 1_000_000))) { self.push(due) }
    }

    /// The next due check, waiting if none is; `nil` once the queue is finished.
    func next() async -> Due? {
        await withCheckedContinuation { continuation in
            let ready: Due?? = state.withLock { state in
                if state.finished { return .some(nil) }
                if let address = state.due.popFirst() { return .some(address) }
                state.waiting.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Ends the queue: every waiting and later `next()` returns `nil`; pending timers do nothing.
    func finish() {
        let waiting = state.withLock { state in
            state.finished = true
            state.due.removeAll()
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(returning: nil) }
    }

    private func push(_ due: Due) {
        let waiter = state.withLock { state -> CheckedContinuation<Due?, Never>? in
            if state.finished { return nil }
            if let waiter = state.waiting.popFirst() { return waiter }
            state.due.append(due)
            return nil
        }
        waiter?.resume(returning: due)
    }
}
