import ArgusCore
import ArgusTestSupport
import Testing

/// Maintenance windows in the accounting (docs/ACCOUNTING.md): a down second inside a window
/// announced before it began is not counted; a window announced late excludes nothing.
struct MaintenanceWindowTests {
    func window(_ from: Int64, _ to: Int64, announced: Int64? = nil) -> MaintenanceWindow {
        MaintenanceWindow(address: "a", from: from, to: to, announced: announced ?? from - 1, reason: "upgrade")
    }

    @Test func excludesOnlyWhatWasAnnouncedInAdvance() throws {
        var timeline = Timeline(address: "a")
        try timeline.append(StateChange(address: "a", state: .down, timestamp: 100))
        try timeline.append(StateChange(address: "a", state: .up, timestamp: 200))
        let query = try DowntimeQuery(from: 0, to: 1000)
        #expect(timeline.downtime(for: query) == 100)
        #expect(timeline.downtime(for: query, excluding: [window(90, 150)]) == 50)
        #expect(timeline.downtime(for: query, excluding: [window(90, 150, announced: 90)]) == 100, "announced as it began: not excluded")
        #expect(timeline.downtime(for: query, excluding: [window(120, 400, announced: 130)]) == 100, "announced during the outage")
        // Overlapping windows count once.
        #expect(timeline.downtime(for: query, excluding: [window(100, 160), window(150, 170), window(190, 300)]) == 20)
    }

    /// Against a second-by-second model over random histories and windows.
    @Test(arguments: [UInt64(7), 11, 2026])
    func matchesBruteForce(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for round in 0..<300 {
            var timeline = Timeline(address: "a")
            var time = Int64.random(in: 0...5, using: &rng)
            var state = HealthState.up
            for _ in 0..<Int.random(in: 0...10, using: &rng) {
                time += Int64.random(in: 1...20, using: &rng)
                state = state.flipped
                try timeline.append(StateChange(address: "a", state: state, timestamp: time))
            }
            let windows = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                let from = Int64.random(in: 0...(time + 10), using: &rng)
                return window(from, from + Int64.random(in: 1...30, using: &rng), announced: from + Int64.random(in: -3...1, using: &rng))
            }
            let from = Int64.random(in: -5...(time + 5), using: &rng)
            let query = try DowntimeQuery(from: from, to: Int64.random(in: from...(time + 30), using: &rng))
            var expected: Int64 = 0
            for second in query.from..<query.effectiveEnd {
                let down = (timeline.changes.last { $0.timestamp <= second }?.state ?? .up) == .down
                let excused = windows.contains { $0.announced < $0.from && $0.from <= second && second < $0.to }
                if down && !excused { expected += 1 }
            }
            let actual = timeline.downtime(for: query, excluding: windows)
            #expect(actual == expected, "seed \(seed) round \(round): \(timeline.changes) \(windows) [\(query.from), \(query.to))")
            if actual != expected { return }
        }
    }

    @Test func ownRules() {
        #expect(window(100, 200).problem == nil)
        #expect(window(200, 200).problem == "to (200) must be after from (200)")
        #expect(window(10, 10 + 8 * 86_400).problem?.contains("at most 604800 s") == true)
        #expect(MaintenanceWindow(address: "a", from: 1, to: 2, announced: 0, reason: "two\nlines").problem?.contains("control") == true)
        #expect(MaintenanceWindow(address: "a", from: 1, to: 2, announced: 0, reason: String(repeating: "é", count: 101)).problem?.contains("200 bytes") == true)
    }
}
