import ArgusCore
import Foundation
import GRDB

/// The node's durable memory: the append-only event log of every address and the latest status of
/// every target, in one SQLite file.
///
/// - WAL journal with `synchronous = FULL`: a call that returned has been fsynced, so neither a
///   `kill -9` nor a power cut loses it, and the file always reopens cleanly.
/// - Events are append-only (triggers refuse UPDATE and DELETE) and, per address, strictly
///   increasing in time with alternating states — the same rule as `Timeline`, enforced both here
///   and by triggers, so no code path can store a history the accounting would misread.
/// - Reads of the log (downtime, last changes, current states) are served from memory by a
///   `TimelineIndex` that follows every commit: a downtime query is a binary search, O(log n + k).
public final class EventStore: Sendable {
    public static let fileName = "argus.sqlite"

    let pool: DatabasePool
    public let path: String
    /// The one clock of the node: `recorded_at`, outbox and rejection times.
    let clock: any WallClock
    /// How many refusals are kept (`/rejections`): older ones are pruned as new ones come.
    public let rejectionCap: Int
    /// The event log in memory, for reads (`TimelineIndex`).
    let index: TimelineIndex
    /// Check results waiting for the next `flushChecks()`.
    let checkBuffer = CheckBuffer()
    /// Applied maintenance windows in memory, for every downtime read.
    let maintenanceIndex: MaintenanceIndex
    /// Whether the latest write failed (`writeFailure`).
    let health = StoreHealth()

    public enum StoreError: Error, CustomStringConvertible {
        case rejected(StateChange, Timeline.AppendError)

        public var description: String {
            switch self {
            case let .rejected(change, reason): "refused \(change.state)@\(change.timestamp) for \(change.address): \(reason)"
            }
        }
    }

