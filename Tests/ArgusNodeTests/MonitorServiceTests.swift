import ArgusCore
import ArgusNode
import ArgusStore
import ArgusTestSupport
import Foundation
import Synchronization
import Testing

/// The driver with a scripted checker: outcomes come from a script, the store is a real file.
struct MonitorServiceTests {
    /// Answers each check from `healthy(now)` and counts the checks in flight.
    final class ScriptedChecker: HealthChecker {
        let healthy: @Sendable (Double) -> Bool
        let inFlight = Mutex((now: 0, peak: 0, total: 0))

        init(healthy: @escaping @Sendable (Double) -> Bool) {
            self.healthy = healthy
        }

        func check(_ target: Target) async -> ProbeOutcome {
            inFlight.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now); $0.total += 1 }
            let startedAt = Date().timeIntervalSince1970
            try? await Task.sleep(for: .milliseconds(30))
            inFlight.withLock { $0.now -= 1 }
            let ok = healthy(startedAt)
            return ProbeOutcome(startedAt: startedAt, healthy: ok, latency: 0.03, failureReason: ok ? nil : "scripted")
        }
    }

    @Test func recordsAnOutageAndBoundsConcurrency() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let start = Date().timeIntervalSince1970
        // Target "t0" is down from 0.5 s to 1.5 s after the start; the others stay up.
        let checker = ScriptedChecker { now in
            !(start + 0.5 ..< start + 1.5).contains(now)
        }
        let policy = CheckPolicy(interval: 0.1, retryInterval: 0.1, timeout: 1, jitter: 0.1, failuresBeforeDown: 2, successesBeforeUp: 1)
        let targets = (0..<6).map { Target(address: "t\($0)", check: .tcp(host: "unused", port: 1), policy: policy) }
        let service = MonitorService(targets: targets, store: store, checker: checker, maxConcurrentChecks: 2)
        let task = Task { try await service.run() }
        try await Task.sleep(for: .milliseconds(2500))
        task.cancel()
        _ = await task.result

        let counts = checker.inFlight.withLock { $0 }
        #expect(counts.peak <= 2, "at most two checks in flight")
        #expect(counts.total > 30, "checks keep coming (\(counts.total))")
        for target in targets {
            let changes = try await store.changes(address: target.address)
            #expect(changes.map(\.state) == [.down, .up], "\(target.address): \(changes)")
            guard changes.count == 2 else { continue }
            // The outage is stamped at first observation, in whole seconds: within a second of the truth.
            #expect(abs(Double(changes[0].timestamp) - (start + 0.5)) <= 1.5)
            #expect(abs(Double(changes[1].timestamp) - (start + 1.5)) <= 1.5)
            let status = try await store.status(address: target.address)
            #expect(status.checks > 3)
        }
    }
}
