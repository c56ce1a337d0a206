import ArgusCluster
import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusStore
import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import BLS12381
import ArgusProof
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Zellular

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

    /// A log that is never read: the window below is settled by the applied cursor alone.
    struct UnusedLog: ZellularLog {
        struct Unused: Error {}
        let gateway = "unused"
        func send(_ body: String) async throws { throw Unused() }
        func batches(after cursor: ReplicationCursor) -> AsyncThrowingStream<FinalizedStream.Batch, any Error> {
            AsyncThrowingStream { $0.finish(throwing: Unused()) }
        }
        func lastFinalizedIndex() async throws -> Int? { throw Unused() }
    }

    /// Signing is what the signed /downtime's limit bounds: an answer already signed (a settled
    /// window's, cached) is served without spending a token, a new window still needs one.
    @Test func aCachedSignedAnswerSpendsNoToken() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        try await store.append(StateChange(address: "0xNodeA123", state: .down, timestamp: 100))
        _ = try await store.apply(ReplicatedBatch(cursor: ReplicationCursor(index: 1, chainingHash: "h1", isSyncPoint: true, finalizedAt: 1_000),
                                                  events: [], rejections: []), app: "app")
        let key = try PrivateKey(keyGenSeed: [UInt8](repeating: 9, count: 32))
        let registry = try Registry(nodes: [MonitoringNode(name: "Node1", url: "http://127.0.0.1:1", publicKey: key.publicKey,
                                                           proofOfPossession: key.proofOfPossession())])
        let signer = Signer(registry: registry, member: registry.nodes[0], key: key)
        let peers = PeerClient(http: .shared, timeout: 1)
        let downtime = DowntimeSigner(signer: signer, store: store, log: UnusedLog(), app: "app", settlement: Settlement(maxEventAge: 60),
                                      peers: peers, metrics: nil)
        let status = ClusterStatus(role: .verifier(signer), app: "app", maxEventAge: 60, log: UnusedLog(), peers: peers)
        var limits = RequestLimits()
        limits.downtime = RequestLimits.Rule(rate: 0.001, burst: 1, concurrent: 1)
        let api = NodeAPI(store: store, targets: NodeAPITests.targets, clock: NodeAPITests.FixedClock(time: 1_000),
                          cluster: .init(status: status, attester: nil, downtime: downtime), limits: limits)
        try await Application(router: api.router()).test(.router) { client in
            for _ in 0..<5 {
                try await client.execute(uri: "/downtime?address=0xNodeA123&from_timestamp=50&to_timestamp=200", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains(#""total_downtime_seconds":100,"signature":""#))
                }
            }
            try await client.execute(uri: "/downtime?address=0xNodeA123&from_timestamp=50&to_timestamp=300", method: .get) {
                #expect($0.status == .tooManyRequests)
            }
        }
    }
}
