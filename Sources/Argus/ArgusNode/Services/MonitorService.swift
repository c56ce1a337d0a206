import ArgusCore
import ArgusStore
import Logging
import NIOCore
import NIOPosix
import Synchronization
import ServiceLifecycle

/// Where a node's confirmed observations go: straight into its own log (standalone), or to the
/// cluster's proposer, which gets them proven and replicated (`ProposalService`).
public protocol ObservationSink: Sendable {
    /// Called after every check with the target's confirmed state and since when; `change` is set
    /// when this check confirmed a transition.
    func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws
}

/// Standalone (stage 01): the node's own log is the truth.
public struct LocalLog: ObservationSink {
    let store: EventStore
    let logger: Logger

    public init(store: EventStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
        guard let change else { return }
        // A retry after a write that did land (and reported a failure) is already done.
        if try await store.lastChange(address: change.address) == change { return }
        guard try await store.append(change) == .appended else { return }
        logger.notice("\(change.address) is \(change.state) since \(change.timestamp)")
    }
}

/// The driver of the domain: checks every target on its own schedule, feeds each outcome with its
/// time to the target's `TargetMonitor`, and hands what it decides to the sink.
///
/// A fixed pool of workers (`maxConcurrentChecks`, through the shared `ConcurrencyLimiter`) takes
/// due targets from one `CheckQueue`; a target's next check is queued by a timer when its check
/// is done, so a target is never checked twice at once, and the node's memory does not grow with
/// a suspended task per target. It follows the `TargetSet`: an added target is checked within a
/// second, a removed one is not checked again (its history stays), a changed one is checked the
/// new way from its next check on.
///
/// Check results that change nothing are written in groups: every `checkFlushInterval` seconds
/// in one transaction, and once more at shutdown (0: after each check). State changes go to the
/// sink, which stores them durably before anything acknowledges them.
public struct MonitorService: Service {
    let targets: TargetSet
    let store: EventStore
    let checker: any HealthChecker
    let clock: any WallClock
    let limiter: ConcurrencyLimiter
    let workers: Int
    let logger: Logger
    let sink: any ObservationSink
    let metrics: NodeMetrics?
    /// The targets' state machines, shared with the attester.
    public let monitors: Monitors
    let checkFlushInterval: Double
    let loop: any EventLoop

    public init(targets: TargetSet, store: EventStore, checker: any HealthChecker, clock: any WallClock = SystemClock(),
                maxConcurrentChecks: Int = 64, limiter: ConcurrencyLimiter? = nil, logger: Logger = Logger(label: "argus.monitor"),
                sink: (any ObservationSink)? = nil, metrics: NodeMetrics? = nil, monitors: Monitors = Monitors(),
                checkFlushInterval: Double = 1, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()) {
        self.monitors = monitors
        self.checkFlushInterval = checkFlushInterval
        self.targets = targets
        self.store = store
        self.checker = checker
        self.clock = clock
        self.limiter = limiter ?? ConcurrencyLimiter(limit: maxConcurrentChecks)
        self.workers = limiter?.limit ?? maxConcurrentChecks
        self.logger = logger
        self.sink = sink ?? LocalLog(store: store, logger: logger)
        self.metrics = metrics
        self.loop = eventLoop
    }

    /// A fixed list of targets.
    public init(targets: [Target], store: EventStore, checker: any HealthChecker, maxConcurrentChecks: Int = 64,
                sink: (any ObservationSink)? = nil) {
        self.init(targets: TargetSet(configured: targets), store: store, checker: checker, maxConcurrentChecks: maxConcurrentChecks, sink: sink)
    }

    /// What the workers share: each target's definition, and the changes its sink has not taken.
    final class Slots: Sendable {
        struct Slot {
            var target: Target
            /// Bumped each time the target is (re)added: checks scheduled for an older slot are dropped.
            var generation: Int
            /// Confirmed changes the sink could not take yet, oldest first.
            var unrecorded: [StateChange] = []
        }

        let slots = Mutex<[String: Slot]>([:])
        let generations = Mutex(0)

        /// A new slot for `target`; its generation.
        func add(_ target: Target) -> Int {
            let generation = generations.withLock { $0 += 1; return $0 }
            slots.withLock { $0[target.address] = Slot(target: target, generation: generation) }
            return generation
        }
    }

