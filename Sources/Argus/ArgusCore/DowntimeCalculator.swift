/// The downtime accounting: a pure function of a window and the changes around it.
///
/// The history of an address is a step function: from each change's timestamp on (inclusive) the
/// address is in that change's state, until the next change. Before the first change it is `up`
/// (the reference's "up since 0" sentinel, extended to all earlier time). Downtime over
/// `[from, end)` is the measure of the set of seconds in it during which the state is `down`.
///
/// On well-formed histories (strictly increasing timestamps, alternating states) this equals the
/// reference's `calculate_downtime` for every window with `from <= to` in the past; see
/// `docs/ACCOUNTING.md` for where and why Argus differs.
public enum DowntimeCalculator {
    /// Downtime in `[query.from, query.effectiveEnd)`.
    ///
    /// - Parameters:
    ///   - stateAtStart: the state in force at `query.from` (the last change at or before it, or
    ///     `.up` if there is none).
    ///   - changes: the changes with `from < timestamp < end`, in increasing timestamp order.
    ///     Changes outside that range are ignored, so a caller may pass a superset.
    /// - Complexity: O(k) in the number of changes passed.
    public static func downtime(
        for query: DowntimeQuery,
        stateAtStart: HealthState,
        changes: some Sequence<StateChange>
    ) -> Int64 {
        let end = query.effectiveEnd
        var total: Int64 = 0
        var state = stateAtStart
        var cursor = query.from
        for change in changes where change.timestamp > query.from {
            if change.timestamp >= end { break }
            if state == .down { total += change.timestamp - cursor }
            state = change.state
            cursor = change.timestamp
        }
        if state == .down { total += end - cursor }
        return total
    }

    /// Downtime in `[query.from, query.effectiveEnd)` outside the maintenance windows announced in
    /// advance (`MaintenanceWindow.inAdvance`): the down seconds that fall inside such a window are
    /// not counted. Windows of other addresses must not be passed.
    /// - Complexity: O(k + w log w) in the changes and windows passed.
    public static func downtime(
        for query: DowntimeQuery,
        stateAtStart: HealthState,
        changes: some Sequence<StateChange>,
        excluding windows: [MaintenanceWindow]
    ) -> Int64 {
        let end = query.effectiveEnd
        let excluded = MaintenanceWindow.excluded(windows, start: query.from, end: end)
        guard !excluded.isEmpty else { return downtime(for: query, stateAtStart: stateAtStart, changes: changes) }
        // The down intervals, then what of them lies inside the excluded ones (both sorted).
        var down: [(from: Int64, to: Int64)] = []
        var state = stateAtStart
        var cursor = query.from
        for change in changes where change.timestamp > query.from {
            if change.timestamp >= end { break }
            if state == .down { down.append((cursor, change.timestamp)) }
            state = change.state
            cursor = change.timestamp
        }
        if state == .down { down.append((cursor, end)) }
        var total: Int64 = 0
        var next = 0
        for interval in down {
            total += interval.to - interval.from
            while next < excluded.count, excluded[next].to <= interval.from { next += 1 }
            var index = next
            while index < excluded.count, excluded[index].from < interval.to {
                total -= min(interval.to, excluded[index].to) - max(interval.from, excluded[index].from)
                index += 1
            }
        }
        return total
    }
}
