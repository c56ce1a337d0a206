import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusStore
import ArgusProcessSupport
import ArgusTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Bounded work per request: token buckets per client, and 429 with `retry_after` past them.
struct RequestLimitsTests {
    let rule = RequestLimits.Rule(rate: 2, burst: 3, concurrent: 1)

    @Test func aBucketRefillsAtItsRate() {
        var buckets = TokenBuckets(rule: rule)
        for _ in 0..<3 { #expect(buckets.take(client: "a", now: 100) == nil) }
        #expect(buckets.take(client: "a", now: 100) == 0.5)
        // Another client has its own bucket.
        #expect(buckets.take(client: "b", now: 100) == nil)
        // Half a second later, one token again.
        #expect(buckets.take(client: "a", now: 100.5) == nil)
        #expect(buckets.take(client: "a", now: 100.5) != nil)
        // Never more than the burst, however long idle.
        for _ in 0..<3 { #expect(buckets.take(client: "a", now: 10_000) == nil) }
        #expect(buckets.take(client: "a", now: 10_000) != nil)
    }

    @Test func memoryIsBoundedByForgettingFullBuckets() {
        var buckets = TokenBuckets(rule: rule, maxClients: 100)
        for client in 0..<1_000 { _ = buckets.take(client: "c\(client)", now: Double(client)) }
        #expect(buckets.clients <= 101)
    }

    @Test func theRouteAnswers429WithRetryAfter() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var limits = RequestLimits()
        limits.status = rule
        limits.downtime = rule
        let api = NodeAPI(store: try EventStore(directory: directory.path), targets: NodeAPITests.targets, clock: NodeAPITests.FixedClock(time: 1_000),
                          limits: limits)
        try await Application(router: api.router()).test(.router) { client in
            for _ in 0..<3 { try await client.execute(uri: "/cluster", method: .get) { #expect($0.status == .ok) } }
            try await client.execute(uri: "/cluster", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "1")
                #expect(String(buffer: response.body).contains(#""detail":"Too many requests to /cluster from this client; retry in 1 s""#))
            }
            // Other routes are not affected, nor the unsigned /downtime (it costs no signature).
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            for _ in 0..<6 {
                try await client.execute(uri: "/downtime?address=0xNodeA123&from_timestamp=0&to_timestamp=10", method: .get) { #expect($0.status == .ok) }
            }
        }
    }
}
