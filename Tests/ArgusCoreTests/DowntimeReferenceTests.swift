import ArgusCore
import ArgusTestSupport
import Testing

/// `downtime_cases` of `../shared/vectors/downtime-reference.json`: the reference's
/// `calculate_downtime` results, quirks included, next to a clean interval measure.
struct DowntimeReferenceTests {
    struct File: Decodable {
        var downtime_cases: [Case]
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Event: Decodable, Sendable {
            var state: String
            var timestamp: Int64
        }

        var name: String
        var events: [Event]
        var from_timestamp: Int64
        var to_timestamp: Int64
        var reference_result: Int64?
        var reference_raises: Bool
        var interval_measure: Int64

        var testDescription: String { name }

        /// Strictly increasing timestamps and alternating up/down states after the `up@0` sentinel.
        var isWellFormed: Bool {
            var previous: Event?
            for event in events {
                guard event.state == "up" || event.state == "down" else { return false }
                if let previous, event.timestamp <= previous.timestamp || event.state == previous.state { return false }
                previous = event
            }
            return true
        }
    }

    static let cases: [Case] = (try? Vectors.load(File.self, "downtime-reference.json").downtime_cases) ?? []

    @Test func vectorsAreThere() {
        #expect(Self.cases.count == 18)
    }

    /// Feeds the case's events through the timeline, as a replica would receive them.
    static func timeline(_ testCase: Case) -> Timeline {
        var timeline = Timeline(address: "0xNodeA123")
        for event in testCase.events {
            // The sentinel `up@0` is the timeline's implicit start; unknown states cannot be decoded;
            // events not after the last one are refused.
            guard let state = HealthState(rawValue: event.state) else { continue }
            _ = try? timeline.append(StateChange(address: "0xNodeA123", state: state, timestamp: event.timestamp))
        }
        return timeline
    }

    @Test(arguments: cases)
    func agreesWithTheReferenceOnWellFormedHistories(_ testCase: Case) throws {
        guard testCase.isWellFormed, testCase.from_timestamp <= testCase.to_timestamp, !testCase.reference_raises else { return }
        let query = try DowntimeQuery(from: testCase.from_timestamp, to: testCase.to_timestamp)
        #expect(Self.timeline(testCase).downtime(for: query) == testCase.reference_result)
    }

    @Test(arguments: cases)
    func equalsTheIntervalMeasureEverywhere(_ testCase: Case) throws {
        guard testCase.from_timestamp <= testCase.to_timestamp else {
            #expect(throws: DowntimeQuery.Invalid.fromAfterTo(from: testCase.from_timestamp, to: testCase.to_timestamp)) {
                try DowntimeQuery(from: testCase.from_timestamp, to: testCase.to_timestamp)
            }
            return
        }
        let query = try DowntimeQuery(from: testCase.from_timestamp, to: testCase.to_timestamp)
        #expect(Self.timeline(testCase).downtime(for: query) == testCase.interval_measure)
    }

    /// The cases where the reference is wrong (§9 items 3, 4, 13) and what Argus answers instead.
    @Test func fixesTheReferenceWhereItIsWrong() throws {
        let byName = Dictionary(uniqueKeysWithValues: Self.cases.map { ($0.name, $0) })
        let expected: [String: Int64] = [
            "replayed_old_down_event": 180,       // reference 580: the replay is refused
            "clock_skew_up_before_down": 100,     // reference −50: the out-of-order up is refused
            "late_duplicate_after_recovery": 60,  // reference 125: the late down@205 is refused
            "negative_window_before_sentinel": 0, // reference raises (HTTP 500)
        ]
        for (name, value) in expected {
            let testCase = try #require(byName[name])
            #expect(testCase.reference_result != value)
            let query = try DowntimeQuery(from: testCase.from_timestamp, to: testCase.to_timestamp)
            #expect(Self.timeline(testCase).downtime(for: query) == value, "\(name)")
        }
    }

    /// Windows reaching past "now" count only up to now (the reference extrapolates).
    @Test func futureWindowsStopAtNow() throws {
        let testCase = try #require(Self.cases.first { $0.name == "to_in_future_while_down" })
        let query = try DowntimeQuery(from: testCase.from_timestamp, to: testCase.to_timestamp, asOf: 1_000)
        // 400..420 of the outage that began at 300, then down since 500 until now = 1000:
        // 20 + 500 s, not 9 999 999 520.
        #expect(Self.timeline(testCase).downtime(for: query) == 520)
    }
}
