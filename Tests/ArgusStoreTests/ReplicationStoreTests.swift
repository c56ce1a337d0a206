import ArgusCore
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import Testing

/// Writing replicated batches as admission judged them: exactly once, outbox settled, all in one
/// transaction with the cursor; the triggers still refuse a history the accounting would misread.
struct ReplicationStoreTests {
    static let app = "downtime-monitoring"

    func batch(_ index: Int, _ changes: [StateChange], rejections: [String] = []) -> ReplicatedBatch {
        ReplicatedBatch(
            cursor: ReplicationCursor(index: index, chainingHash: "hash\(index)", isSyncPoint: index.isMultiple(of: 2), finalizedAt: 1000 + Int64(index)),
            events: changes.enumerated().map { .init(position: $0.offset, change: $0.element, body: "event \($0.element.timestamp)") },
            rejections: rejections.enumerated().map { .init(position: 90 + $0.offset, kind: "malformed", reason: $0.element, body: "junk") })
    }

    @Test func appliesEachBatchOnceWithItsCursor() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        #expect(try await store.cursor(app: Self.app) == .start)
        let down = StateChange(address: "a", state: .down, timestamp: 100)
        let up = StateChange(address: "a", state: .up, timestamp: 160)
        var report = try await store.apply(batch(1, [down]), app: Self.app)
        #expect(report.applied == [down])
        // The same batch again (a restart re-reads from a sync point): nothing happens.
        report = try await store.apply(batch(1, [down]), app: Self.app)
        #expect(report.alreadyApplied && report.applied.isEmpty)
        // The next batch: one event admitted, two refused (admission's verdicts, written as given).
        report = try await store.apply(batch(2, [up], rejections: ["not JSON", "a duplicate"]), app: Self.app)
        #expect(report.applied == [up])
        #expect(report.rejected.map(\.reason) == ["not JSON", "a duplicate"])
        #expect(try await store.cursor(app: Self.app) == ReplicationCursor(index: 2, chainingHash: "hash2", isSyncPoint: true, finalizedAt: 1002))
        let applied = try await store.appliedEvents(address: "a")
        #expect(applied.map(\.change) == [down, up])
        #expect(applied.map(\.zellularIndex) == [1, 2])
        #expect(applied.map(\.proof) == ["event 100", "event 160"])
        #expect(try await store.rejections().count == 2)
        #expect(try await store.lastChanges(addresses: ["a", "b"]) == ["a": up])
    }

    /// Whatever a caller decides, the store never holds a history out of order or repeating a
    /// state: such a batch fails whole, and neither its events nor its cursor are written.
    @Test func refusesABatchTheHistoryRulesOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let down = StateChange(address: "a", state: .down, timestamp: 100)
        _ = try await store.apply(batch(1, [down]), app: Self.app)
        for bad in [StateChange(address: "a", state: .up, timestamp: 90), StateChange(address: "a", state: .down, timestamp: 120)] {
            await #expect(throws: (any Error).self) { try await store.apply(batch(2, [bad]), app: Self.app) }
        }
        #expect(try await store.cursor(app: Self.app).index == 1)
        #expect(try await store.appliedEvents(address: "a").map(\.change) == [down])
    }

    @Test func settlesTheOutbox() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let mine = StateChange(address: "a", state: .down, timestamp: 100)
        let stale = StateChange(address: "b", state: .down, timestamp: 50)
        let other = StateChange(address: "c", state: .down, timestamp: 70)
        for change in [mine, stale, other] { try await store.enqueue(change, body: "body") }
        try await store.recordAttempt(outbox: 1)
        #expect(try await store.pendingOutbox().map(\.attempts) == [1, 0, 0])
        // Mine is applied as proposed; b moves on past the stale proposal; c is untouched.
        _ = try await store.apply(batch(1, [mine, StateChange(address: "b", state: .down, timestamp: 60),
                                           StateChange(address: "b", state: .up, timestamp: 65)]), app: Self.app)
        #expect(try await store.pendingOutbox().map(\.change) == [other])
        try await store.abandon(outbox: 3, reason: "too old")
        #expect(try await store.pendingOutbox().isEmpty)
    }

    /// Reopening the file: cursor, events and outbox are where they were.
    @Test func survivesReopening() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try EventStore(directory: directory.path)
            _ = try await store.apply(batch(4, [StateChange(address: "a", state: .down, timestamp: 100)]), app: Self.app)
            try await store.enqueue(StateChange(address: "a", state: .up, timestamp: 130), body: "up")
        }
        let store = try EventStore(directory: directory.path)
        #expect(try await store.cursor(app: Self.app).index == 4)
        #expect(try await store.lastChange(address: "a")?.state == .down)
        #expect(try await store.pendingOutbox().map(\.body) == ["up"])
        #expect(try await store.integrityCheck() == ["ok"])
    }
}

/// The refusal log is bounded: the newest `rejectionCap` rows are kept.
struct RejectionCapTests {
    @Test func oldRefusalsArePruned() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path, rejectionCap: 3)
        for index in 1...5 {
            _ = try await store.apply(ReplicatedBatch(
                cursor: ReplicationCursor(index: index, chainingHash: "h\(index)", isSyncPoint: false, finalizedAt: Int64(index)),
                events: [], rejections: [.init(position: 0, kind: "malformed", reason: "refusal \(index)", body: "x")]), app: "app")
        }
        #expect(try await store.rejections().map(\.reason) == ["refusal 5", "refusal 4", "refusal 3"])
    }
}
