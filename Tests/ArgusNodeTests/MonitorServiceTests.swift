import ArgusCore
import ArgusNode
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
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
    }
}