    /// Runs until cancelled or until graceful shutdown begins.
    public func run() async throws {
        let queue = CheckQueue(loop: loop)
        let slots = Slots()
        let changes = targets.changes()
        for target in targets.targets { await start(target, slots: slots, queue: queue) }
        await cancelWhenGracefulShutdown {
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    if checkFlushInterval > 0 { group.addTask { await flushChecks() } }
                    // Ends, as the flusher does, when this task is cancelled.
                    group.addTask {
                        for await change in changes {
                            await follow(change, slots: slots, queue: queue)
                        }
                    }
                    for _ in 0..<workers {
                        group.addTask {
                            while let due = await queue.next() {
                                await check(due, slots: slots, queue: queue)
                            }
                        }
                    }
                }
            } onCancel: {
                queue.finish()
            }
        }
        // The last flush runs even when this task is cancelled (GRDB refuses to start a write
        // in a cancelled task): a task of its own does not inherit the cancellation.
        do {
            try await Task { try await store.flushChecks() }.value
        } catch {
            logger.error("cannot store the last checks: \(error)")
        }
    }

    /// Starts checking `target`: its monitor from its history, its first check within a second
    /// (or its interval, if shorter).
    func start(_ target: Target, slots: Slots, queue: CheckQueue) async {
        do {
            let last = try await store.lastChange(address: target.address)
            monitors.start(TargetMonitor(address: target.address, policy: target.policy,
                                         state: last?.state ?? .up, since: last?.timestamp ?? 0))
        } catch {
            logger.error("cannot read the history of \(target.address): \(error)")
            return
        }
        let generation = slots.add(target)
        queue.enqueue(target.address, generation: generation, after: Double.random(in: 0..<min(1, target.policy.interval)))
    }

    /// Applies a change of the target set.
    func follow(_ change: TargetSet.Change, slots: Slots, queue: CheckQueue) async {
        for address in change.removed {
            slots.slots.withLock { _ = $0.removeValue(forKey: address) }
            monitors.stop(address)
            logger.notice("stopped checking \(address) (removed; its history is kept)")
        }
        for target in change.changed {
            slots.slots.withLock { $0[target.address]?.target = target }
            monitors.adopt(target.policy, address: target.address)
            logger.notice("\(target.address) is checked as \(target.check.kind) \(target.check) from its next check on")
        }
        for target in change.added {
            await start(target, slots: slots, queue: queue)
            logger.notice("checking \(target.address) (\(target.check.kind) \(target.check))")
        }
    }

    /// Writes the buffered check results every `checkFlushInterval` seconds until cancelled.
    func flushChecks() async {
        while (try? await Task.sleep(for: .milliseconds(Int64(checkFlushInterval * 1000)))) != nil {
            do {
                try await store.flushChecks()
            } catch {
                logger.error("cannot store check results (kept for the next flush): \(error)")
            }
        }
    }

    /// One check of a due target: its outcome fed to the target's monitor, the result recorded,
    /// what the monitor confirmed handed to the sink, and the next check queued.
    func check(_ due: CheckQueue.Due, slots: Slots, queue: CheckQueue) async {
        let address = due.address
        guard let target = slots.slots.withLock({ $0[address].flatMap { $0.generation == due.generation ? $0.target : nil } }) else { return }
        let outcome = await limiter.withSlot { await checker.check(target) }
        if Task.isCancelled { return }
        guard let (decision, machine) = monitors.record(outcome, address: address) else { return }
        metrics?.checked(target, outcome, state: machine.state)
        store.recordCheck(address: address, outcome: outcome)
        if checkFlushInterval == 0 {
            do {
                try await store.flushChecks()
            } catch {
                logger.error("cannot store the check of \(address): \(error)")
            }
        }
        var unrecorded = slots.slots.withLock { $0[address]?.unrecorded ?? [] }
        if let change = decision.change {
            logger.info("\(change.address) confirmed \(change.state) since \(change.timestamp)", metadata: [
                "reason": "\(outcome.failureReason ?? "ok")",
            ])
            unrecorded.append(change)
        }
        // The machine has moved on; a change the sink could not take is kept, in order, and
        // handed over again after every check until it is taken: a failed write loses nothing.
        do {
            if unrecorded.isEmpty {
                try await sink.observed(address: address, state: machine.state, since: machine.since, change: nil)
            }
            while let change = unrecorded.first {
                try await sink.observed(address: address, state: machine.state, since: machine.since, change: change)
                unrecorded.removeFirst()
            }
        } catch {
            logger.error("cannot record \(address) (\(unrecorded.count) change(s) kept, retried after the next check): \(error)")
        }
        // The next check, unless the target was removed (or removed and added again) meanwhile.
        let current = slots.slots.withLock { slots -> Bool in
            guard slots[address]?.generation == due.generation else { return false }
            slots[address]?.unrecorded = unrecorded
            return true
        }
        guard current else { return }
        let next = outcome.startedAt + machine.policy.jittered(decision.nextCheckIn, unitRandom: Double.random(in: 0..<1))
        queue.enqueue(address, generation: due.generation, after: next - clock.now())
    }
}
