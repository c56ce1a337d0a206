/// What a status page shows for one target, computed from one slice of its history by the
/// accounting rules of `DowntimeCalculator` (pure): uptime over trailing windows (24 h, 7 d, 30 d)
/// and an uptime bar of equal buckets, each with its down seconds and the outages that touch it.
public struct UptimeSummary: Sendable, Hashable {
    public struct Outage: Sendable, Hashable {
        public var start: Int64
        /// `nil` while it lasts.
        public var end: Int64?

        public init(start: Int64, end: Int64?) {
            self.start = start
            self.end = end
        }
    }

    public struct Bucket: Sendable, Hashable {
        public var start: Int64
        public var end: Int64
        public var downSeconds: Int64
        /// Indices into `outages`.
        public var outages: [Int]
    }

    /// Fraction of each trailing window the target was up (1 = always), in the order asked.
    public var uptime: [Double]
    public var buckets: [Bucket]
    /// Outages overlapping the longest window or the bar, oldest first.
    public var outages: [Outage]

    /// - Parameters:
    ///   - stateAtStart: the state in force at `start` (the earliest time any window or the bar reaches).
    ///   - changes: the changes after `start`, in increasing timestamp order.
    ///   - now: the end of every window (time after it is not known).
    ///   - windows: trailing window lengths in seconds.
    ///   - bucketCount: buckets of `bucketSpan` seconds ending at `now`.
    public static func compute(stateAtStart: HealthState, start: Int64, changes: [StateChange], now: Int64,
                               windows: [Int64], bucketCount: Int, bucketSpan: Int64) -> UptimeSummary {
        func state(at time: Int64) -> HealthState {
            var low = 0, high = changes.count
            while low < high {
                let middle = (low + high) / 2
                if changes[middle].timestamp <= time { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? stateAtStart : changes[low - 1].state
        }
        func downtime(_ from: Int64, _ to: Int64) -> Int64 {
            guard let query = try? DowntimeQuery(from: from, to: to) else { return 0 }
            return DowntimeCalculator.downtime(for: query, stateAtStart: state(at: from), changes: changes)
        }
        let uptime = windows.map { window -> Double in
            guard window > 0 else { return 1 }
            return 1 - Double(downtime(now - window, now)) / Double(window)
        }
        // Outages: maximal down intervals, from the state at `start` on.
        var outages: [Outage] = []
        if stateAtStart == .down { outages.append(Outage(start: start, end: nil)) }
        for change in changes where change.timestamp <= now {
            if change.state == .down {
                if outages.last?.end != nil || outages.isEmpty { outages.append(Outage(start: change.timestamp, end: nil)) }
            } else if let last = outages.indices.last, outages[last].end == nil {
                outages[last].end = change.timestamp
            }
        }
        let barStart = now - Int64(bucketCount) * bucketSpan
        let buckets = (0..<max(0, bucketCount)).map { index -> Bucket in
            let from = barStart + Int64(index) * bucketSpan
            let to = from + bucketSpan
            let touching = outages.indices.filter { outages[$0].start < to && (outages[$0].end ?? Int64.max) > from }
            return Bucket(start: from, end: to, downSeconds: downtime(from, to), outages: touching)
        }
        return UptimeSummary(uptime: uptime, buckets: buckets, outages: outages)
    }
}
