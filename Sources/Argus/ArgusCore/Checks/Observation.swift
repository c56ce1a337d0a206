/// What a probe saw of a target, before any rule judged it (`Target.Check.judge`).
public enum Observation: Sendable, Hashable {
    /// No answer: refused, reset, timed out, a name that does not resolve, a TLS handshake that
    /// failed; why.
    case unreachable(String)
    /// A TCP connection was accepted.
    case connected
    case http(HTTPAnswer)
    case eigen(EigenAnswer)
    case tls(TLSAnswer)
    /// The `status` field of a `grpc.health.v1.HealthCheckResponse`.
    case grpc(GRPCCheck.ServingStatus)

    public var kind: String {
        switch self {
        case .unreachable: "no answer"
        case .connected: "a TCP connection"
        case .http: "an HTTP answer"
        case .eigen: "an EigenLayer node API answer"
        case .tls: "a TLS handshake"
        case .grpc: "a gRPC health answer"
        }
    }
}

/// An HTTP answer as a rule sees it.
public struct HTTPAnswer: Sendable, Hashable {
    public var status: Int
    /// The body, up to the probe's cap (64 KiB); `truncated` if there was more.
    public var body: [UInt8]
    public var truncated: Bool
    /// The body decoded as JSON, when the check needs it and it is JSON.
    public var json: JSONValue?
    /// Seconds from the request to the end of the body.
    public var latency: Double

    public init(status: Int, body: [UInt8] = [], truncated: Bool = false, json: JSONValue? = nil, latency: Double = 0) {
        self.status = status
        self.body = body
        self.truncated = truncated
        self.json = json
        self.latency = latency
    }
}
