import ArgusCore
import ArgusNode
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The driver with a scripted checker: outcomes come from a script keyed by each target's check
/// count (so the test does not depend on how fast a loaded machine schedules it); the store is a
/// real file.
struct MonitorServiceTests {
    /// Each target fails its checks number `failing` and succeeds otherwise; records when the
    /// first failing and the first recovered check started, and the checks in flight.
    final class ScriptedChecker: HealthChecker {
        struct Record { var checks = 0; var firstFailure: Double?; var recovery: Double? }
        let failing: ClosedRange<Int>
        let records = Mutex([String: Record]())
        let inFlight = Mutex((now: 0, peak: 0))

        init(failing: ClosedRange<Int>) {
            self.failing = failing
        }

        func check(_ target: Target) async -> ProbeOutcome {
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            let startedAt = Date().timeIntervalSince1970
            try? await Task.sleep(for: .milliseconds(20))
            inFlight.withLock { $0.now -= 1 }
            let ok = records.withLock { records in
                var record = records[target.address, default: Record()]
                record.checks += 1
                let ok = !failing.contains(record.checks)
                if !ok, record.firstFailure == nil { record.firstFailure = startedAt }
                if ok, record.firstFailure != nil, record.recovery == nil { record.recovery = startedAt }
                records[target.address] = record
                return ok
            }
            return ProbeOutcome(startedAt: startedAt, healthy: ok, latency: 0.02, failureReason: ok ? nil : "scripted")
        }
    }

    @Test func recordsAnOutageAndBoundsConcurrency() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let checker = ScriptedChecker(failing: 3...6)
        let policy = CheckPolicy(interval: 0.1, retryInterval: 0.05, timeout: 1, jitter: 0.1, failuresBeforeDown: 2, successesBeforeUp: 1)
        let targets = (0..<6).map { Target(address: "t\($0)", check: .tcp(host: "unused", port: 1), policy: policy) }
        let service = MonitorService(targets: targets, store: store, checker: checker, maxConcurrentChecks: 2)
        let task = Task { try await service.run() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, checker.records.withLock({ $0.count == 6 && $0.values.allSatisfy { $0.checks >= 10 } }) == false {
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        _ = await task.result

        #expect(checker.inFlight.withLock { $0.peak } <= 2, "at most two checks in flight")
        let records = checker.records.withLock { $0 }
        for target in targets {
            let changes = try await store.changes(address: target.address)
            #expect(changes.map(\.state) == [.down, .up], "\(target.address): \(changes)")
            guard changes.count == 2, let record = records[target.address], let failed = record.firstFailure,
                  let recovered = record.recovery else { continue }
            // Each change is stamped at the first observation of the new state (whole seconds,
            // strictly after the previous change).
            #expect(changes[0].timestamp == Int64(failed.rounded(.down)))
            #expect(changes[1].timestamp == max(Int64(recovered.rounded(.down)), changes[0].timestamp + 1))
            #expect(try await store.status(address: target.address).checks >= 8)
        }
        // Check results are written together, and once more as the service stops: another
        // store opened on the file reads every one of them.
        let reopened = try EventStore(directory: directory.path)
        for target in targets {
            let written = try await reopened.status(address: target.address).checks
            let counted = try await store.status(address: target.address).checks
            #expect(written >= 8 && written == counted)
        }
    }
}

/// Standalone durability: a confirmed change whose write fails is kept and written after a later
/// check, in order, so the outage is recorded all the same.
struct MonitorDurabilityTests {
    /// The standalone log, with its first `failures` writes failing (an I/O error, injected).
    final class FailingLog: ObservationSink {
        let log: LocalLog
        let failures = Mutex(0)
        let budget: Int

        init(store: EventStore, failing budget: Int) {
            log = LocalLog(store: store, logger: Logger(label: "test"))
            self.budget = budget
        }

        struct InjectedFailure: Error {}

        func observed(address: String, state: HealthState, since: Int64, change: StateChange?) async throws {
            if change != nil, failures.withLock({ count in count += 1; return count <= budget }) { throw InjectedFailure() }
            try await log.observed(address: address, state: state, since: since, change: change)
        }
    }

    @Test func aFailedWriteStillEndsWithTheOutageRecorded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let checker = MonitorServiceTests.ScriptedChecker(failing: 3...6)
        let policy = CheckPolicy(interval: 0.1, retryInterval: 0.05, timeout: 1, jitter: 0.1, failuresBeforeDown: 2, successesBeforeUp: 1)
        let target = Target(address: "t", check: .tcp(host: "unused", port: 1), policy: policy)
        // The first three writes fail: the down change is kept until the check that also confirms
        // the recovery, and both are then written, in order.
        let sink = FailingLog(store: store, failing: 3)
        let service = MonitorService(targets: [target], store: store, checker: checker, sink: sink)
        let task = Task { try await service.run() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, try await store.changes(address: "t").count < 2 || checker.records.withLock({ $0["t"]?.checks ?? 0 }) < 12 {
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        _ = await task.result
        let changes = try await store.changes(address: "t")
        #expect(changes.map(\.state) == [.down, .up], "\(changes)")
        #expect(sink.failures.withLock { $0 } > 3, "the writes were retried")
        let firstFailure = try #require(checker.records.withLock { $0["t"]?.firstFailure })
        // Stamped when the outage was first seen, not when the write finally went through.
        #expect(changes.first?.timestamp == Int64(firstFailure.rounded(.down)))
    }
}
