/// What a simulated target does when asked `GET /health`.
public enum SimulatedHealth: String, Sendable, Hashable, Codable, CaseIterable {
    /// 200.
    case up
    /// 503.
    case down
    /// No answer at all: the connection stays open and silent, like a stalled or blackholed node.
    case hang
}
