/// Settlement epochs: epoch `n` covers `[n·L, (n+1)·L)` in Unix seconds, and is settled once it
/// ended `maxEventAge` ago (no event for it can still be applied) — `Settlement`'s rule for a
/// window ending at `(n+1)·L`.
public struct EpochSchedule: Sendable, Hashable {
    /// The epoch length `L` in seconds (at least 10).
    public let length: Int64
    public let settlement: Settlement

    public static let minimumLength: Int64 = 10

    public init?(length: Int64, maxEventAge: Double) {
        guard length >= Self.minimumLength else { return nil }
        self.length = length
        self.settlement = Settlement(maxEventAge: maxEventAge)
    }

    public func bounds(of epoch: UInt64) -> (from: UInt64, to: UInt64) {
        (epoch * UInt64(length), (epoch + 1) * UInt64(length))
    }

    /// The epoch that holds `time`.
    public func epoch(containing time: Double) -> UInt64 {
        UInt64(max(0, (time / Double(length)).rounded(.down)))
    }

    /// The time at which `epoch` is settled.
    public func settledAt(_ epoch: UInt64) -> Double { settlement.settledAt(windowEnd: Int64(bounds(of: epoch).to)) }

    /// The newest epoch settled at `now`, if any.
    public func lastSettled(now: Double) -> UInt64? {
        let end = now - settlement.maxEventAge
        let first = epoch(containing: end)
        // Epoch `first − 1` ended at `first·L ≤ end`; `first` itself only if it ends exactly at `end`.
        if Double(bounds(of: first).to) <= end { return first }
        return first == 0 ? nil : first - 1
    }
}
