import ArgusCore
import Foundation
import GRDB

/// The durable notification queue (`v6-notifications`): rows made from the event log, one per
/// event and channel, each delivered once or given up.
extension EventStore {
    /// A notification waiting for delivery, with its event.
    public struct PendingNotification: Sendable, Hashable {
        public var id: Int64
        public var channel: String
        public var eventID: Int64
        public var change: StateChange
        public var zellularIndex: Int?
        public var proof: String?
        public var createdAt: Double
        public var attempts: Int
        public var nextAttemptAt: Double
    }

    /// Makes the notifications of every event after the cursor (`channels(address)` names the
    /// channels that hear a target) and moves the cursor past them, in one transaction. Returns
    /// how many rows it made.
    @discardableResult
    public func enqueueNotifications(channels: @Sendable (String) -> [String], limit: Int = 1000) async throws -> Int {
        let now = clock.now()
        return try await write { db in
            let cursor = try Int64.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'notified_event'") ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT id, address FROM event WHERE id > ? ORDER BY id LIMIT ?", arguments: [cursor, limit])
            guard let last = rows.last?["id"] as Int64? else { return 0 }
            var made = 0
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO notification (event_id, channel, created_at, next_attempt_at) VALUES (?, ?, ?, ?)
                """)
            for row in rows {
                for channel in channels(row["address"]) {
                    try insert.execute(arguments: [row["id"] as Int64, channel, now, now])
                    made += db.changesCount
                }
            }
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('notified_event', ?)", arguments: [last])
            return made
        }
    }

    /// Every notification neither delivered nor given up, oldest first.
    public func pendingNotifications() async throws -> [PendingNotification] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.id, n.channel, n.event_id, n.created_at, n.attempts, n.next_attempt_at,
                       e.address, e.state, e.timestamp, e.zellular_index, e.proof
                FROM notification n JOIN event e ON e.id = n.event_id
                WHERE n.delivered_at IS NULL AND n.dead_at IS NULL ORDER BY n.id
                """).map { row in
                PendingNotification(id: row["id"], channel: row["channel"], eventID: row["event_id"],
                                    change: try Self.change(row, address: row["address"]), zellularIndex: row["zellular_index"], proof: row["proof"],
                                    createdAt: row["created_at"], attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"])
            }
        }
    }

    public func notificationDelivered(_ id: Int64) async throws {
        let now = clock.now()
        try await write { db in
            try db.execute(sql: "UPDATE notification SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", arguments: [now, id])
        }
    }

    /// A failed attempt: tried again at `nextAttemptAt`, or given up (`dead`).
    public func notificationFailed(_ id: Int64, error: String, nextAttemptAt: Double?) async throws {
        let now = clock.now()
        try await write { db in
            if let nextAttemptAt {
                try db.execute(sql: "UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                               arguments: [error, nextAttemptAt, id])
            } else {
                try db.execute(sql: "UPDATE notification SET attempts = attempts + 1, last_error = ?, dead_at = ? WHERE id = ?",
                               arguments: [error, now, id])
            }
        }
    }

    /// Counts by channel: (pending, delivered, given up).
    public func notificationCounts() async throws -> [String: (pending: Int, delivered: Int, dead: Int)] {
        try await pool.read { db in
            var counts: [String: (Int, Int, Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT channel, SUM(delivered_at IS NULL AND dead_at IS NULL) AS pending, SUM(delivered_at IS NOT NULL) AS delivered,
                       SUM(dead_at IS NOT NULL) AS dead FROM notification GROUP BY channel
                """) {
                counts[row["channel"]] = (row["pending"], row["delivered"], row["dead"])
            }
            return counts
        }
    }
}
