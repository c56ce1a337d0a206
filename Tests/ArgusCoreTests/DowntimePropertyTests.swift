import ArgusCore
import ArgusTestSupport
import Testing

/// The accounting against a brute-force model that walks every second of the window.
struct DowntimePropertyTests {
    static func bruteForce(_ changes: [StateChange], from: Int64, end: Int64) -> Int64 {
        var total: Int64 = 0
        var second = from
        while second < end {
            let state = changes.last { $0.timestamp <= second }?.state ?? .up
            if state == .down { total += 1 }
            second += 1
        }
        return total
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 20_261_125])
    func matchesBruteForce(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for round in 0..<200 {
            var timeline = Timeline(address: "a")
            var time: Int64 = Int64.random(in: 0...5, using: &rng)
            var state = HealthState.up
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                time += Int64.random(in: 1...20, using: &rng)
                state = state.flipped
                try timeline.append(StateChange(address: "a", state: state, timestamp: time))
            }
            let from = Int64.random(in: -10...(time + 10), using: &rng)
            let to = Int64.random(in: from...(time + 30), using: &rng)
            let asOf: Int64? = Bool.random(using: &rng) ? Int64.random(in: -5...(time + 40), using: &rng) : nil
            let query = try DowntimeQuery(from: from, to: to, asOf: asOf)
            let expected = Self.bruteForce(timeline.changes, from: from, end: query.effectiveEnd)
            let actual = timeline.downtime(for: query)
            #expect(actual == expected, "seed \(seed) round \(round): \(timeline.changes) window [\(from), \(to)) asOf \(String(describing: asOf))")
            if actual != expected { return }
        }
    }

    @Test func extremeWindowsDoNotOverflow() throws {
        var timeline = Timeline(address: "a")
        try timeline.append(StateChange(address: "a", state: .down, timestamp: 0))
        let query = try DowntimeQuery(from: .min, to: .max)
        #expect(timeline.downtime(for: query) == .max)
        let bounded = try DowntimeQuery(from: .min, to: .max, asOf: 100)
        #expect(timeline.downtime(for: bounded) == 100)
    }

    @Test func queriesBinarySearchLongHistories() throws {
        var timeline = Timeline(address: "a")
        for index in 1...200_000 {
            try timeline.append(StateChange(address: "a", state: index.isMultiple(of: 2) ? .up : .down, timestamp: Int64(index * 10)))
        }
        // Each down lasts 10 s; [1_000_000, 1_000_100) holds 5 of them.
        #expect(timeline.downtime(for: try DowntimeQuery(from: 1_000_000, to: 1_000_100)) == 50)
        #expect(timeline.state(at: 15) == .down)
        #expect(timeline.state(at: 20) == .up)
        #expect(timeline.state(at: 9) == .up)
    }
}
