/// The event log of one address: changes in strictly increasing timestamp order, alternating
/// states, starting from the implicit "up since 0".
///
/// Appending enforces the order, which is what makes the downtime of a replayed, late or skewed
/// event impossible to distort (`downtime-reference.md` §9 items 3–4): an event that is not
/// strictly later than the last one is refused, and one that repeats the current state is a
/// duplicate. Queries binary-search the start of the window: O(log n + k).
public struct Timeline: Sendable, Hashable {
    public let address: String
    public private(set) var changes: [StateChange] = []

    public enum AppendResult: Sendable, Hashable {
        case appended
        /// The change repeats the current state; nothing was recorded.
        case duplicate
    }

    public enum AppendError: Error, Sendable, Hashable, CustomStringConvertible {
        case wrongAddress(expected: String, got: String)
        case negativeTimestamp(Int64)
        case notAfterLast(timestamp: Int64, last: Int64)

        public var description: String {
            switch self {
            case let .wrongAddress(expected, got): "change for \(got) appended to the timeline of \(expected)"
            case let .negativeTimestamp(t): "timestamp \(t) is negative"
            case let .notAfterLast(t, last): "timestamp \(t) is not after the last change at \(last)"
            }
        }
    }

    public init(address: String) {
        self.address = address
    }

    /// The current state: the state of the last change, or `.up` before any.
    public var state: HealthState { changes.last?.state ?? .up }

    /// The timestamp since which `state` holds (0 for the initial "up since 0").
    public var since: Int64 { changes.last?.timestamp ?? 0 }

    /// Checks that `change` could be appended, without appending it.
    public func validate(_ change: StateChange) throws(AppendError) -> AppendResult {
        guard change.address == address else { throw .wrongAddress(expected: address, got: change.address) }
        return try Timeline.admit(change, after: changes.last)
    }

    /// The append rule on its own, for stores that keep only the last change at hand: `change`
    /// must have a non-negative timestamp strictly after `last`'s; repeating `last`'s state (or
    /// `.up` when there is no `last`) makes it a duplicate.
    public static func admit(_ change: StateChange, after last: StateChange?) throws(AppendError) -> AppendResult {
        guard change.timestamp >= 0 else { throw .negativeTimestamp(change.timestamp) }
        if let last, change.timestamp <= last.timestamp {
            throw .notAfterLast(timestamp: change.timestamp, last: last.timestamp)
        }
        return change.state == (last?.state ?? .up) ? .duplicate : .appended
    }

    @discardableResult
    public mutating func append(_ change: StateChange) throws(AppendError) -> AppendResult {
        let result = try validate(change)
        if result == .appended { changes.append(change) }
        return result
    }

    /// The state in force at `time`: that of the last change with `timestamp <= time`.
    /// - Complexity: O(log n).
    public func state(at time: Int64) -> HealthState {
        let index = firstIndex(after: time)
        return index == 0 ? .up : changes[index - 1].state
    }

    /// Downtime for `query`, outside `excluding` (this address's maintenance windows).
    /// - Complexity: O(log n + k), k = changes inside the window.
    public func downtime(for query: DowntimeQuery, excluding windows: [MaintenanceWindow] = []) -> Int64 {
        let start = firstIndex(after: query.from)
        let stateAtStart: HealthState = start == 0 ? .up : changes[start - 1].state
        let end = query.effectiveEnd
        let inside = changes[start...].prefix { $0.timestamp < end }
        return DowntimeCalculator.downtime(for: query, stateAtStart: stateAtStart, changes: inside, excluding: windows)
    }

    /// Changes with `timestamp > after`, oldest first, at most `limit`.
    public func changes(after: Int64, limit: Int = .max) -> ArraySlice<StateChange> {
        changes[firstIndex(after: after)...].prefix(limit)
    }

    /// Index of the first change with `timestamp > time` (binary search).
    private func firstIndex(after time: Int64) -> Int {
        var low = 0
        var high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid].timestamp <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
