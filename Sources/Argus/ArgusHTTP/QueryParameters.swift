import Hummingbird

/// Typed access to a request's query string, throwing 400s that name the parameter.
struct QueryParameters {
    let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where parameters[String(key)] == nil {
            parameters[String(key)] = String(value)
        }
        self.parameters = parameters
    }

    func string(_ name: String) throws(APIError) -> String {
        guard let value = parameters[name] else {
            throw APIError(.badRequest, "Missing query parameter '\(name)'")
        }
        guard !value.isEmpty else { throw APIError(.badRequest, "Query parameter '\(name)' is empty") }
        return String(value)
    }

    func optionalString(_ name: String) -> String? {
        parameters[name]
    }

    /// A decimal integer that fits in 64 bits.
    func int64(_ name: String) throws(APIError) -> Int64 {
        try parseInt64(name, try string(name))
    }

    func optionalInt64(_ name: String) throws(APIError) -> Int64? {
        guard let text = optionalString(name) else { return nil }
        return try parseInt64(name, text)
    }

    private func parseInt64(_ name: String, _ text: String) throws(APIError) -> Int64 {
        guard let value = Int64(text) else {
            throw APIError(.badRequest, "Query parameter '\(name)' must be an integer in \(Int64.min)...\(Int64.max), got '\(text.prefix(40))'")
        }
        return value
    }
}