    /// Opens (creating if needed) the store in `directory`.
    public convenience init(directory: String, clock: any WallClock = SystemClock(), rejectionCap: Int = 10_000) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try self.init(path: (directory as NSString).appendingPathComponent(Self.fileName), clock: clock, rejectionCap: rejectionCap)
    }

    public init(path: String, clock: any WallClock = SystemClock(), rejectionCap: Int = 10_000) throws {
        self.clock = clock
        self.rejectionCap = rejectionCap
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(5)
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        self.index = try pool.read { db in try TimelineIndex(db) }
        self.maintenanceIndex = try pool.read { db in try MaintenanceIndex(db) }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    address TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('up', 'down')),
                    timestamp INTEGER NOT NULL CHECK (timestamp >= 0),
                    recorded_at REAL NOT NULL,
                    UNIQUE (address, timestamp)
                );
                CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                CREATE TRIGGER event_in_order BEFORE INSERT ON event
                WHEN NEW.timestamp <= (SELECT MAX(timestamp) FROM event WHERE address = NEW.address)
                BEGIN SELECT RAISE(ABORT, 'event timestamps must increase'); END;
                CREATE TRIGGER event_alternates BEFORE INSERT ON event
                WHEN NEW.state = COALESCE(
                    (SELECT state FROM event WHERE address = NEW.address ORDER BY timestamp DESC LIMIT 1), 'up')
                BEGIN SELECT RAISE(ABORT, 'event repeats the current state'); END;
                CREATE TABLE target (
                    address TEXT PRIMARY KEY,
                    checks INTEGER NOT NULL DEFAULT 0,
                    last_check_at REAL,
                    last_healthy INTEGER,
                    last_latency REAL,
                    last_error TEXT
                );
                """)
        }
        migrator.registerMigration("v2-replication") { db in
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN zellular_index INTEGER;
                ALTER TABLE event ADD COLUMN proof TEXT;
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    address TEXT NOT NULL,
                    state TEXT NOT NULL,
                    timestamp INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_attempt_at REAL,
                    done_at REAL,
                    outcome TEXT
                );
                CREATE INDEX outbox_pending ON outbox (done_at, address);
                CREATE TABLE cursor (
                    app TEXT PRIMARY KEY,
                    zellular_index INTEGER NOT NULL,
                    chaining_hash TEXT NOT NULL,
                    is_sync_point INTEGER NOT NULL,
                    finalized_at INTEGER NOT NULL
                );
                CREATE TABLE rejection (
                    id INTEGER PRIMARY KEY,
                    zellular_index INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    body TEXT NOT NULL,
                    recorded_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-settlement") { db in
            try db.execute(sql: """
                CREATE TABLE epoch (
                    epoch INTEGER PRIMARY KEY,
                    from_timestamp INTEGER NOT NULL,
                    to_timestamp INTEGER NOT NULL,
                    statement TEXT NOT NULL,
                    root TEXT NOT NULL,
                    leaf_count INTEGER NOT NULL,
                    leaves TEXT NOT NULL,
                    signature TEXT NOT NULL,
                    as_of_index INTEGER NOT NULL,
                    computed_at REAL NOT NULL,
                    report TEXT,
                    settled_at REAL
                );
                CREATE TRIGGER epoch_no_delete BEFORE DELETE ON epoch
                BEGIN SELECT RAISE(ABORT, 'epochs are never deleted'); END;
                CREATE TRIGGER epoch_computed_final BEFORE UPDATE OF epoch, from_timestamp, to_timestamp, statement, root, leaf_count,
                    leaves, signature, as_of_index, computed_at ON epoch
                BEGIN SELECT RAISE(ABORT, 'a computed epoch never changes'); END;
                CREATE TRIGGER epoch_report_final BEFORE UPDATE OF report, settled_at ON epoch WHEN OLD.report IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a settled epoch report never changes'); END;
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-degraded") { db in
            // EigenLayer's "partially healthy": up, but not fully.
            try db.execute(sql: "ALTER TABLE target ADD COLUMN last_degraded INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v5-maintenance") { db in
            // Maintenance windows: proposed by this node (applied_at NULL until seen finalized,
            // `abandoned` if it never was) or applied (from the log, or recorded alone when
            // standalone). Only applied ones exclude downtime; none is ever deleted.
            try db.execute(sql: """
                CREATE TABLE maintenance (
                    id INTEGER PRIMARY KEY,
                    address TEXT NOT NULL,
                    from_timestamp INTEGER NOT NULL,
                    to_timestamp INTEGER NOT NULL,
                    announced INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    body TEXT NOT NULL,
                    zellular_index INTEGER,
                    applied_at REAL,
                    proposed_at REAL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_attempt_at REAL,
                    abandoned TEXT,
                    CHECK (to_timestamp > from_timestamp),
                    UNIQUE (address, from_timestamp, to_timestamp, announced)
                );
                CREATE INDEX maintenance_address ON maintenance (address, applied_at);
                CREATE TRIGGER maintenance_no_delete BEFORE DELETE ON maintenance
                BEGIN SELECT RAISE(ABORT, 'maintenance windows are never deleted'); END;
                """)
        }
        migrator.registerMigration("v6-notifications") { db in
            // The notification queue, derived from the event log: every event after the cursor
            // ('notified_event') gets a row per channel that hears its target; rows are delivered,
            // retried or given up, never lost across restarts. An existing node starts from its
            // latest event (no notifications for its past).
            try db.execute(sql: """
                CREATE TABLE notification (
                    id INTEGER PRIMARY KEY,
                    event_id INTEGER NOT NULL REFERENCES event (id),
                    channel TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL,
                    delivered_at REAL,
                    dead_at REAL,
                    last_error TEXT,
                    UNIQUE (event_id, channel)
                );
                CREATE INDEX notification_pending ON notification (delivered_at, dead_at, channel, id);
                INSERT OR REPLACE INTO setting (key, value) SELECT 'notified_event', COALESCE(MAX(id), 0) FROM event;
                """)
        }
        return migrator
    }

    // MARK: Events

    /// Appends `change` if it is a real transition after the last one; a repeat of the current
    /// state is reported as `.duplicate` and not stored; anything out of order throws.
    @discardableResult
    public func append(_ change: StateChange) async throws -> Timeline.AppendResult {
        try await write { db in
            let last = try Self.lastChange(db, address: change.address)
            let result: Timeline.AppendResult
            do throws(Timeline.AppendError) {
                result = try Timeline.admit(change, after: last)
            } catch {
                throw StoreError.rejected(change, error)
            }
            guard result == .appended else { return result }
            try db.execute(
                sql: "INSERT INTO event (address, state, timestamp, recorded_at) VALUES (?, ?, ?, ?)",
                arguments: [change.address, change.state.rawValue, change.timestamp, clock.now()])
            index.committing([change], in: db)
            return result
        }
    }

    /// Appends many changes in one transaction (one fsync): all of them, or none if any is out of
    /// order. Duplicates are skipped. Returns how many were stored.
    @discardableResult
    public func append(contentsOf changes: [StateChange]) async throws -> Int {
        try await write { db in
            var last: [String: StateChange?] = [:]
            var stored: [StateChange] = []
            let now = clock.now()
            let statement = try db.makeStatement(sql: "INSERT INTO event (address, state, timestamp, recorded_at) VALUES (?, ?, ?, ?)")
            for change in changes {
                let previous = try last[change.address] ?? Self.lastChange(db, address: change.address)
                do throws(Timeline.AppendError) {
                    guard try Timeline.admit(change, after: previous) == .appended else { continue }
                } catch {
                    throw StoreError.rejected(change, error)
                }
                try statement.execute(arguments: [change.address, change.state.rawValue, change.timestamp, now])
                last[change.address] = change
                stored.append(change)
            }
            index.committing(stored, in: db)
            return stored.count
        }
    }

    /// The last change of `address`, if any.
    public func lastChange(address: String) async throws -> StateChange? {
        index.timeline(address).changes.last
    }

    /// Changes of `address` with `timestamp > after`, oldest first.
    public func changes(address: String, after: Int64 = -1, limit: Int = 1000) async throws -> [StateChange] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT state, timestamp FROM event WHERE address = ? AND timestamp > ?
                ORDER BY timestamp LIMIT ?
                """, arguments: [address, after, limit]
            ).map { try Self.change($0, address: address) }
        }
    }

    /// Downtime of `address` for `query`, from memory: a binary search for the state at `from`,
    /// then the changes inside the window.
    public func downtime(address: String, query: DowntimeQuery) async throws -> Int64 {
        index.timeline(address).downtime(for: query, excluding: maintenanceIndex.windows(address))
    }

    /// The same answer read from SQLite: one indexed lookup for the state at `from`, one range
    /// scan for the changes inside the window (what the index is checked against).
    public func storedDowntime(address: String, query: DowntimeQuery) async throws -> Int64 {
        try await pool.read { db in
            let before = try Self.lastChange(db, address: address, atOrBefore: query.from)
            let inside = try Row.fetchAll(db, sql: """
                SELECT state, timestamp FROM event WHERE address = ? AND timestamp > ? AND timestamp < ?
                ORDER BY timestamp
                """, arguments: [address, query.from, query.effectiveEnd]
            ).map { try Self.change($0, address: address) }
            let windows = try MaintenanceIndex.fetch(db, sql: "SELECT * FROM maintenance WHERE applied_at IS NOT NULL AND address = ?", arguments: [address])
            return DowntimeCalculator.downtime(for: query, stateAtStart: before?.state ?? .up, changes: inside, excluding: windows)
        }
    }

    /// Number of stored changes, all addresses together.
    public func eventCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }

    // MARK: Target status

    /// Records a completed check of `address` in memory; `flushChecks()` writes it. Reads
    /// (`status`) see it at once.
    public func recordCheck(address: String, outcome: ProbeOutcome) {
        checkBuffer.record(address: address, outcome: outcome)
    }

    /// Writes every check recorded since the last flush in one transaction (one fsync). On
    /// failure nothing is lost: the results go back into the buffer for the next flush.
    public func flushChecks() async throws {
        guard let (flush, taken) = checkBuffer.take() else { return }
        do {
            try await write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO target (address, checks, last_check_at, last_healthy, last_latency, last_error, last_degraded)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (address) DO UPDATE SET
                        checks = checks + excluded.checks, last_check_at = excluded.last_check_at,
                        last_healthy = excluded.last_healthy, last_latency = excluded.last_latency,
                        last_error = excluded.last_error, last_degraded = excluded.last_degraded
                    """)
                for (address, entry) in taken {
                    let last = entry.last
                    try statement.execute(arguments: [address, entry.checks, last.startedAt, last.healthy, last.latency, last.failureReason,
                                                      last.degraded])
                }
                // Visible in the table from the commit on: no longer counted from memory.
                db.afterCommit { self.checkBuffer.done(flush) }
            }
        } catch {
            checkBuffer.restore(flush)
            throw error
        }
    }

    /// The status of `address`: its confirmed state from the event log and its latest check.
    public func status(address: String) async throws -> TargetStatus {
        try await pool.read { db in try self.status(db, address: address) }
    }

    /// The statuses of many addresses in one read.
    public func statuses(addresses: [String]) async throws -> [String: TargetStatus] {
        try await pool.read { db in
            var out: [String: TargetStatus] = [:]
            for address in addresses { out[address] = try self.status(db, address: address) }
            return out
        }
    }

    func status(_ db: Database, address: String) throws -> TargetStatus {
        let last = index.timeline(address).changes.last
        var status = TargetStatus(address: address, state: last?.state ?? .up, since: last?.timestamp ?? 0)
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM target WHERE address = ?", arguments: [address]) {
            status.checks = row["checks"]
            if let startedAt: Double = row["last_check_at"] {
                status.lastCheck = ProbeOutcome(
                    startedAt: startedAt, healthy: row["last_healthy"], latency: row["last_latency"] ?? 0,
                    failureReason: row["last_error"], degraded: row["last_degraded"])
            }
        }
        // Checks not yet written count too (a read may race a flush's commit by a moment).
        if let unwritten = checkBuffer.unwritten(address) {
            status.checks += unwritten.checks
            if unwritten.last.startedAt >= status.lastCheck?.startedAt ?? -.infinity { status.lastCheck = unwritten.last }
        }
        return status
    }

    /// The addresses whose latest check found them degraded (up, but not fully).
    public func degradedAddresses() async throws -> Set<String> {
        var degraded = Set(try await pool.read { db in try String.fetchAll(db, sql: "SELECT address FROM target WHERE last_degraded = 1") })
        for (address, entry) in checkBuffer.unwrittenAll() {
            if entry.last.degraded { degraded.insert(address) } else { degraded.remove(address) }
        }
        return degraded
    }

    /// Runs SQLite's own consistency check; returns its findings (`["ok"]` when sound).
    public func integrityCheck() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: Rows

    /// The change in force at `time`: the last one at or before it.
    static func lastChange(_ db: Database, address: String, atOrBefore time: Int64) throws -> StateChange? {
        try Row.fetchOne(db, sql: """
            SELECT state, timestamp FROM event WHERE address = ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT 1
            """, arguments: [address, time]
        ).map { try change($0, address: address) }
    }

    static func lastChange(_ db: Database, address: String) throws -> StateChange? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT state, timestamp FROM event WHERE address = ? ORDER BY timestamp DESC LIMIT 1
            """), arguments: [address]
        ).map { try change($0, address: address) }
    }

    static func change(_ row: Row, address: String) throws -> StateChange {
        let raw: String = row["state"]
        guard let state = HealthState(rawValue: raw) else {
            throw DatabaseError(message: "unknown state \(raw) stored for \(address)")
        }
        return StateChange(address: address, state: state, timestamp: row["timestamp"])
    }
}
