import ArgusCore
import GRDB
import Synchronization

/// The applied maintenance windows, by address, in memory: loaded when the store opens and
/// extended when a write that records one commits (as `TimelineIndex` is), so every downtime read
/// excludes them without a query.
final class MaintenanceIndex: Sendable {
    private let windows: Mutex<[String: [MaintenanceWindow]]>

    init(_ db: Database) throws {
        var windows: [String: [MaintenanceWindow]] = [:]
        for window in try Self.fetch(db, sql: "SELECT * FROM maintenance WHERE applied_at IS NOT NULL ORDER BY from_timestamp") {
            windows[window.address, default: []].append(window)
        }
        self.windows = Mutex(windows)
    }

    static func fetch(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [MaintenanceWindow] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(window)
    }

    static func window(_ row: Row) -> MaintenanceWindow {
        MaintenanceWindow(address: row["address"], from: row["from_timestamp"], to: row["to_timestamp"], announced: row["announced"], reason: row["reason"])
    }

    func windows(_ address: String) -> [MaintenanceWindow] {
        windows.withLock { $0[address] ?? [] }
    }

    func all() -> [String: [MaintenanceWindow]] {
        windows.withLock { $0 }
    }

    /// Adds `window` once the transaction of `db` commits.
    func committing(_ window: MaintenanceWindow, in db: Database) {
        db.afterCommit {
            self.windows.withLock { windows in
                if windows[window.address]?.contains(window) != true { windows[window.address, default: []].append(window) }
            }
        }
    }
}
