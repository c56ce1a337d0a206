import ArgusCore
import GRDB
import Synchronization

/// The event log in memory: every address's `Timeline`, so that downtime queries, last changes
/// and current states are answered without touching SQLite.
///
/// It is kept consistent with the `event` table by construction:
/// - it is loaded from the table when the store opens;
/// - every insert registers its changes with `committing(_:in:)`, which adds them only once the
///   transaction has committed (`Database.afterCommit`, run on the writer's queue, so commits
///   reach the index in the order SQLite made them). A failed write leaves it untouched.
///
/// A reader may see the log as it was just before a commit that is completing, never a change
/// that is not durable. The store's process is the only writer of its file (`BuildNode` opens
/// one store per data directory).
final class TimelineIndex: Sendable {
    private let timelines: Mutex<[String: Timeline]>

    /// Loads every stored change, in (address, timestamp) order through the table's unique index.
    init(_ db: Database) throws {
        var timelines: [String: Timeline] = [:]
        var current: Timeline?
        let rows = try Row.fetchCursor(db, sql: "SELECT address, state, timestamp FROM event ORDER BY address, timestamp")
        while let row = try rows.next() {
            let address: String = row["address"]
            if current?.address != address {
                if let done = current { timelines[done.address] = done }
                current = Timeline(address: address)
            }
            // The address string is shared by all of its changes (one allocation per address).
            let change = try EventStore.change(row, address: current!.address)
            do throws(Timeline.AppendError) {
                try current!.append(change)
            } catch {
                // The table's triggers enforce the same rule, so only a file edited by hand gets here.
                throw DatabaseError(message: "stored history of \(address) is out of order: \(error)")
            }
        }
        if let done = current { timelines[done.address] = done }
        self.timelines = Mutex(timelines)
    }

    /// Adds `changes` (already admitted by `Timeline.admit` and inserted in this transaction)
    /// once the transaction commits.
    func committing(_ changes: [StateChange], in db: Database) {
        guard !changes.isEmpty else { return }
        db.afterCommit { self.add(changes) }
    }

    private func add(_ changes: [StateChange]) {
        timelines.withLock { timelines in
            for change in changes {
                let address = timelines[change.address]?.address ?? change.address
                var change = change
                change.address = address
                // Admitted under the writer's lock against the same history, so this cannot fail;
                // if it ever did, the table (the truth) is unchanged and the next open reloads it.
                _ = try? timelines[address, default: Timeline(address: address)].append(change)
            }
        }
    }

    /// The timeline of `address` (empty if it has no change yet). O(1): the changes are shared,
    /// not copied.
    func timeline(_ address: String) -> Timeline {
        timelines.withLock { $0[address] } ?? Timeline(address: address)
    }

    /// The timelines of `addresses` that have at least one change.
    func timelines(_ addresses: some Sequence<String>) -> [String: Timeline] {
        timelines.withLock { all in
            var out: [String: Timeline] = [:]
            for address in addresses { if let timeline = all[address] { out[address] = timeline } }
            return out
        }
    }

    /// Every timeline.
    func all() -> [String: Timeline] {
        timelines.withLock { $0 }
    }
}
