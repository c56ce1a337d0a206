import ArgusCore
import Testing

/// What a target shows of where it is checked: never its credentials or query.
struct TargetTests {
    @Test(arguments: [
        ("https://user:s3cret@node.example:8443/eigen/node/health?token=abc#x", "https://***@node.example:8443/eigen/node/health"),
        ("http://127.0.0.1:8001/health", "http://127.0.0.1:8001/health"),
        ("http://node/health?api_key=1", "http://node/health"),
        ("http://a@b@host/x", "http://***@host/x"),
        ("http://host/path@not-userinfo", "http://host/path@not-userinfo"),
    ])
    func urlsAreShownWithoutSecrets(url: String, shown: String) {
        #expect(Target.Check.redacted(url) == shown)
    }

    @Test func theProbeStillUsesTheWholeURL() {
        let check = Target.Check.http(baseURL: "http://user:pw@host:1", path: "/health?key=2", expectedStatus: 200)
        #expect(check.description == "http://***@host:1/health")
        #expect(Target.Check.join("http://user:pw@host:1", "/health?key=2") == "http://user:pw@host:1/health?key=2")
    }
}
