import ArgusCore
import Foundation
import GRDB

/// One settlement epoch as this node stored it: what it computed and signed (written once, never
/// changed), and the cluster's aggregated report once there is one (written once, then served
/// unchanged forever; triggers refuse any other update or a delete).
public struct StoredEpoch: Sendable, Hashable {
    public var epoch: UInt64
    public var from: UInt64
    public var to: UInt64
    /// `0x` hex of the statement and root this node computed.
    public var statement: String
    public var root: String
    public var leafCount: Int
    /// The computed leaves, as the driver wrote them (JSON).
    public var leaves: String
    /// This node's signature over `statement` (hex).
    public var signature: String
    /// The Zellular index of the last batch applied when it was computed.
    public var asOfIndex: Int
    public var computedAt: Double
    /// The report JSON, once aggregated.
    public var report: String?

    public init(epoch: UInt64, from: UInt64, to: UInt64, statement: String, root: String, leafCount: Int, leaves: String,
                signature: String, asOfIndex: Int, computedAt: Double, report: String? = nil) {
        self.epoch = epoch
        self.from = from
        self.to = to
        self.statement = statement
        self.root = root
        self.leafCount = leafCount
        self.leaves = leaves
        self.signature = signature
        self.asOfIndex = asOfIndex
        self.computedAt = computedAt
        self.report = report
    }
}

extension EventStore {
    /// Downtime of each of `addresses` for `query`, read in one transaction (a consistent view of
    /// the log): per address one indexed lookup for the state at `from` and one range scan.
    public func downtimes(addresses: [String], query: DowntimeQuery) async throws -> [String: Int64] {
        try await pool.read { db in
            let before = try db.cachedStatement(sql: """
                SELECT state, timestamp FROM event WHERE address = ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT 1
                """)
            let inside = try db.cachedStatement(sql: """
                SELECT state, timestamp FROM event WHERE address = ? AND timestamp > ? AND timestamp < ? ORDER BY timestamp
                """)
            // Maintenance windows announced in advance are not downtime (read in the same view).
            let windows = Dictionary(grouping: try MaintenanceIndex.fetch(db, sql: """
                SELECT * FROM maintenance WHERE applied_at IS NOT NULL AND from_timestamp < ? AND to_timestamp > ?
                """, arguments: [query.effectiveEnd, query.from]), by: \.address)
            var totals: [String: Int64] = [:]
            totals.reserveCapacity(addresses.count)
            for address in addresses {
                let start = try Row.fetchOne(before, arguments: [address, query.from]).map { try Self.change($0, address: address) }
                let changes = try Row.fetchAll(inside, arguments: [address, query.from, query.effectiveEnd]).map { try Self.change($0, address: address) }
                totals[address] = DowntimeCalculator.downtime(for: query, stateAtStart: start?.state ?? .up, changes: changes,
                                                              excluding: windows[address] ?? [])
            }
            return totals
        }
    }

    /// The first epoch this node settles: the stored one, else `proposed` (stored now), so it
    /// stays the same across restarts.
    public func settlementStart(proposed: UInt64) async throws -> UInt64 {
        try await write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO setting (key, value) VALUES ('first_epoch', ?)", arguments: [Int64(proposed)])
            return UInt64(try Int64.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'first_epoch'") ?? Int64(proposed))
        }
    }

    public func epoch(_ epoch: UInt64) async throws -> StoredEpoch? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM epoch WHERE epoch = ?", arguments: [Int64(epoch)]).map(Self.storedEpoch)
        }
    }

    /// Stores what this node computed for an epoch, unless it already has: returns the stored
    /// record, so a node never signs two statements for one epoch.
    public func saveComputed(_ computed: StoredEpoch) async throws -> StoredEpoch {
        try await write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO epoch (epoch, from_timestamp, to_timestamp, statement, root, leaf_count, leaves, signature, as_of_index, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Int64(computed.epoch), Int64(computed.from), Int64(computed.to), computed.statement, computed.root,
                                 computed.leafCount, computed.leaves, computed.signature, computed.asOfIndex, computed.computedAt])
            return try Self.storedEpoch(try Row.fetchOne(db, sql: "SELECT * FROM epoch WHERE epoch = ?", arguments: [Int64(computed.epoch)])!)
        }
    }

    /// Stores an epoch's aggregated report unless one is already stored; returns the stored one.
    public func saveReport(epoch: UInt64, report: String) async throws -> String? {
        try await write { db in
            try db.execute(sql: "UPDATE epoch SET report = ?, settled_at = ? WHERE epoch = ? AND report IS NULL",
                           arguments: [report, self.clock.now(), Int64(epoch)])
            return try String.fetchOne(db, sql: "SELECT report FROM epoch WHERE epoch = ?", arguments: [Int64(epoch)])
        }
    }

    /// Stored epochs in `[from, through]`: number → root and whether a report is stored.
    public func epochSummaries(from: UInt64, through: UInt64) async throws -> [UInt64: (root: String, settled: Bool)] {
        try await pool.read { db in
            var summaries: [UInt64: (root: String, settled: Bool)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT epoch, root, report IS NOT NULL AS settled FROM epoch WHERE epoch >= ? AND epoch <= ?
                """, arguments: [Int64(from), Int64(min(through, UInt64(Int64.max)))]) {
                summaries[UInt64(row["epoch"] as Int64)] = (row["root"], row["settled"])
            }
            return summaries
        }
    }

    /// Records why an epoch could not be settled (once per distinct reason), in `/rejections`.
    public func recordEpochRefusal(epoch: UInt64, asOfIndex: Int, reason: String, body: String) async throws {
        try await write { db in
            let text = "epoch \(epoch): \(reason)"
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rejection WHERE reason = ?)", arguments: [text]) == false else { return }
            try db.execute(sql: "INSERT INTO rejection (zellular_index, position, reason, body, recorded_at) VALUES (?, -1, ?, ?, ?)",
                           arguments: [asOfIndex, text, body, self.clock.now()])
            try db.execute(sql: "DELETE FROM rejection WHERE id <= (SELECT MAX(id) FROM rejection) - ?", arguments: [self.rejectionCap])
        }
    }

    static func storedEpoch(_ row: Row) throws -> StoredEpoch {
        StoredEpoch(epoch: UInt64(row["epoch"] as Int64), from: UInt64(row["from_timestamp"] as Int64), to: UInt64(row["to_timestamp"] as Int64),
                    statement: row["statement"], root: row["root"], leafCount: row["leaf_count"], leaves: row["leaves"],
                    signature: row["signature"], asOfIndex: row["as_of_index"], computedAt: row["computed_at"], report: row["report"])
    }
}
