import ArgusCore
import ArgusStore
import AsyncHTTPClient
import NIOCore
import NIOPosix

/// Performs one check of a target and reports what it saw. Never throws: every failure mode is a
/// failed check with a reason.
public protocol HealthChecker: Sendable {
    func check(_ target: Target) async -> ProbeOutcome
}

/// The real checker: HTTP checks through AsyncHTTPClient, TCP checks through a NIO connect.
public struct NetworkHealthChecker: HealthChecker {
    private let http: HTTPProbe
    private let tcp: TCPProbe
    private let clock: any WallClock

    public init(httpClient: HTTPClient, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                clock: any WallClock = SystemClock()) {
        self.http = HTTPProbe(client: httpClient)
        self.tcp = TCPProbe(group: eventLoopGroup)
        self.clock = clock
    }

    public func check(_ target: Target) async -> ProbeOutcome {
        let startedAt = clock.now()
        let started = ContinuousClock.now
        let failure: String?
        switch target.check {
        case let .http(baseURL, path, expectedStatus):
            failure = await http.check(url: Target.Check.join(baseURL, path), expectedStatus: expectedStatus, timeout: target.policy.timeout)
        case let .tcp(host, port):
            failure = await tcp.check(host: host, port: port, timeout: target.policy.timeout)
        }
        let elapsed = ContinuousClock.now - started
        let latency = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ProbeOutcome(startedAt: startedAt, healthy: failure == nil, latency: latency, failureReason: failure)
    }
}

/// Converts seconds to a NIO amount, rounding to milliseconds.
func timeAmount(_ seconds: Double) -> TimeAmount {
    .milliseconds(Int64((seconds * 1000).rounded()))
}
