import Foundation
import Synchronization

/// The source of "now" for the node's edges. The domain never reads a clock; the service passes
/// times in, and tests substitute a manual clock.
public protocol WallClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
}

/// The system's real-time clock, optionally off by a fixed offset: a host whose clock is wrong
/// (`ARGUS_FAULT_CLOCK_OFFSET`, the fault-injection suite's clock skew). Only the wall clock moves;
/// intervals and timeouts run on the monotonic clock, as on a host whose clock NTP has not fixed.
public struct SystemClock: WallClock {
    public let offset: Double

    public init(offset: Double = 0) { self.offset = offset }

    public func now() -> Double { Date().timeIntervalSince1970 + offset }
}

/// A clock that moves only when told: for tests and in-process clusters driven step by step.
public final class ManualClock: WallClock {
    private let time: Mutex<Double>

    public init(_ start: Double) { time = Mutex(start) }

    public func now() -> Double { time.withLock { $0 } }

    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
