import Foundation
import GRDB
import Zellular
import ZellularHash

/// The embedded sequencer's durable state: every accepted batch with its index and chaining hash,
/// and every finalized sync point with its signature, in one SQLite file (WAL, `synchronous = FULL`).
/// Nothing is served as finalized before it is committed here.
public final class SequencerStore: Sendable {
    private let pool: DatabasePool
    public let path: String

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        configuration.busyMode = .timeout(5)
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE batch (
                    app TEXT NOT NULL, idx INTEGER NOT NULL, body TEXT NOT NULL, chaining_hash TEXT NOT NULL,
                    PRIMARY KEY (app, idx)
                );
                CREATE TABLE sync_point (
                    app TEXT NOT NULL, idx INTEGER NOT NULL, parent_index INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL, signature TEXT NOT NULL, tag INTEGER NOT NULL,
                    PRIMARY KEY (app, idx)
                );
                """)
        }
        try migrator.migrate(pool)
    }

    /// Appends `body` to `app`'s sequence; returns its index.
    @discardableResult
    public func append(app: String, body: String) async throws -> Int {
        try await pool.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT idx, chaining_hash FROM batch WHERE app = ? ORDER BY idx DESC LIMIT 1", arguments: [app])
            let index = (last?["idx"] as Int? ?? 0) + 1
            let chain = ChainingHash.next(previous: last?["chaining_hash"] ?? "", body: body)
            try db.execute(sql: "INSERT INTO batch (app, idx, body, chaining_hash) VALUES (?, ?, ?, ?)", arguments: [app, index, body, chain])
            return index
        }
    }

    public struct Progress: Sendable, Hashable {
        public var lastIndex: Int
        public var lastChainingHash: String
        public var lastFinalized: Int
        public var lastFinalizedTimestamp: Int
    }

    public func progress(app: String) async throws -> Progress {
        try await pool.read { db in
            let last = try Row.fetchOne(db, sql: "SELECT idx, chaining_hash FROM batch WHERE app = ? ORDER BY idx DESC LIMIT 1", arguments: [app])
            let point = try Row.fetchOne(db, sql: "SELECT idx, timestamp FROM sync_point WHERE app = ? ORDER BY idx DESC LIMIT 1", arguments: [app])
            return Progress(lastIndex: last?["idx"] ?? 0, lastChainingHash: last?["chaining_hash"] ?? "",
                            lastFinalized: point?["idx"] ?? 0, lastFinalizedTimestamp: point?["timestamp"] ?? 0)
        }
    }

    /// Records a finalized sync point (it must extend the previous one).
    public func finalize(app: String, _ signature: FinalitySignature) async throws {
        try await pool.write { db in
            let previous = try Int.fetchOne(db, sql: "SELECT MAX(idx) FROM sync_point WHERE app = ?", arguments: [app]) ?? 0
            guard signature.parentIndex == previous, signature.index > previous else {
                throw DatabaseError(message: "sync point \(signature.index) does not extend \(previous)")
            }
            try db.execute(sql: "INSERT INTO sync_point (app, idx, parent_index, timestamp, signature, tag) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [app, signature.index, signature.parentIndex, signature.timestamp, signature.signature, signature.tag])
        }
    }

    /// Finalized batches after `after`, whole batches up to `byteBudget` of bodies (at least one),
    /// with the sync points inside the returned range; `nil` when nothing is finalized past `after`.
    public func finalized(app: String, after: Int, byteBudget: Int) async throws -> FinalizedBatches? {
        try await pool.read { db in
            guard let lastFinal = try Int.fetchOne(db, sql: "SELECT MAX(idx) FROM sync_point WHERE app = ?", arguments: [app]),
                  lastFinal > after else { return nil }
            var bodies: [String] = []
            var firstChain = ""
            var used = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT idx, body, chaining_hash FROM batch WHERE app = ? AND idx > ? AND idx <= ? ORDER BY idx",
                                           arguments: [app, after, lastFinal])
            while let row = try rows.next() {
                let body: String = row["body"]
                if !bodies.isEmpty, used + body.utf8.count > byteBudget { break }
                if bodies.isEmpty { firstChain = row["chaining_hash"] }
                bodies.append(body)
                used += body.utf8.count
            }
            let end = after + bodies.count
            let points = try Row.fetchAll(db, sql: """
                SELECT p.idx, p.parent_index, p.timestamp, p.signature, p.tag, b.chaining_hash FROM sync_point p
                JOIN batch b ON b.app = p.app AND b.idx = p.idx WHERE p.app = ? AND p.idx > ? AND p.idx <= ? ORDER BY p.idx
                """, arguments: [app, after, end])
            return FinalizedBatches(batches: bodies, firstChainingHash: firstChain, finalizedSignatures: points.map(Self.signature))
        }
    }

    /// The last finalized sync point with its batch.
    public func lastFinalized(app: String) async throws -> (body: String, signature: FinalitySignature)? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT p.idx, p.parent_index, p.timestamp, p.signature, p.tag, b.chaining_hash, b.body FROM sync_point p
                JOIN batch b ON b.app = p.app AND b.idx = p.idx WHERE p.app = ? ORDER BY p.idx DESC LIMIT 1
                """, arguments: [app]) else { return nil }
            return (row["body"], Self.signature(row))
        }
    }

    private static func signature(_ row: Row) -> FinalitySignature {
        FinalitySignature(signature: row["signature"], chainingHash: row["chaining_hash"], nonsigners: [], index: row["idx"],
                          parentIndex: row["parent_index"], tag: row["tag"], timestamp: row["timestamp"])
    }
}
