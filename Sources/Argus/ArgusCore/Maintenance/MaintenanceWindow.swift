/// Announced maintenance of a target (docs/ACCOUNTING.md, "Maintenance windows"): the target may be
/// down in `[from, to)` without it counting as downtime, provided the window was announced
/// (`announced`, when the cluster's quorum attested it) strictly before it began. A window
/// announced once the maintenance had begun excludes nothing.
public struct MaintenanceWindow: Sendable, Hashable {
    public var address: String
    /// Unix seconds; the window is `[from, to)`, like a downtime query's.
    public var from: Int64
    public var to: Int64
    public var announced: Int64
    public var reason: String

    public init(address: String, from: Int64, to: Int64, announced: Int64, reason: String) {
        self.address = address
        self.from = from
        self.to = to
        self.announced = announced
        self.reason = reason
    }

    /// The longest window: a week.
    public static let maxLength: Int64 = 7 * 86_400
    /// A reason is at most this many UTF-8 bytes, printable, on one line.
    public static let maxReasonBytes = 200

    /// Whether it excludes downtime: announced before it began.
    public var inAdvance: Bool { announced < from }

    /// What is wrong with the window's own fields, or `nil`.
    public var problem: String? {
        if address.isEmpty { return "address: expected a target's address" }
        if from < 0 || to < 0 || announced < 0 { return "from, to and announced must be non-negative Unix seconds" }
        if to <= from { return "to (\(to)) must be after from (\(from))" }
        if to - from > Self.maxLength { return "a window lasts at most \(Self.maxLength) s (7 days); this one \(to - from) s" }
        if reason.utf8.count > Self.maxReasonBytes { return "reason: at most \(Self.maxReasonBytes) bytes of UTF-8" }
        if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "reason: no control characters (one line of text)"
        }
        return nil
    }

    /// The windows among `windows` that exclude downtime, clipped to `[start, end)` and merged into
    /// disjoint intervals, in order.
    public static func excluded(_ windows: some Sequence<MaintenanceWindow>, start: Int64, end: Int64) -> [(from: Int64, to: Int64)] {
        let clipped = windows.filter(\.inAdvance).compactMap { window -> (from: Int64, to: Int64)? in
            let from = max(window.from, start)
            let to = min(window.to, end)
            return from < to ? (from, to) : nil
        }.sorted { $0.from < $1.from }
        var merged: [(from: Int64, to: Int64)] = []
        for interval in clipped {
            if let last = merged.last, interval.from <= last.to {
                merged[merged.count - 1].to = max(last.to, interval.to)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}
