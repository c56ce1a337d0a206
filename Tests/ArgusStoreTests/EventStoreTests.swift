import ArgusCore
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import GRDB
import Testing

/// The store against a real SQLite file.
struct EventStoreTests {
    @Test func appendsInOrderAndRefusesTheRest() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        #expect(try await store.append(StateChange(address: "a", state: .up, timestamp: 5)) == .duplicate)
        #expect(try await store.append(StateChange(address: "a", state: .down, timestamp: 100)) == .appended)
        #expect(try await store.append(StateChange(address: "a", state: .down, timestamp: 110)) == .duplicate)
        await #expect(throws: EventStore.StoreError.self) {
            try await store.append(StateChange(address: "a", state: .up, timestamp: 100))
        }
        await #expect(throws: EventStore.StoreError.self) {
            try await store.append(StateChange(address: "a", state: .up, timestamp: 50))
        }
        #expect(try await store.append(StateChange(address: "a", state: .up, timestamp: 160)) == .appended)
        #expect(try await store.append(StateChange(address: "b", state: .down, timestamp: 1)) == .appended)
        #expect(try await store.changes(address: "a").map(\.timestamp) == [100, 160])
        #expect(try await store.changes(address: "a", after: 100).map(\.timestamp) == [160])
        #expect(try await store.lastChange(address: "b") == StateChange(address: "b", state: .down, timestamp: 1))
        #expect(try await store.eventCount() == 3)
    }

    @Test func batchAppendIsAllOrNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let stored = try await store.append(contentsOf: [
            StateChange(address: "a", state: .down, timestamp: 10),
            StateChange(address: "b", state: .down, timestamp: 10),
            StateChange(address: "a", state: .down, timestamp: 15),
            StateChange(address: "a", state: .up, timestamp: 20),
        ])
        #expect(stored == 3)
        await #expect(throws: EventStore.StoreError.self) {
            try await store.append(contentsOf: [
                StateChange(address: "a", state: .down, timestamp: 30),
                StateChange(address: "a", state: .up, timestamp: 25),
            ])
        }
        #expect(try await store.changes(address: "a").map(\.timestamp) == [10, 20])
    }

    /// The triggers hold even for SQL that bypasses `EventStore`.
    @Test func eventsAreAppendOnlyAtTheSQLLevel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        try await store.append(StateChange(address: "a", state: .down, timestamp: 100))
        let queue = try DatabaseQueue(path: store.path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE event SET timestamp = 1") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM event") } }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO event (address, state, timestamp, recorded_at) VALUES ('a', 'up', 99, 0)") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO event (address, state, timestamp, recorded_at) VALUES ('a', 'down', 200, 0)") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO event (address, state, timestamp, recorded_at) VALUES ('b', 'sideways', 1, 0)") }
        }
        #expect(try await store.changes(address: "a").count == 1)
        let mode = try await queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// The SQL query path and the in-memory `Timeline` agree on random histories and windows.
    @Test func sqlDowntimeMatchesTheTimeline() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var rng = SeededGenerator(seed: seed)
        var timeline = Timeline(address: "a")
        var time: Int64 = 0
        var state = HealthState.up
        for _ in 0..<300 {
            time += Int64.random(in: 1...50, using: &rng)
            state = state.flipped
            let change = StateChange(address: "a", state: state, timestamp: time)
            try timeline.append(change)
            try await store.append(change)
        }
        for _ in 0..<300 {
            let from = Int64.random(in: -100...(time + 100), using: &rng)
            let to = Int64.random(in: from...(time + 200), using: &rng)
            let query = try DowntimeQuery(from: from, to: to, asOf: Bool.random(using: &rng) ? nil : Int64.random(in: 0...time, using: &rng))
            let stored = try await store.storedDowntime(address: "a", query: query)
            #expect(stored == timeline.downtime(for: query), "seed \(seed), query \(query)")
        }
    }

    /// Check results are kept in memory and written together: reads see them at once, a flush
    /// writes them in one transaction, and the counts add up across flushes and reopens.
    @Test func checksAreWrittenTogether() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try EventStore(directory: directory.path)
            store.recordCheck(address: "a", outcome: ProbeOutcome(startedAt: 10, healthy: true, latency: 0.1))
            store.recordCheck(address: "a", outcome: ProbeOutcome(startedAt: 20, healthy: false, latency: 0.2, failureReason: "status 503"))
            store.recordCheck(address: "b", outcome: ProbeOutcome(startedAt: 15, healthy: true, latency: 0.1))
            #expect(try await store.status(address: "a").checks == 2)
            #expect(try await store.status(address: "a").lastCheck?.failureReason == "status 503")
            try await store.flushChecks()
            store.recordCheck(address: "a", outcome: ProbeOutcome(startedAt: 30, healthy: true, latency: 0.3))
            #expect(try await store.status(address: "a").checks == 3)
            #expect(try await store.status(address: "a").lastCheck?.startedAt == 30)
            // Not flushed: a crash (here, dropping the store) loses only this count.
        }
        let reopened = try EventStore(directory: directory.path)
        let statuses = try await reopened.statuses(addresses: ["a", "b", "c"])
        #expect(statuses["a"]?.checks == 2)
        #expect(statuses["a"]?.lastCheck == ProbeOutcome(startedAt: 20, healthy: false, latency: 0.2, failureReason: "status 503"))
        #expect(statuses["b"]?.checks == 1)
        #expect(statuses["c"]?.checks == 0 && statuses["c"]?.lastCheck == nil)
        try await reopened.flushChecks()   // nothing buffered: a no-op
        #expect(try await reopened.integrityCheck() == ["ok"])
    }

    /// A degraded check (up, partially healthy) is kept with its reason, in memory and on disk.
    @Test func degradedChecks() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try EventStore(directory: directory.path)
            let partial = ProbeOutcome(startedAt: 10, healthy: true, latency: 0.1, failureReason: "partially healthy (206)", degraded: true)
            store.recordCheck(address: "a", outcome: partial)
            store.recordCheck(address: "b", outcome: ProbeOutcome(startedAt: 10, healthy: true, latency: 0.1))
            #expect(try await store.degradedAddresses() == ["a"])
            try await store.flushChecks()
            #expect(try await store.degradedAddresses() == ["a"])
            #expect(try await store.status(address: "a").lastCheck == partial)
            store.recordCheck(address: "a", outcome: ProbeOutcome(startedAt: 20, healthy: true, latency: 0.1))
            #expect(try await store.degradedAddresses().isEmpty, "the latest check decides, flushed or not")
        }
        let reopened = try EventStore(directory: directory.path)
        #expect(try await reopened.status(address: "a").lastCheck?.degraded == true)
        #expect(try await reopened.degradedAddresses() == ["a"])
    }

    @Test func reopensWithEverything() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try EventStore(directory: directory.path)
            try await store.append(StateChange(address: "a", state: .down, timestamp: 100))
            store.recordCheck(address: "a", outcome: ProbeOutcome(startedAt: 100.5, healthy: false, latency: 0.25, failureReason: "status 503"))
            try await store.flushChecks()
        }
        let reopened = try EventStore(directory: directory.path)
        let status = try await reopened.status(address: "a")
        #expect(status.state == .down)
        #expect(status.since == 100)
        #expect(status.checks == 1)
        #expect(status.lastCheck?.failureReason == "status 503")
        #expect(status.lastCheck?.latency == 0.25)
        #expect(try await reopened.integrityCheck() == ["ok"])
    }

    /// A writer process killed with SIGKILL at arbitrary moments, three times on one file: every
    /// change it acknowledged is there, in order, and the file is sound.
    @Test func survivesKillNine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var acknowledged: [String: Set<Int64>] = [:]
        for round in 0..<3 {
            let writer = try ChildProcess(try Executables.url("argus-store-writer"), [directory.path, "3"])
            // Generous: on a loaded machine (the whole suite runs in parallel) a start can take long.
            try await writer.waitForLine(timeout: 120) { $0 == "ready" }
            try await writer.waitForLine(timeout: 60) { $0.hasPrefix("ack ") && round >= 0 }
            try await Task.sleep(for: .milliseconds(200 + 150 * round))
            writer.kill(SIGKILL)
            writer.process.waitUntilExit()
            #expect(writer.process.terminationReason == .uncaughtSignal)
            for line in writer.output where line.hasPrefix("ack ") {
                let fields = line.split(separator: " ")
                acknowledged[String(fields[1]), default: []].insert(Int64(fields[2])!)
            }
        }
        let store = try EventStore(directory: directory.path)
        #expect(try await store.integrityCheck() == ["ok"])
        #expect(acknowledged.values.map(\.count).reduce(0, +) > 30, "the writer should have acknowledged a fair number of changes")
        for (address, timestamps) in acknowledged {
            let stored = try await store.changes(address: address, limit: 1_000_000)
            let storedTimestamps = Set(stored.map(\.timestamp))
            #expect(timestamps.isSubset(of: storedTimestamps), "\(address): lost \(timestamps.subtracting(storedTimestamps).sorted().prefix(5))")
            #expect(zip(stored, stored.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp && $0.state != $1.state })
        }
    }
}
