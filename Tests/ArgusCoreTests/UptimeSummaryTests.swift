import ArgusCore
import ArgusTestSupport
import Testing

struct UptimeSummaryTests {
    @Test func uptimeAndBarFollowTheAccounting() {
        // Down from 1000 to 1600 and from 9400 on (still down at now = 10 000).
        let changes = [
            StateChange(address: "a", state: .down, timestamp: 1000), StateChange(address: "a", state: .up, timestamp: 1600),
            StateChange(address: "a", state: .down, timestamp: 9400),
        ]
        let summary = UptimeSummary.compute(stateAtStart: .up, start: 0, changes: changes, now: 10_000,
                                            windows: [1000, 10_000], bucketCount: 10, bucketSpan: 1000)
        let expected: [Double] = [1 - 600.0 / 1000, 1 - 1200.0 / 10_000]
        #expect(summary.uptime == expected)
        #expect(summary.buckets.map(\.downSeconds) == [0, 600, 0, 0, 0, 0, 0, 0, 0, 600])
        #expect(summary.outages == [.init(start: 1000, end: 1600), .init(start: 9400, end: nil)])
        #expect(summary.buckets[1].outages == [0] && summary.buckets[9].outages == [1] && summary.buckets[5].outages.isEmpty)
    }

    @Test func aTargetDownBeforeTheWindowIsDownFromItsStart() {
        let summary = UptimeSummary.compute(stateAtStart: .down, start: 500, changes: [StateChange(address: "a", state: .up, timestamp: 700)],
                                            now: 1000, windows: [500], bucketCount: 2, bucketSpan: 250)
        let expected: [Double] = [1 - 200.0 / 500]
        #expect(summary.uptime == expected)
        #expect(summary.outages == [.init(start: 500, end: 700)])
        #expect(summary.buckets.map(\.downSeconds) == [200, 0])
    }

    /// Against brute force: every second of a random history, counted one by one.
    @Test func agreesWithCountingSeconds() {
        var generator = SeededGenerator(seed: testSeed(fallback: 24))
        for _ in 0..<50 {
            var time: Int64 = 0
            var state = HealthState.up
            var changes: [StateChange] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                time += Int64.random(in: 1...300, using: &generator)
                state = state.flipped
                changes.append(StateChange(address: "a", state: state, timestamp: time))
            }
            let now = time + Int64.random(in: 0...200, using: &generator)
            let summary = UptimeSummary.compute(stateAtStart: .up, start: 0, changes: changes, now: now,
                                                windows: [now], bucketCount: 4, bucketSpan: max(1, now / 4))
            func downAt(_ second: Int64) -> Bool { (changes.last { $0.timestamp <= second }?.state ?? .up) == .down }
            let down = (0..<now).filter(downAt).count
            let fraction: Double = now == 0 ? 1 : 1 - Double(down) / Double(now)
            #expect(summary.uptime[0] == fraction)
            for bucket in summary.buckets {
                #expect(bucket.downSeconds == Int64((max(0, bucket.start)..<max(0, bucket.end)).filter(downAt).count))
            }
        }
    }
}
