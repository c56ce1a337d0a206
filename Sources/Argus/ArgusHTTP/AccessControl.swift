import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who may do what (README, "Access"): every route that changes state (`POST /reload`,
/// `POST /maintenance`, any later write route) needs the admin token as a bearer token; reads are
/// open, or, with `protect_dashboard`, the dashboard and its JSON need the token too (a browser
/// sends it as the password of HTTP Basic authentication, which it asks for on a 401). With no
/// token configured, write routes are refused: there is no default credential.
public struct AccessControl: Sendable {
    /// SHA-256 of the admin token: what a presented token is compared with, in constant time
    /// (both sides hashed first, so neither the content nor the length leaks through timing).
    let tokenDigest: [UInt8]?
    public let protectDashboard: Bool

    public init(token: String?, protectDashboard: Bool = false) {
        tokenDigest = token.map { Array(SHA256.hash(data: Data($0.utf8))) }
        self.protectDashboard = protectDashboard
    }

    public static let open = AccessControl(token: nil)

    /// The token a request presents: `Authorization: Bearer <token>`, or the password of
    /// `Authorization: Basic base64(user:password)`.
    static func presented(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "bearer":
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        case "basic":
            guard let decoded = Data(base64Encoded: String(parts[1])), let text = String(data: decoded, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return nil }
            return String(text[text.index(after: colon)...])
        default:
            return nil
        }
    }

    /// Whether `token` is the admin token: SHA-256 of both, compared without an early exit.
    func matches(_ token: String) -> Bool {
        guard let tokenDigest else { return false }
        let given = Array(SHA256.hash(data: Data(token.utf8)))
        var difference: UInt8 = 0
        for index in 0..<tokenDigest.count { difference |= tokenDigest[index] ^ given[index] }
        return difference == 0
    }

    /// For a route that changes state: 403 when no token is configured, 401 without the right one.
    public func authorizeWrite(_ request: Request) throws(APIError) {
        guard tokenDigest != nil else {
            throw APIError(.forbidden, "This node has no admin token (auth.token_file or ARGUS_ADMIN_TOKEN): routes that change state are disabled")
        }
        guard let token = Self.presented(request) else {
            throw APIError(.unauthorized, "This route changes state: send the admin token as Authorization: Bearer <token>")
        }
        guard matches(token) else { throw APIError(.unauthorized, "The admin token is wrong") }
    }

    /// For the dashboard and what it reads, when `protectDashboard`.
    public func authorizeDashboard(_ request: Request) throws(APIError) {
        guard protectDashboard else { return }
        guard let token = Self.presented(request), matches(token) else {
            throw APIError(.unauthorized, "The dashboard needs the admin token (Authorization: Bearer, or as the Basic password)")
        }
    }
}

/// The headers every answer carries, and the dashboard's content security policy: its one script
/// and one style block allowed by their SHA-256, nothing loaded from elsewhere, no framing. A 401
/// from a dashboard route asks the browser for credentials (Basic).
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    static var dashboardPolicy: String { DashboardPage.contentSecurityPolicy }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        if request.uri.path == "/" {
            response.headers[.contentSecurityPolicy] = Self.dashboardPolicy
        } else {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        if response.status == .unauthorized, NodeAPI.dashboardRoutes.contains(request.uri.path) {
            response.headers[.wwwAuthenticate] = "Basic realm=\"argus\", charset=\"UTF-8\""
        }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
}
