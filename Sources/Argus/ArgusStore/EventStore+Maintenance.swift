import ArgusCore
import Foundation
import GRDB

/// Maintenance windows (docs/ACCOUNTING.md): recorded alone (standalone), proposed and sent
/// through Zellular until seen finalized (cluster), or applied from the log; never deleted.
extension EventStore {
    /// A window this node proposed, waiting to be seen finalized.
    public struct PendingMaintenance: Sendable, Hashable {
        public var id: Int64
        public var window: MaintenanceWindow
        public var body: String
        public var attempts: Int
        public var lastAttemptAt: Double?
    }

    /// Records `window` as applied (a standalone node: its own announcement is the truth);
    /// `false` if it was already recorded.
    @discardableResult
    public func recordMaintenance(_ window: MaintenanceWindow, body: String) async throws -> Bool {
        let now = clock.now()
        return try await write { db in try self.recordMaintenance(window, body: body, zellularIndex: nil, at: now, db) }
    }

    /// Records an applied window in `db`'s transaction (a replicated batch, or standalone).
    func recordMaintenance(_ window: MaintenanceWindow, body: String, zellularIndex: Int?, at now: Double, _ db: Database) throws -> Bool {
        let existing = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, applied_at FROM maintenance WHERE address = ? AND from_timestamp = ? AND to_timestamp = ? AND announced = ?
            """), arguments: [window.address, window.from, window.to, window.announced])
        if let existing {
            guard (existing["applied_at"] as Double?) == nil else { return false }
            try db.execute(sql: "UPDATE maintenance SET applied_at = ?, zellular_index = ?, body = ? WHERE id = ?",
                           arguments: [now, zellularIndex, body, existing["id"] as Int64])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO maintenance (address, from_timestamp, to_timestamp, announced, reason, body, zellular_index, applied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [window.address, window.from, window.to, window.announced, window.reason, body, zellularIndex, now])
        }
        maintenanceIndex.committing(window, in: db)
        return true
    }

    /// Records a window this node proposes (before anything is sent).
    public func proposeMaintenance(_ window: MaintenanceWindow, body: String) async throws {
        let now = clock.now()
        try await write { db in
            try db.execute(sql: """
                INSERT INTO maintenance (address, from_timestamp, to_timestamp, announced, reason, body, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, arguments: [window.address, window.from, window.to, window.announced, window.reason, body, now])
        }
    }

    /// Proposed windows not yet seen finalized nor abandoned, oldest first.
    public func pendingMaintenance() async throws -> [PendingMaintenance] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM maintenance WHERE applied_at IS NULL AND abandoned IS NULL AND proposed_at IS NOT NULL ORDER BY id
                """).map { row in
                PendingMaintenance(id: row["id"], window: MaintenanceIndex.window(row), body: row["body"], attempts: row["attempts"],
                                   lastAttemptAt: row["last_attempt_at"])
            }
        }
    }

    public func recordMaintenanceAttempt(_ id: Int64) async throws {
        let now = clock.now()
        try await write { db in
            try db.execute(sql: "UPDATE maintenance SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?", arguments: [now, id])
        }
    }

    public func abandonMaintenance(_ id: Int64, reason: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE maintenance SET abandoned = ? WHERE id = ? AND applied_at IS NULL", arguments: [reason, id])
        }
    }

    /// The applied windows of `address` (every address if `nil`) that overlap `[from, to)`, by start.
    public func maintenanceWindows(address: String?, from: Int64 = .min, to: Int64 = .max) async throws -> [MaintenanceWindow] {
        let all = address.map { [$0: maintenanceIndex.windows($0)] } ?? maintenanceIndex.all()
        return all.values.joined().filter { $0.from < to && $0.to > from }.sorted { ($0.from, $0.address) < ($1.from, $1.address) }
    }
}
