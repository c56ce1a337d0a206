/// A gRPC check: `grpc.health.v1.Health/Check` for `service` ("" asks for the server as a whole),
/// over plaintext HTTP/2 or TLS; up iff the answer is `SERVING`.
public struct GRPCCheck: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var service: String
    public var tls: Bool
    /// PEM file of trusted roots for TLS instead of the system's.
    public var caFile: String?

    public init(host: String, port: Int, service: String = "", tls: Bool = false, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.service = service
        self.tls = tls
        self.caFile = caFile
    }

    /// `grpc.health.v1.HealthCheckResponse.ServingStatus`.
    public enum ServingStatus: Int, Sendable, Hashable {
        case unknown = 0
        case serving = 1
        case notServing = 2
        case serviceUnknown = 3

        public var name: String {
            switch self {
            case .unknown: "UNKNOWN"
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING"
            case .serviceUnknown: "SERVICE_UNKNOWN"
            }
        }
    }

    public func judge(_ status: ServingStatus) -> Target.Verdict {
        status == .serving ? .up : .down("health status \(status.name)")
    }
}
