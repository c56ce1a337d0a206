import Foundation
import GRDB
import Synchronization

/// Whether the store can write (`/health`): every write goes through `write(_:)`, which remembers
/// the last failure until a later write succeeds. A node that cannot store (a full disk, a
/// read-only directory) says so, acknowledges nothing it did not store, and recovers by itself
/// when writes work again.
extension EventStore {
    /// The last write failure, when the latest write failed (`nil` once one succeeds).
    public var writeFailure: (error: String, at: Double)? {
        health.withLock { $0 }
    }

    /// `pool.write`, remembering whether it worked. What the transaction registered with
    /// `Database.afterCommit` runs on the writer's queue once its COMMIT has succeeded (so in
    /// commit order), and never if it failed.
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            let value = try await pool.writeWithoutTransaction { db in
                let actions = CommitActions()
                var value: T?
                try CommitActions.$current.withValue(actions) {
                    try db.inTransaction {
                        value = try updates(db)
                        return .commit
                    }
                }
                actions.run()
                return value!
            }
            health.withLock { $0 = nil }
            return value
        } catch {
            let message = "\(error)"
            let now = clock.now()
            health.withLock { $0 = (message, now) }
            throw error
        }
    }
}

/// The holder of the store's write health.
final class StoreHealth: Sendable {
    let failure = Mutex<(error: String, at: Double)?>(nil)

    func withLock<R>(_ body: (inout (error: String, at: Double)?) -> R) -> R {
        failure.withLock { body(&$0) }
    }
}

/// What a write does to memory once its transaction is durable: the in-memory indexes and the
/// check buffer follow the table only through these. Not GRDB's `afterNextTransaction`: when a
/// COMMIT itself fails (SQLITE_FULL on a full disk), GRDB notifies neither commit nor rollback,
/// and the observer fires on the next transaction that commits, so a change that was never
/// stored reached the index (found by argus-chaos, disk full; `EventStoreFailureTests`).
final class CommitActions: @unchecked Sendable {
    /// The actions of the write in progress on this thread (the writer's queue), if any.
    @TaskLocal static var current: CommitActions?

    // Only touched on the writer's queue, within one write.
    private var actions: [() -> Void] = []

    func append(_ action: @escaping () -> Void) { actions.append(action) }

    func run() { for action in actions { action() } }
}

extension Database {
    /// Runs `action` once this write's transaction has committed (never if it fails). Every write
    /// of the store goes through `EventStore.write`; outside one, GRDB's hook is the fallback.
    func afterCommit(_ action: @escaping @Sendable () -> Void) {
        if let actions = CommitActions.current {
            actions.append(action)
        } else {
            afterNextTransaction(onCommit: { _ in action() })
        }
    }
}
