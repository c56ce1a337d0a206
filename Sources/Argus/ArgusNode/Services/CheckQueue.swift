import NIOCore
import Synchronization

/// The targets whose checks are due, in the order they fell due, shared by the scheduler's
/// workers. Each `next()` hands one address to one worker; when the queue is empty, workers
/// wait in order. `finish()` wakes them all with `nil` (shutdown).
///
/// Timers are NIO's (`EventLoop.scheduleTask`, a heap on the event loop), so 10,000 targets
/// cost 10,000 small timer entries, not 10,000 suspended tasks each holding its own stack.
final class CheckQueue: Sendable {
    private struct State {
        var due = CircularBuffer<String>()
        var waiting = CircularBuffer<CheckedContinuation<String?, Never>>()
        var finished = false
    }

    private let state = Mutex(State())
    private let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Queues `address` once `delay` seconds have passed (at once if `delay ≤ 0`).
    func enqueue(_ address: String, after delay: Double) {
        guard delay > 0 else { return push(address) }
        loop.scheduleTask(in: .microseconds(Int64(delay * 1_000_000))) { self.push(address) }
    }

    /// The next due address, waiting if none is; `nil` once the queue is finished.
    func next() async -> String? {
        await withCheckedContinuation { continuation in
            let ready: String?? = state.withLock { state in
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

    private func push(_ address: String) {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            if state.finished { return nil }
            if let waiter = state.waiting.popFirst() { return waiter }
            state.due.append(address)
            return nil
        }
        waiter?.resume(returning: address)
    }
}
