import Hummingbird

/// A client error with the reference's body shape: `{"detail": "…"}`.
public struct APIError: Error, Sendable, Hashable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// Seconds after which the request may succeed (`Retry-After`, and `retry_after` in the body).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ detail: String, retryAfter: Int? = nil) {
        self.status = status
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The reference's exact text for an address that is not monitored.
    public static let addressNotFound = APIError(.notFound, "Address not found")

    public var response: Response {
        var response = JSONResponse.make(ErrorBody(detail: detail, retryAfter: retryAfter), status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    struct ErrorBody: Encodable {
        var detail: String
        var retryAfter: Int?

        enum CodingKeys: String, CodingKey {
            case detail
            case retryAfter = "retry_after"
        }
    }
}
