import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Routes that change state need the admin token (none, wrong, right); the dashboard may need it
/// too; every answer carries the security headers, and the dashboard's policy allows exactly its
/// own script and style.
struct AccessControlTests {
    static let token = "correct-horse-battery-staple-42"

    /// An app over a real store whose configuration file `argus.yml` can be rewritten and reloaded.
    func withApp(access: AccessControl, _ body: @Sendable (any TestClientProtocol, URL, TargetSet) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("argus.yml")
        try "targets: {\"0xA\": \"http://127.0.0.1:1\", \"0xB\": \"http://127.0.0.1:2\"}\n".write(to: file, atomically: true, encoding: .utf8)
        let store = try EventStore(directory: directory.url.appendingPathComponent("data").path)
        let targets = TargetSet(configured: try NodeConfiguration.load(file: file.path).targets)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let reloader = ConfigurationReloader(path: file.path, logger: logger) { new in
            .init(targets: targets.count, change: targets.setConfigured(new.targets), needsRestart: [])
        }
        let api = NodeAPI(store: store, targets: targets, admin: NodeAPI.Admin(reloader: reloader), access: access)
        try await Application(router: api.router()).test(.router) { client in try await body(client, file, targets) }
    }

    func request(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, authorization: String? = nil)
        async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(uri: uri, method: method, headers: headers) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }

    @Test func writeRoutesNeedTheToken() async throws {
        try await withApp(access: AccessControl(token: Self.token)) { client, file, targets in
            let (none, noneBody, _) = try await request(client, .post, "/reload")
            #expect(none == .unauthorized)
            #expect(noneBody.contains("send the admin token as Authorization: Bearer"))
            let (wrong, wrongBody, _) = try await request(client, .post, "/reload", authorization: "Bearer correct-horse-battery-staple-43")
            #expect(wrong == .unauthorized && wrongBody == #"{"detail":"The admin token is wrong"}"#)
            let (short, _, _) = try await request(client, .post, "/reload", authorization: "Bearer x")
            #expect(short == .unauthorized)

            try "targets: {\"0xB\": \"http://127.0.0.1:2\", \"0xC\": \"http://127.0.0.1:3\"}\n".write(to: file, atomically: true, encoding: .utf8)
            let (right, body, _) = try await request(client, .post, "/reload", authorization: "Bearer \(Self.token)")
            #expect(right == .ok)
            #expect(body.contains(#""added":["0xC"]"#) && body.contains(#""removed":["0xA"]"#), "\(body)")
            #expect(targets.addresses == ["0xB", "0xC"] && targets.retired == ["0xA"])

            // A file that does not parse changes nothing, and says where it is wrong.
            try "targets:\n  - {address: 0xD, url: ftp://x}\n".write(to: file, atomically: true, encoding: .utf8)
            let (bad, badBody, _) = try await request(client, .post, "/reload", authorization: "Bearer \(Self.token)")
            #expect(bad == .badRequest)
            #expect(badBody.contains("argus.yml:2: targets[0].url: expected an http:// or https:// URL"), "\(badBody)")
            #expect(targets.addresses == ["0xB", "0xC"])
        }
    }

    @Test func withoutATokenWriteRoutesAreDisabled() async throws {
        try await withApp(access: .open) { client, _, _ in
            let (status, body, _) = try await request(client, .post, "/reload", authorization: "Bearer anything-at-all-here")
            #expect(status == .forbidden)
            #expect(body.contains("no admin token"))
            // Reads stay open.
            #expect(try await request(client, .get, "/").0 == .ok)
            #expect(try await request(client, .get, "/targets").0 == .ok)
        }
    }

    @Test func theDashboardMayNeedTheTokenToo() async throws {
        try await withApp(access: AccessControl(token: Self.token, protectDashboard: true)) { client, _, _ in
            let (status, _, headers) = try await request(client, .get, "/")
            #expect(status == .unauthorized)
            #expect(headers[.wwwAuthenticate] == #"Basic realm="argus", charset="UTF-8""#)
            #expect(try await request(client, .get, "/dashboard/summary").0 == .unauthorized)
            let basic = "Basic " + Data("admin:\(Self.token)".utf8).base64EncodedString()
            #expect(try await request(client, .get, "/", authorization: basic).0 == .ok)
            #expect(try await request(client, .get, "/timeline", authorization: "Bearer \(Self.token)").0 == .ok)
            // The API itself stays open (peers and reference clients call it without a token).
            #expect(try await request(client, .get, "/downtime?address=0xA&from_timestamp=0&to_timestamp=1").0 == .ok)
        }
    }

    @Test func securityHeadersAndThePagesOwnPolicy() async throws {
        try await withApp(access: .open) { client, _, _ in
            let (_, html, headers) = try await request(client, .get, "/")
            #expect(headers[.xContentTypeOptions] == "nosniff")
            #expect(headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let policy = try #require(headers[.contentSecurityPolicy])
            // The hashes are of the page's actual script and style blocks.
            for (open, close) in [("<script>", "</script>"), ("<style>", "</style>")] {
                let start = try #require(html.range(of: open))
                let end = try #require(html.range(of: close, range: start.upperBound..<html.endIndex))
                let digest = Data(SHA256.hash(data: Data(html[start.upperBound..<end.lowerBound].utf8))).base64EncodedString()
                #expect(policy.contains("'sha256-\(digest)'"), "\(open) is not allowed by \(policy)")
            }
            #expect(!html.contains("style=\""), "inline style attributes would be blocked")
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
            let (_, _, json) = try await request(client, .get, "/health")
            #expect(json[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
        }
    }
}
