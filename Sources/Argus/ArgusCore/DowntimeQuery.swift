/// A downtime question: how many seconds of `[from, to)` was the address down, as known at `asOf`?
///
/// Rules (see `docs/ACCOUNTING.md`):
/// - `from > to` is an error (the reference returns a negative number, §9 item 13).
/// - Time after `asOf` is not known yet and is not counted (the reference extrapolates the
///   current state into the future); `asOf == nil` means "no clamp", which reproduces the
///   reference on windows in the past.
public struct DowntimeQuery: Sendable, Hashable {
    public var from: Int64
    public var to: Int64
    public var asOf: Int64?

    public enum Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        case fromAfterTo(from: Int64, to: Int64)

        public var description: String {
            switch self {
            case let .fromAfterTo(from, to):
                "from_timestamp (\(from)) must not be greater than to_timestamp (\(to))"
            }
        }
    }

    public init(from: Int64, to: Int64, asOf: Int64? = nil) throws(Invalid) {
        guard from <= to else { throw .fromAfterTo(from: from, to: to) }
        self.from = from
        self.to = to
        self.asOf = asOf
    }

    /// The end of the counted interval: `to`, or `asOf` if that is earlier (never before `from`).
    public var effectiveEnd: Int64 {
        guard let asOf else { return to }
        return max(from, min(to, asOf))
    }
}
