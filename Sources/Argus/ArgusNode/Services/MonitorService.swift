import ArgusCore
import ArgusStore
import Logging
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
    let webhooks: WebhookService?

    public init(store: EventStore, logger: Logger, webhooks: WebhookService? = nil) {
        self.store = store
        self.logger = logger
        self.webhooks = webhooks
    }

    public func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
        guard let change else { return }
        // A retry after a write that did land (and reported a failure) is already done.
        if try await store.lastChange(address: change.address) == change { return }
        guard try await store.append(change) == .appended else { return }
        logger.notice("\(change.address) is \(change.state) since \(change.timestamp)")
        webhooks?.notify(change, zellularIndex: nil, event: nil)
    }
}

/// The driver of the domain: checks every target on its own schedule, feeds each outcome with its
/// time to the target's `TargetMonitor`, and hands what it decides to the sink. One task per
/// target; a shared `ConcurrencyLimiter` bounds the checks in flight.
///
/// Check results that change nothing are written in groups: every `checkFlushInterval` seconds
/// in one transaction, and once more at shutdown (0: after each check). State changes go to the
/// sink, which stores them durably before anything acknowledges them.
public struct MonitorService: Service {
    let targets: [Target]
    let store: EventStore
    let checker: any HealthChecker
    let clock: any WallClock
    let limiter: ConcurrencyLimiter
    let logger: Logger
    let sink: any ObservationSink
    let metrics: NodeMetrics?
    /// The targets' state machines, shared with the attester.
    public let monitors: Monitors
    let checkFlushInterval: Double

    public init(targets: [Target], store: EventStore, checker: any HealthChecker, clock: any WallClock = SystemClock(),
                maxConcurrentChecks: Int = 64, limiter: ConcurrencyLimiter? = nil, logger: Logger = Logger(label: "argus.monitor"),
                sink: (any ObservationSink)? = nil, metrics: NodeMetrics? = nil, monitors: Monitors = Monitors(),
                checkFlushInterval: Double = 1) {
        self.monitors = monitors
        self.checkFlushInterval = checkFlushInterval
        self.targets = targets
        self.store = store
        self.checker = checker
        self.clock = clock
        self.limiter = limiter ?? ConcurrencyLimiter(limit: maxConcurrentChecks)
        self.logger = logger
        self.sink = sink ?? LocalLog(store: store, logger: logger)
        self.metrics = metrics
    }

    /// Runs until cancelled or until graceful shutdown begins.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if checkFlushInterval > 0 { group.addTask { await flushChecks() } }
                for target in targets {
                    group.addTask { await monitor(target) }
                }
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

    /// The loop of one target; ends when the task is cancelled (graceful shutdown).
    func monitor(_ target: Target) async {
        do {
            let last = try await store.lastChange(address: target.address)
            monitors.start(TargetMonitor(address: target.address, policy: target.policy,
                                         state: last?.state ?? .up, since: last?.timestamp ?? 0))
        } catch {
            logger.error("cannot read the history of \(target.address): \(error)")
            return
        }
        var unrecorded: [StateChange] = []
        // Spread the first checks over up to one second (or the interval, if shorter).
        var delay = Double.random(in: 0..<min(1, target.policy.interval))
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            } catch {
                return
            }
            let outcome = await limiter.withSlot { await checker.check(target) }
            if Task.isCancelled { return }
            guard let (decision, machine) = monitors.record(outcome, address: target.address) else { return }
            metrics?.checked(target, outcome, state: machine.state)
            store.recordCheck(address: target.address, outcome: outcome)
            if checkFlushInterval == 0 {
                do {
                    try await store.flushChecks()
                } catch {
                    logger.error("cannot store the check of \(target.address): \(error)")
                }
            }
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
                    try await sink.observed(address: target.address, state: machine.state, since: machine.since, change: nil)
                }
                while let change = unrecorded.first {
                    try await sink.observed(address: target.address, state: machine.state, since: machine.since, change: change)
                    unrecorded.removeFirst()
                }
            } catch {
                logger.error("cannot record \(target.address) (\(unrecorded.count) change(s) kept, retried after the next check): \(error)")
            }
            let due = outcome.startedAt + target.policy.jittered(decision.nextCheckIn, unitRandom: Double.random(in: 0..<1))
            delay = max(0, due - clock.now())
        }
    }
}
