import ArgusCore
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import Testing

/// Applying replicated batches: exactly once, history rules enforced, outbox settled, all in one
/// transaction with the cursor.
struct ReplicationStoreTests {
    static let app = "downtime-monitoring"

    func batch(_ index: Int, _ changes: [StateChange], rejections: [String] = []) -> ReplicatedBatch {
        ReplicatedBatch(
            cursor: ReplicationCursor(index: index, chainingHash: "hash\(index)", isSyncPoint: index.isMultiple(of: 2), finalizedAt: 1000 + Int64(index)),
            candidates: changes.enumerated().map { .init(position: $0.offset, change: $0.element, body: "event \($0.element.timestamp)") },
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
        // A duplicate proposal, a late one, a repeat of the state, and a good one, in one batch.
        report = try await store.apply(batch(2, [down, StateChange(address: "a", state: .up, timestamp: 90),
                                                 StateChange(address: "a", state: .down, timestamp: 120), up], rejections: ["not JSON"]), app: Self.app)
        #expect(report.applied == [up])
        #expect(report.rejected.map(\.reason).map { String($0.prefix(24)) }.sorted() == [
            "a duplicate of the appli", "a is already down (since", "not JSON", "not after the last appli",
        ])
        #expect(try await store.cursor(app: Self.app) == ReplicationCursor(index: 2, chainingHash: "hash2", isSyncPoint: true, finalizedAt: 1002))
        let applied = try await store.appliedEvents(address: "a")
        #expect(applied.map(\.change) == [down, up])
        #expect(applied.map(\.zellularIndex) == [1, 2])
        #expect(applied.map(\.proof) == ["event 100", "event 160"])
        #expect(try await store.rejections().count == 4)
        #expect(report.rejected.map(\.kind).sorted() == ["duplicate", "malformed", "out_of_order", "same_state"])
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
