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

/// The real checker: each probe observes (HTTP and the node API through AsyncHTTPClient, TCP
/// and TLS through NIO, gRPC through grpc-swift), and the check's rule judges the observation
/// (`Target.Check.judge`, pure).
public struct NetworkHealthChecker: HealthChecker {
    private let http: HTTPProbe
    private let tcp: TCPProbe
    private let tls: TLSProbe
    private let grpc: GRPCProbe
    private let clock: any WallClock
    /// The answers other targets' conditions read.
    public let references: References

    public init(httpClient: HTTPClient, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                clock: any WallClock = SystemClock(), references: References = References()) {
        self.http = HTTPProbe(client: httpClient)
        self.tcp = TCPProbe(group: eventLoopGroup)
        self.tls = TLSProbe(group: eventLoopGroup)
        self.grpc = GRPCProbe(group: eventLoopGroup)
        self.clock = clock
        self.references = references
    }

    public func check(_ target: Target) async -> ProbeOutcome {
        let startedAt = clock.now()
        let started = ContinuousClock.now
        let timeout = target.policy.timeout
        let observation: Observation
        var values: [String: JSONValue?] = [:]
        switch target.check {
        case let .http(check):
            let referenced = references.tracks(target.address)
            observation = await http.observe(check, timeout: timeout, decodeJSON: referenced)
            if referenced, case let .http(answer) = observation, let json = answer.json, check.acceptedStatuses.contains(answer.status) {
                references.record(target.address, json: json, at: startedAt, interval: target.policy.interval)
            }
            values = references.values(for: check, now: clock.now())
        case let .tcp(host, port):
            observation = await tcp.observe(host: host, port: port, timeout: timeout)
        case let .eigen(check):
            observation = await http.observe(check, timeout: timeout)
        case let .tls(check):
            observation = await tls.observe(check, timeout: timeout)
        case let .grpc(check):
            observation = await grpc.observe(check, timeout: timeout)
        }
        let verdict = target.check.judge(observation, now: clock.now(), references: values)
        return ProbeOutcome(startedAt: startedAt, latency: seconds(since: started), verdict: verdict)
    }
}

/// Converts seconds to a NIO amount, rounding to milliseconds.
func timeAmount(_ seconds: Double) -> TimeAmount {
    .milliseconds(Int64((seconds * 1000).rounded()))
}
