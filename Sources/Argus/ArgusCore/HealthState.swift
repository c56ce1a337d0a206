/// What a monitored node was observed to be: reachable and healthy, or not.
///
/// The raw values are the reference's wire strings (`"up"`, `"down"`); anything else is rejected
/// when decoding, unlike the reference, which stores unknown strings and silently ignores them
/// (`downtime-reference.md` §9 item 6).
public enum HealthState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case up
    case down

    public var description: String { rawValue }

    /// The other state.
    public var flipped: HealthState { self == .up ? .down : .up }
}
