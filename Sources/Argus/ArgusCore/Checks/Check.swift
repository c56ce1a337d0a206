extension Target {
    /// How a target is checked (docs/CHECKS.md). Each kind is a pure rule over what its probe
    /// observed (`Check.judge`); the probes in ArgusNode only observe.
    public enum Check: Sendable, Hashable, CustomStringConvertible {
        /// A request to `{baseURL}{path}`: up iff its status is accepted and every condition holds.
        case http(HTTPCheck)
        /// A TCP connection to `host:port` is accepted within the timeout.
        case tcp(host: String, port: Int)
        /// EigenLayer's node API: `GET {baseURL}/eigen/node/health`.
        case eigen(EigenCheck)
        /// A TLS handshake whose chain verifies, with a certificate not about to expire.
        case tls(TLSCheck)
        /// gRPC's standard health service, `grpc.health.v1.Health/Check`.
        case grpc(GRPCCheck)

        /// The reference's check: `GET {baseURL}{path}`, up iff the status is `expectedStatus`.
        public static func http(baseURL: String, path: String = "/health", expectedStatus: Int = 200) -> Check {
            .http(HTTPCheck(baseURL: baseURL, path: path, acceptedStatuses: [expectedStatus]))
        }

        public var kind: String {
            switch self {
            case .http: "http"
            case .tcp: "tcp"
            case .eigen: "eigen"
            case .tls: "tls"
            case .grpc: "grpc"
            }
        }

        /// Where the check goes, for display (`/targets`, the dashboard, logs): an HTTP URL without
        /// its credentials (`user:password@`), query and fragment, which may carry secrets.
        public var description: String {
            switch self {
            case let .http(check): Check.redacted(check.url)
            case let .tcp(host, port): "\(host):\(port)"
            case let .eigen(check): Check.redacted(check.url)
            case let .tls(check): "\(check.host):\(check.port)"
            case let .grpc(check): "\(check.host):\(check.port)" + (check.service.isEmpty ? "" : " \(check.service)")
            }
        }

        /// The base URL of an HTTP-style check (http, eigen), where `targets_from` and the
        /// dashboard link to; `nil` for the others.
        public var baseURL: String? {
            switch self {
            case let .http(check): check.baseURL
            case let .eigen(check): check.baseURL
            case .tcp, .tls, .grpc: nil
            }
        }

        /// Judges what the probe observed at `now` (seconds since the Unix epoch). `references`
        /// holds the current value of each reference an HTTP check's conditions name.
        public func judge(_ observation: Observation, now: Double, references: [String: JSONValue?] = [:]) -> Verdict {
            if case let .unreachable(reason) = observation { return .down(reason) }
            switch (self, observation) {
            case let (.http(check), .http(answer)): return check.judge(answer, references: references)
            case (.tcp, .connected): return .up
            case let (.eigen(check), .eigen(answer)): return check.judge(answer)
            case let (.tls(check), .tls(answer)): return check.judge(answer, now: now)
            case let (.grpc(check), .grpc(status)): return check.judge(status)
            default: return .down("the probe observed \(observation.kind), not what a \(kind) check needs")
            }
        }

        /// `url` with any userinfo replaced by `***` and any query or fragment cut.
        public static func redacted(_ url: String) -> String {
            var text = Substring(url)
            if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
            // The authority follows the first "://" and ends at the next "/".
            var authorityStart: Substring.Index?
            var index = text.startIndex
            while index < text.endIndex, authorityStart == nil {
                if text[index...].hasPrefix("://") { authorityStart = text.index(index, offsetBy: 3) }
                index = text.index(after: index)
            }
            guard let authorityStart else { return String(text) }
            let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
            guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return String(text) }
            return String(text[..<authorityStart]) + "***@" + String(text[text.index(after: at)...])
        }

        /// `base` + `path` with exactly one slash between them.
        public static func join(_ base: String, _ path: String) -> String {
            let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
            let trimmedPath = path.hasPrefix("/") ? path : "/" + path
            return trimmedBase + trimmedPath
        }
    }

    /// What a check's rule decided of one observation.
    public struct Verdict: Sendable, Hashable {
        public var healthy: Bool
        /// Up, but not fully (EigenLayer's 206 "partially healthy").
        public var degraded: Bool
        /// Why it is down or degraded.
        public var reason: String?

        public static let up = Verdict(healthy: true, degraded: false, reason: nil)
        public static func down(_ reason: String) -> Verdict { Verdict(healthy: false, degraded: false, reason: reason) }
        public static func degraded(_ reason: String) -> Verdict { Verdict(healthy: true, degraded: true, reason: reason) }
    }
}
