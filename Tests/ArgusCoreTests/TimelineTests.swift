import ArgusCore
import Testing

struct TimelineTests {
    @Test func refusesOutOfOrderAndFlagsDuplicates() throws {
        var timeline = Timeline(address: "a")
        #expect(try timeline.append(StateChange(address: "a", state: .up, timestamp: 5)) == .duplicate)
        #expect(try timeline.append(StateChange(address: "a", state: .down, timestamp: 10)) == .appended)
        #expect(throws: Timeline.AppendError.notAfterLast(timestamp: 10, last: 10)) {
            try timeline.append(StateChange(address: "a", state: .up, timestamp: 10))
        }
        #expect(throws: Timeline.AppendError.negativeTimestamp(-1)) {
            try Timeline.admit(StateChange(address: "a", state: .down, timestamp: -1), after: nil)
        }
        #expect(throws: Timeline.AppendError.wrongAddress(expected: "a", got: "b")) {
            try timeline.append(StateChange(address: "b", state: .up, timestamp: 20))
        }
        #expect(timeline.changes.count == 1)
        #expect(timeline.state == .down)
        #expect(timeline.since == 10)
    }

    @Test func changesAfter() throws {
        var timeline = Timeline(address: "a")
        for (index, time) in [10, 20, 30, 40].enumerated() {
            try timeline.append(StateChange(address: "a", state: index.isMultiple(of: 2) ? .down : .up, timestamp: Int64(time)))
        }
        #expect(timeline.changes(after: 20).map(\.timestamp) == [30, 40])
        #expect(timeline.changes(after: -1, limit: 2).map(\.timestamp) == [10, 20])
    }

    @Test func windowBoundaries() throws {
        var timeline = Timeline(address: "a")
        try timeline.append(StateChange(address: "a", state: .down, timestamp: 100))
        try timeline.append(StateChange(address: "a", state: .up, timestamp: 160))
        #expect(timeline.downtime(for: try DowntimeQuery(from: 100, to: 100)) == 0)
        #expect(timeline.downtime(for: try DowntimeQuery(from: 100, to: 101)) == 1)
        #expect(timeline.downtime(for: try DowntimeQuery(from: 159, to: 160)) == 1)
        #expect(timeline.downtime(for: try DowntimeQuery(from: 160, to: 161)) == 0)
        #expect(timeline.downtime(for: try DowntimeQuery(from: 120, to: 140, asOf: 130)) == 10)
        #expect(timeline.downtime(for: try DowntimeQuery(from: 120, to: 140, asOf: 50)) == 0)
    }
}
