/// EigenLayer's node API (the AVS Node Specification): `GET {baseURL}/eigen/node/health` answers
/// 200 (healthy), 206 (partially healthy) or 503 (unhealthy). A 206 is up and degraded, or down
/// when `degradedIsDown`; any other status, or no answer, is down. When the node is not fully
/// healthy the probe also reads `GET /eigen/node/services`, so the reason names the services
/// that are not up.
public struct EigenCheck: Sendable, Hashable {
    public var baseURL: String
    /// Whether a partially healthy node (206) counts as down. Default: no.
    public var degradedIsDown: Bool

    public init(baseURL: String, degradedIsDown: Bool = false) {
        self.baseURL = baseURL
        self.degradedIsDown = degradedIsDown
    }

    public static let healthPath = "/eigen/node/health"
    public static let servicesPath = "/eigen/node/services"

    public var url: String { Target.Check.join(baseURL, Self.healthPath) }

    public func judge(_ answer: EigenAnswer) -> Target.Verdict {
        let notUp = answer.services.filter { $0.status != "Up" }
        let detail = notUp.isEmpty ? "" : ": " + notUp.map { "\($0.name.isEmpty ? $0.id : $0.name) \($0.status)" }.joined(separator: ", ")
        switch answer.status {
        case 200: return .up
        case 206: return degradedIsDown ? .down("partially healthy (206)\(detail)") : .degraded("partially healthy (206)\(detail)")
        case 503: return .down("unhealthy (503)\(detail)")
        default: return .down("status \(answer.status), not one of the node API's 200, 206, 503")
        }
    }
}

/// What the node API answered: the health route's status, and the services it lists (read
/// when the node is not fully healthy; empty if not read or not listed).
public struct EigenAnswer: Sendable, Hashable {
    public struct Service: Sendable, Hashable {
        public var id: String
        public var name: String
        /// "Up", "Down" or "Initializing" (other spellings are shown as they are).
        public var status: String

        public init(id: String, name: String, status: String) {
            self.id = id
            self.name = name
            self.status = status
        }
    }

    public var status: Int
    public var services: [Service]

    public init(status: Int, services: [Service] = []) {
        self.status = status
        self.services = services
    }
}
