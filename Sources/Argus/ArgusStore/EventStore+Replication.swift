import ArgusCore
import Foundation
import GRDB

/// The replicated modes: applied events with their Zellular position and proof, the replica's
/// cursor, the outbox of proposals, and the log of refused events.
extension EventStore {

    /// The cursor of `app`, `.start` before the first batch.
    public func cursor(app: String) async throws -> ReplicationCursor {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cursor WHERE app = ?", arguments: [app]) else { return .start }
            return ReplicationCursor(index: row["zellular_index"], chainingHash: row["chaining_hash"],
                                     isSyncPoint: row["is_sync_point"], finalizedAt: row["finalized_at"])
        }
    }

    /// The last applied change of each of `addresses` (absent: none yet), the history a replica
    /// judges a batch's events against.
    public func lastChanges(addresses: some Sequence<String>) async throws -> [String: StateChange] {
        index.timelines(Set(addresses)).compactMapValues { $0.changes.last }
    }

    /// Writes one finalized batch as admission judged it — its events, its refusals — and moves
    /// the cursor, in one transaction: after a crash the batch is either wholly applied (and the
    /// cursor past it) or not at all. A batch at or before the cursor is ignored, so re-reading
    /// after a restart applies nothing twice. The event triggers still refuse any history the
    /// accounting would misread, whatever the caller decided.
    public func apply(_ batch: ReplicatedBatch, app: String) async throws -> ApplyReport {
        try await apply([batch], app: app)[0]
    }

    /// Writes consecutive batches as `apply(_:app:)` does, all in one transaction (one fsync):
    /// a replica catching up applies a whole page of the log at once. One report per batch.
    public func apply(_ batches: [ReplicatedBatch], app: String) async throws -> [ApplyReport] {
        try await write { db in try batches.map { try self.apply($0, app: app, db) } }
    }

    private func apply(_ batch: ReplicatedBatch, app: String, _ db: Database) throws -> ApplyReport {
        var report = ApplyReport()
        // Cached statements: a page applies many batches in one transaction.
        let current = try Int.fetchOne(db.cachedStatement(sql: "SELECT zellular_index FROM cursor WHERE app = ?"), arguments: [app]) ?? 0
        guard batch.cursor.index > current else {
            report.alreadyApplied = true
            return report
        }
        let now = self.clock.now()
        var touched: Set<String> = []
        for event in batch.events {
            try db.cachedStatement(sql: """
                INSERT INTO event (address, state, timestamp, recorded_at, zellular_index, proof) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [event.change.address, event.change.state.rawValue, event.change.timestamp, now,
                                         batch.cursor.index, event.body])
            report.applied.append(event.change)
            touched.insert(event.change.address)
        }
        self.index.committing(report.applied, in: db)
        for entry in batch.maintenance {
            if try self.recordMaintenance(entry.window, body: entry.body, zellularIndex: batch.cursor.index, at: now, db) {
                report.maintenance.append(entry.window)
            }
        }
        for rejection in batch.rejections {
            try db.execute(sql: "INSERT INTO rejection (zellular_index, position, reason, body, recorded_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [batch.cursor.index, rejection.position, rejection.reason, rejection.body, now])
        }
        report.rejected = batch.rejections
        if !batch.rejections.isEmpty {
            // A bounded log: the newest `rejectionCap` refusals are kept.
            try db.execute(sql: "DELETE FROM rejection WHERE id <= (SELECT MAX(id) FROM rejection) - ?", arguments: [self.rejectionCap])
        }
        // Proposals the log has overtaken are done: the address is in that state now, or has
        // an event at or after the proposal's time (the rule `Proposer.applied` keeps in memory).
        for address in touched {
            guard let last = try Self.lastChange(db, address: address) else { continue }
            try db.cachedStatement(sql: """
                UPDATE outbox SET done_at = ?, outcome = CASE WHEN state = ? AND timestamp = ? THEN 'applied' ELSE 'superseded' END
                WHERE done_at IS NULL AND address = ? AND (state = ? OR timestamp <= ?)
                """).execute(arguments: [now, last.state.rawValue, last.timestamp, address, last.state.rawValue, last.timestamp])
        }
        try db.cachedStatement(sql: """
            INSERT INTO cursor (app, zellular_index, chaining_hash, is_sync_point, finalized_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (app) DO UPDATE SET zellular_index = excluded.zellular_index, chaining_hash = excluded.chaining_hash,
                is_sync_point = excluded.is_sync_point, finalized_at = excluded.finalized_at
            """).execute(arguments: [app, batch.cursor.index, batch.cursor.chainingHash, batch.cursor.isSyncPoint, batch.cursor.finalizedAt])
        return report
    }

    /// Records a proposal to send (durably, before anything is sent).
    @discardableResult
    public func enqueue(_ change: StateChange, body: String) async throws -> Int64 {
        try await write { db in
            try db.execute(sql: "INSERT INTO outbox (address, state, timestamp, body, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [change.address, change.state.rawValue, change.timestamp, body, self.clock.now()])
            return db.lastInsertedRowID
        }
    }

    /// Proposals not yet seen finalized, oldest first.
    public func pendingOutbox() async throws -> [OutboxEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE done_at IS NULL ORDER BY id").map { row in
                let address: String = row["address"]
                return OutboxEntry(id: row["id"], change: try Self.change(row, address: address), body: row["body"],
                                   attempts: row["attempts"], lastAttemptAt: row["last_attempt_at"])
            }
        }
    }

    /// Notes one send of an outbox entry.
    public func recordAttempt(outbox id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?",
                           arguments: [self.clock.now(), id])
        }
    }

    /// Gives up on an outbox entry (it can no longer be applied), with the reason.
    public func abandon(outbox id: Int64, reason: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL",
                           arguments: [self.clock.now(), reason, id])
        }
    }

    /// Events of `address` after `after` with their Zellular index and proof (replicated modes),
    /// oldest first.
    public func appliedEvents(address: String, after: Int64 = -1, limit: Int = 1000) async throws -> [AppliedEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT state, timestamp, zellular_index, proof FROM event WHERE address = ? AND timestamp > ? ORDER BY timestamp LIMIT ?
                """, arguments: [address, after, limit]
            ).map { AppliedEvent(change: try Self.change($0, address: address), zellularIndex: $0["zellular_index"], proof: $0["proof"]) }
        }
    }

    /// Refused events, newest first.
    public func rejections(limit: Int = 100) async throws -> [(zellularIndex: Int, reason: String, body: String)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT zellular_index, reason, body FROM rejection ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map { ($0["zellular_index"], $0["reason"], $0["body"]) }
        }
    }
}
