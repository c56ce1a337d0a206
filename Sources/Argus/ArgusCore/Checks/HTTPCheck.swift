/// An HTTP check (docs/CHECKS.md): a request to `{baseURL}{path}`; up iff the status is
/// accepted, the answer came within `maxResponseTime`, the body holds every `bodyContains` and
/// none of `bodyExcludes`, and every condition holds. The reference's check is the default:
/// `GET /health`, up iff 200.
public struct HTTPCheck: Sendable, Hashable {
    public var baseURL: String
    public var path: String
    public var method: String
    /// Request headers (e.g. `Content-Type` for a JSON-RPC body).
    public var headers: [String: String]
    /// A request body (e.g. `{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}`).
    public var body: String?
    public var acceptedStatuses: Set<Int>
    /// Text the body must contain / must not contain (in its first 64 KiB).
    public var bodyContains: [String]
    public var bodyExcludes: [String]
    /// Seconds; `nil`: only the check's timeout applies.
    public var maxResponseTime: Double?
    public var conditions: [Condition]
    /// Named values read from other targets' latest answers, for the conditions.
    public var references: [String: Reference]

    /// A value from another target's latest answer (`refs: {head: {target: 0x…, value: $.height}}`).
    public struct Reference: Sendable, Hashable {
        public var target: String
        public var path: [JSONValue.PathComponent]

        public init(target: String, path: [JSONValue.PathComponent]) {
            self.target = target
            self.path = path
        }
    }

    public init(baseURL: String, path: String = "/health", method: String = "GET", headers: [String: String] = [:], body: String? = nil,
                acceptedStatuses: Set<Int> = [200], bodyContains: [String] = [], bodyExcludes: [String] = [],
                maxResponseTime: Double? = nil, conditions: [Condition] = [], references: [String: Reference] = [:]) {
        self.baseURL = baseURL
        self.path = path
        self.method = method
        self.headers = headers
        self.body = body
        self.acceptedStatuses = acceptedStatuses
        self.bodyContains = bodyContains
        self.bodyExcludes = bodyExcludes
        self.maxResponseTime = maxResponseTime
        self.conditions = conditions
        self.references = references
    }

    public var url: String { Target.Check.join(baseURL, path) }

    /// Whether the probe must decode the body as JSON for the conditions.
    public var needsJSON: Bool { !conditions.isEmpty }

    public func judge(_ answer: HTTPAnswer, references values: [String: JSONValue?] = [:]) -> Target.Verdict {
        guard acceptedStatuses.contains(answer.status) else {
            let accepted = acceptedStatuses == [200] ? "" : " (accepted: \(acceptedStatuses.sorted().map(String.init).joined(separator: ", ")))"
            return .down("status \(answer.status)\(accepted)")
        }
        if let maxResponseTime, answer.latency > maxResponseTime {
            return .down("answered in \(Int((answer.latency * 1000).rounded())) ms, over \(Int((maxResponseTime * 1000).rounded())) ms")
        }
        if !bodyContains.isEmpty || !bodyExcludes.isEmpty {
            let text = String(decoding: answer.body, as: UTF8.self)
            let scope = answer.truncated ? " (in its first \(answer.body.count / 1024) KiB)" : ""
            if let missing = bodyContains.first(where: { !text.contains($0) }) { return .down("the body lacks \"\(missing)\"\(scope)") }
            if let present = bodyExcludes.first(where: { text.contains($0) }) { return .down("the body contains \"\(present)\"") }
        }
        let context = Condition.Context(status: answer.status, responseTime: answer.latency * 1000, body: answer.json, references: values)
        for condition in conditions {
            if case let .failed(reason) = condition.evaluate(context) { return .down(reason) }
        }
        return .up
    }
}
