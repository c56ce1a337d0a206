import ArgusCore
import Foundation
import GRDB

/// Reads for a status page: every target's recent history, and the latest events of all.
extension EventStore {
    /// For each address: the state in force at `since` and the changes after it, oldest first —
    /// everything a status page needs, from memory.
    public func histories(addresses: [String], since: Int64) async throws -> [String: (stateAtStart: HealthState, changes: [StateChange])] {
        let timelines = index.timelines(addresses)
        var out: [String: (HealthState, [StateChange])] = [:]
        for address in addresses {
            let timeline = timelines[address] ?? Timeline(address: address)
            out[address] = (timeline.state(at: since), Array(timeline.changes(after: since)))
        }
        return out
    }

    /// The current state of every address that has an event (the others are up).
    public func currentStates() async throws -> [String: HealthState] {
        index.all().mapValues(\.state)
    }

    /// Every address the store has history of: an event, or a recorded check.
    public func knownAddresses() async throws -> Set<String> {
        var known = Set(index.all().keys)
        known.formUnion(try await pool.read { db in try String.fetchAll(db, sql: "SELECT address FROM target") })
        return known
    }

    /// The addresses with an event after `since`.
    public func addressesWithChanges(after since: Int64) async throws -> Set<String> {
        Set(index.all().values.lazy.filter { $0.since > since }.map(\.address))
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
