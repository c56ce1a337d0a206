import ArgusCore
import GRPCCore
import GRPCHealth
import GRPCNIOTransportHTTP2Posix
import NIOCore
import NIOPosix

/// One `grpc.health.v1.Health/Check` call over a fresh HTTP/2 connection (as grpc_health_probe
/// makes it), plaintext or TLS, within the check's timeout. `NOT_FOUND` (an unknown service) and
/// `UNIMPLEMENTED` (no health service) are answers, and are down with that reason.
struct GRPCProbe: Sendable {
    let group: any EventLoopGroup

    func observe(_ check: GRPCCheck, timeout: Double) async -> Observation {
        let security: HTTP2ClientTransport.Posix.TransportSecurity
        if check.tls {
            if let caFile = check.caFile {
                security = .tls { $0.trustRoots = .certificates([.file(path: caFile, format: .pem)]) }
            } else {
                security = .tls
            }
        } else {
            security = .plaintext
        }
        do {
            let transport = try HTTP2ClientTransport.Posix(target: .dns(host: check.host, port: check.port), transportSecurity: security,
                                                           eventLoopGroup: group)
            let status = try await withGRPCClient(transport: transport) { client in
                var options = CallOptions.defaults
                options.timeout = .milliseconds(Int64(timeout * 1000))
                var request = Grpc_Health_V1_HealthCheckRequest()
                request.service = check.service
                let response = try await Grpc_Health_V1_Health.Client(wrapping: client).check(request, options: options)
                return response.status.rawValue
            }
            return .grpc(GRPCCheck.ServingStatus(rawValue: status) ?? .unknown)
        } catch let error as RPCError {
            switch error.code {
            case .notFound: return .unreachable("the server does not know the service \"\(check.service)\" (NOT_FOUND)")
            case .unimplemented: return .unreachable("the server has no health service (UNIMPLEMENTED)")
            case .deadlineExceeded: return .unreachable("timed out after \(timeout)s")
            default: return .unreachable("\(error.code): \(error.message)")
            }
        } catch {
            return .unreachable("\(error)")
        }
    }
}
