import Hummingbird

/// A client error with the reference's body shape: `{"detail": "…"}`.
public struct APIError: Error, Sendable, Hashable {
    public var status: HTTPResponse.Status
    public var detail: String

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    /// The reference's exact text for an address that is not monitored.
    public static let addressNotFound = APIError(.notFound, "Address not found")

    public var response: Response {
        JSONResponse.make(ErrorBody(detail: detail), status: status)
    }

    struct ErrorBody: Encodable {
        var detail: String
    }
}
