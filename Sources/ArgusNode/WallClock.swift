import Foundation

/// The source of "now" for the node's edges. The domain never reads a clock; the service passes
/// times in, and tests substitute a manual clock.
public protocol WallClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}
