/// One transition of a monitored node: from `timestamp` on (inclusive), `address` is `state`.
///
/// Timestamps are whole seconds since the Unix epoch, as in the reference, and are never negative.
/// The JSON keys are the reference's (`address`, `state`, `timestamp`).
public struct StateChange: Sendable, Hashable, Codable {
    public var address: String
    public var state: HealthState
    public var timestamp: Int64

    public init(address: String, state: HealthState, timestamp: Int64) {
        self.address = address
        self.state = state
        self.timestamp = timestamp
    }
}
