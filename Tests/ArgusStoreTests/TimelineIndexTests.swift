import ArgusCore
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import Testing

/// The in-memory index the store answers reads from follows the `event` table exactly: through
/// every write path, through refused writes, and across a reopen.
struct TimelineIndexTests {
    static let addresses = ["0xa", "0xb", "0xc", "0xd"]

    /// Random writes through `append`, `append(contentsOf:)` and `apply`, some of them refused;
    /// after each, every read from memory equals the same read from SQLite.
    @Test func followsEveryWritePath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var rng = SeededGenerator(seed: seed)
        var store = try EventStore(directory: directory.path)
        var last: [String: StateChange] = [:]
        var batchIndex = 0
        func next(_ address: String, rng: inout SeededGenerator) -> StateChange {
            let previous = last[address]
            // Mostly valid changes; now and then one out of order (refused) or a repeat (a duplicate).
            let roll = Int.random(in: 0..<10, using: &rng)
            let state = roll == 0 ? (previous?.state ?? .up) : (previous?.state ?? .up).flipped
            let step = roll == 1 ? -Int64.random(in: 0...5, using: &rng) : Int64.random(in: 1...40, using: &rng)
            return StateChange(address: address, state: state, timestamp: max(0, (previous?.timestamp ?? 0) + step))
        }
        for round in 0..<200 {
            let address = Self.addresses.randomElement(using: &rng)!
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                let change = next(address, rng: &rng)
                if let result = try? await store.append(change), result == .appended { last[address] = change }
            case 1:
                var changes: [StateChange] = []
                var shadow = last
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let change = next(Self.addresses.randomElement(using: &rng)!, rng: &rng)
                    changes.append(change)
                    if (try? Timeline.admit(change, after: shadow[change.address])) == .appended { shadow[change.address] = change }
                }
                if (try? await store.append(contentsOf: changes)) != nil { last = shadow }
            default:
                let change = next(address, rng: &rng)
                batchIndex += 1
                let batch = ReplicatedBatch(
                    cursor: ReplicationCursor(index: batchIndex, chainingHash: "h\(batchIndex)", isSyncPoint: false, finalizedAt: 0),
                    events: [.init(position: 0, change: change, body: "{}")], rejections: [])
                if (try? await store.apply(batch, app: "app")) != nil { last[address] = change }
            }
            if round % 50 == 49 {
                // Reopening loads the same index from the file.
                store = try EventStore(directory: directory.path)
            }
            try await expectAgreement(store, last: last, rng: &rng, seed: seed)
        }
    }

    func expectAgreement(_ store: EventStore, last: [String: StateChange], rng: inout SeededGenerator, seed: UInt64) async throws {
        #expect(try await store.currentStates() == last.mapValues(\.state), "seed \(seed)")
        #expect(try await store.lastChanges(addresses: Self.addresses + ["0xnone"]) == last, "seed \(seed)")
        for address in Self.addresses {
            #expect(try await store.lastChange(address: address) == last[address], "seed \(seed)")
            let end = (last[address]?.timestamp ?? 0) + 50
            let from = Int64.random(in: -10...end, using: &rng)
            let query = try DowntimeQuery(from: from, to: Int64.random(in: from...end + 20, using: &rng),
                                          asOf: Bool.random(using: &rng) ? nil : Int64.random(in: 0...end, using: &rng))
            let memory = try await store.downtime(address: address, query: query)
            let stored = try await store.storedDowntime(address: address, query: query)
            #expect(memory == stored, "seed \(seed), \(address), \(query)")
            let history = try await store.histories(addresses: [address], since: from)[address]
            let changes = try await store.changes(address: address, after: from)
            #expect(history?.changes == changes, "seed \(seed)")
        }
    }

    /// A write that fails whole (one change out of order) leaves nothing in memory either.
    @Test func aRefusedWriteLeavesTheIndexAlone() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let down = StateChange(address: "0xa", state: .down, timestamp: 100)
        try await store.append(down)
        await #expect(throws: (any Error).self) {
            try await store.append(contentsOf: [StateChange(address: "0xb", state: .down, timestamp: 5),
                                                StateChange(address: "0xa", state: .up, timestamp: 50)])
        }
        #expect(try await store.currentStates() == ["0xa": .down])
        #expect(try await store.lastChange(address: "0xb") == nil)
        let query = try DowntimeQuery(from: 0, to: 200, asOf: nil)
        #expect(try await store.downtime(address: "0xa", query: query) == 100)
        #expect(try await store.downtime(address: "0xb", query: query) == 0)
    }
}
