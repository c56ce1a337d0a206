import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The API through the router (no sockets), against a real store and a fixed clock.
struct NodeAPITests {
    struct FixedClock: WallClock {
        var time: Double
        func now() -> Double { time }
    }

    static let targets = [
        Target(address: "0xNodeA123", check: .http(baseURL: "http://localhost:8001", path: "/health", expectedStatus: 200)),
        Target(address: "0xNodeB456", check: .tcp(host: "localhost", port: 8002)),
    ]

    /// Runs `body` against an app whose store holds the reference history: down 100..160, 300..420.
    func withApp(now: Double = 1_000, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        for (state, time) in [(HealthState.down, 100), (.up, 160), (.down, 300), (.up, 420)] {
            try await store.append(StateChange(address: "0xNodeA123", state: state, timestamp: Int64(time)))
        }
        store.recordCheck(address: "0xNodeA123", outcome: ProbeOutcome(startedAt: 990.5, healthy: true, latency: 0.0123))
        let api = NodeAPI(store: store, targets: Self.targets, clock: FixedClock(time: now))
        let app = Application(router: api.router())
        try await app.test(.router) { client in try await body(client) }
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get) { response in
            (response.status, String(buffer: response.body))
        }
    }

    @Test func downtimeIsByteCompatibleWithTheReference() async throws {
        try await withApp { client in
            let (status, body) = try await get(client, "/downtime?address=0xNodeA123&from_timestamp=50&to_timestamp=200")
            #expect(status == .ok)
            #expect(body == #"{"address":"0xNodeA123","from_timestamp":50,"to_timestamp":200,"total_downtime_seconds":60}"#)
            let (_, all) = try await get(client, "/downtime?address=0xNodeA123&from_timestamp=0&to_timestamp=1000")
            #expect(all.hasSuffix(#""total_downtime_seconds":180}"#))
            let (_, none) = try await get(client, "/downtime?address=0xNodeB456&from_timestamp=0&to_timestamp=1000")
            #expect(none.hasSuffix(#""total_downtime_seconds":0}"#))
        }
    }

    @Test func windowsPastNowStopAtNow() async throws {
        try await withApp(now: 350.9) { client in
            // down since 300, now 350: 50 s so far, whatever the window's end.
            let (_, body) = try await get(client, "/downtime?address=0xNodeA123&from_timestamp=200&to_timestamp=99999999999")
            #expect(body == #"{"address":"0xNodeA123","from_timestamp":200,"to_timestamp":99999999999,"total_downtime_seconds":50}"#)
        }
    }

    @Test(arguments: [
        ("/downtime?address=nobody&from_timestamp=0&to_timestamp=1", HTTPResponse.Status.notFound, #"{"detail":"Address not found"}"#),
        ("/downtime?from_timestamp=0&to_timestamp=1", .badRequest, #"{"detail":"Missing query parameter 'address'"}"#),
        ("/downtime?address=0xNodeA123&to_timestamp=1", .badRequest, #"{"detail":"Missing query parameter 'from_timestamp'"}"#),
        ("/downtime?address=0xNodeA123&from_timestamp=1.5&to_timestamp=2", .badRequest,
         #"{"detail":"Query parameter 'from_timestamp' must be an integer in -9223372036854775808...9223372036854775807, got '1.5'"}"#),
        ("/downtime?address=0xNodeA123&from_timestamp=0&to_timestamp=99999999999999999999", .badRequest,
         #"{"detail":"Query parameter 'to_timestamp' must be an integer in -9223372036854775808...9223372036854775807, got '99999999999999999999'"}"#),
        ("/downtime?address=0xNodeA123&from_timestamp=900&to_timestamp=600", .badRequest,
         #"{"detail":"from_timestamp (900) must not be greater than to_timestamp (600)"}"#),
        ("/downtime?address=&from_timestamp=0&to_timestamp=1", .badRequest, #"{"detail":"Query parameter 'address' is empty"}"#),
        ("/events?address=nobody", .notFound, #"{"detail":"Address not found"}"#),
        ("/events?address=0xNodeA123&limit=0", .badRequest, #"{"detail":"Query parameter 'limit' must be in 1...10000, got 0"}"#),
        ("/events?address=0xNodeA123&after=soon", .badRequest,
         #"{"detail":"Query parameter 'after' must be an integer in -9223372036854775808...9223372036854775807, got 'soon'"}"#),
        ("/nowhere", .notFound, #"{"detail":"No route for GET /nowhere"}"#),
    ])
    func clientErrorsAreJSONAndNameTheProblem(uri: String, status: HTTPResponse.Status, body: String) async throws {
        try await withApp { client in
            let (actualStatus, actualBody) = try await get(client, uri)
            #expect(actualStatus == status)
            #expect(actualBody == body)
        }
    }

    @Test func odditiesNeverProduceServerErrors() async throws {
        let queries = [
            "/downtime?address=0xNodeA123&from_timestamp=-9223372036854775808&to_timestamp=9223372036854775807",
            "/downtime?address=0xNodeA123&from_timestamp=%00&to_timestamp=1",
            "/downtime?address=%F0%9F%92%A5&from_timestamp=0&to_timestamp=1",
            "/downtime?address=0xNodeA123&address=x&from_timestamp=0&to_timestamp=0",
            "/downtime?address=0xNodeA123&from_timestamp=+5&to_timestamp=0x10",
            "/downtime?&&&=&address",
            "/events?address=0xNodeA123&limit=99999999999999999999999",
            "/targets?x=1", "/health?", "/%2e%2e/etc/passwd",
        ]
        try await withApp { client in
            for query in queries {
                let (status, body) = try await get(client, query)
                #expect(status.code < 500, "\(query) → \(status)")
                #expect(body.hasPrefix("{"), "\(query) → \(body)")
            }
            let post = try await client.execute(uri: "/downtime", method: .post) { $0.status }
            #expect(post.code >= 400 && post.code < 500)
        }
    }

    @Test func targetsAndEvents() async throws {
        try await withApp { client in
            let (status, targets) = try await get(client, "/targets")
            #expect(status == .ok)
            #expect(targets == #"{"retired":[],"targets":[{"address":"0xNodeA123","check":"http","checks":1,"degraded":false,"endpoint":"http://localhost:8001/health","#
                + #""last_check":{"at":990.5,"degraded":false,"healthy":true,"latency_ms":12.3},"since":420,"state":"up"},"#
                + #"{"address":"0xNodeB456","check":"tcp","checks":0,"degraded":false,"endpoint":"localhost:8002","since":0,"state":"up"}]}"#)
            let (_, events) = try await get(client, "/events?address=0xNodeA123&after=160")
            #expect(events == #"{"address":"0xNodeA123","events":[{"state":"down","timestamp":300},{"state":"up","timestamp":420}],"since":420,"state":"up"}"#)
            let (_, health) = try await get(client, "/health")
            // target_set: SHA-256 of the sorted addresses, one per line.
            #expect(health == #"{"status":"ok","target_set":"\#(TargetSet.digest(of: ["0xNodeB456", "0xNodeA123"]))","targets":2,"time":1000}"#)
            #expect(TargetSet.digest(of: ["0xNodeA123", "0xNodeB456"]) == "98570019bd090f7f947f7d2ae2990e06584712f39badfce515657da3b73ab18d")
        }
    }
}
