import ArgusCore
import Foundation
import GRDB

/// Reads for a status page: every target's recent history, and the latest events of all.
extension EventStore {
    /// For each address: the state in force at `since` and the changes after it, oldest first —
    /// everything a status page needs, in one read.
    public func histories(addresses: [String], since: Int64) async throws -> [String: (stateAtStart: HealthState, changes: [StateChange])] {
        try await pool.read { db in
            var out: [String: (HealthState, [StateChange])] = [:]
            for address in addresses {
                let before = try Self.lastChange(db, address: address, atOrBefore: since)
                let after = try Row.fetchAll(db, sql: "SELECT state, timestamp FROM event WHERE address = ? AND timestamp > ? ORDER BY timestamp",
                                             arguments: [address, since]).map { try Self.change($0, address: address) }
                out[address] = (before?.state ?? .up, after)
            }
            return out
        }
    }

    /// The current state of every address that has an event (the others are up), in one query.
    public func currentStates() async throws -> [String: HealthState] {
        try await pool.read { db in
            // SQLite returns the bare columns of the row that holds the MAX().
            var out: [String: HealthState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT address, state, MAX(timestamp) AS timestamp FROM event GROUP BY address") {
                let address: String = row["address"]
                out[address] = try Self.change(row, address: address).state
            }
            return out
        }
    }

    /// The addresses with an event after `since`.
    public func addressesWithChanges(after since: Int64) async throws -> Set<String> {
        try await pool.read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT address FROM event WHERE timestamp > ?", arguments: [since])) }
    }

    /// The most recently applied events of every address, newest first.
    public func recentEvents(limit: Int = 100) async throws -> [AppliedEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT address, state, timestamp, zellular_index, proof FROM event ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map { row in
                    let address: String = row["address"]
                    return AppliedEvent(change: try Self.change(row, address: address), zellularIndex: row["zellular_index"], proof: row["proof"])
                }
        }
    }
}
