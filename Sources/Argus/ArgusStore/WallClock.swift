import Foundation
import Synchronization

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

/// A clock that moves only when told: for tests and in-process clusters driven step by step.
public final class ManualClock: WallClock {
    private let time: Mutex<Double>

    public init(_ start: Double) { time = Mutex(start) }

    public func now() -> Double { time.withLock { $0 } }

    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
