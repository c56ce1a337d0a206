import AsyncHTTPClient
import NIOCore

/// `GET url`: healthy iff the final status, after redirects, is the expected one (the reference:
/// exactly 200). The body is drained up to a small cap and ignored.
struct HTTPProbe: Sendable {
    let client: HTTPClient
    static let bodyCap = 64 * 1024

    /// `nil` when healthy, otherwise why not.
    func check(url: String, expectedStatus: Int, timeout: Double) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "argus-monitor")
        do {
            let response = try await client.execute(request, deadline: .now() + timeAmount(timeout))
            var drained = 0
            for try await chunk in response.body {
                drained += chunk.readableBytes
                if drained >= Self.bodyCap { break }
            }
            let status = Int(response.status.code)
            return status == expectedStatus ? nil : "status \(status)"
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return "timed out after \(timeout)s"
        } catch {
            return "\(error)"
        }
    }
}
