import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Zellular
import ZellularHTTP
import ZellularSequencer

/// The client finding its network over HTTP: an EigenLayer subgraph (served by a test server that
/// answers GraphQL as The Graph does) and gateway selection among live nodes.
@Suite(.serialized)
struct NetworkDiscoveryTests {
    /// Records the GraphQL queries it receives and answers with the embedded sequencer's operator.
    final class FakeSubgraph: @unchecked Sendable {
        let lock = NSLock()
        var queries: [String] = []
        let head: Int
        let operatorsJSON: String

        init(head: Int, operatorsJSON: String) {
            self.head = head
            self.operatorsJSON = operatorsJSON
        }

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            router.post("/graphql") { request, _ -> Response in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 16))
                let query = (try? JSONDecoder().decode([String: String].self, from: Data(body.utf8)))?["query"] ?? ""
                self.lock.withLock { self.queries.append(query) }
                let answer = query.contains("_meta") ? #"{"data": {"_meta": {"block": {"number": \#(self.head)}}}}"#
                    : query.contains("operators") ? #"{"data": {"operators": \#(self.operatorsJSON)}}"#
                    : #"{"errors": [{"message": "unknown query"}]}"#
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer)))
            }
            return router
        }

        var recorded: [String] { lock.withLock { queries } }
    }

    static func operatorJSON(_ identity: SequencerIdentity, socket: String, weiStake: String) -> String {
        let key = identity.key.publicKey
        return """
            [{"id": "\(identity.id)", "socket": "\(socket)", "stake": "\(weiStake)",
              "pubkeyG2_X": ["\(key.pubkeyG2X[0])", "\(key.pubkeyG2X[1])"], "pubkeyG2_Y": ["\(key.pubkeyG2Y[0])", "\(key.pubkeyG2Y[1])"]}]
            """
    }

    /// The embedded sequencer described by a subgraph: the client verifies its stream with the
    /// operator set read over GraphQL, asks once per tag, and reads the head minus five.
    @Test func verifiesAgainstAnEigenLayerSubgraph() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await EmbeddedSequencerTests().withSequencer(directory: directory) { sequencer, gateway in
            let subgraph = FakeSubgraph(head: 8_000_100, operatorsJSON: Self.operatorJSON(sequencer.identity, socket: gateway, weiStake: "32000000000000000000"))
            try await Application(router: subgraph.router()).test(.live) { server in
                let network = EigenLayerNetwork(subgraphURL: "http://127.0.0.1:\(try #require(server.port))/graphql")
                #expect(try await network.currentTag() == 8_000_095)
                let current = try await network.currentOperators()
                #expect(current.totalStake == Stake(decimal: "1"))  // 32 ETH capped at 1.0
                #expect(subgraph.recorded.last?.contains("operators(block: { number: 8000095 })") == true)

                let chosen = try await GatewaySelector(network: network, appName: EmbeddedSequencerTests.app).select()
                #expect(chosen == gateway)
                var client = ZellularClient(http: .shared, gateway: chosen, appName: EmbeddedSequencerTests.app, network: network)
                client.pollInterval = 0.05
                let bodies = (1...12).map { "batch \($0)" }
                for body in bodies { try await client.send(body) }
                let read = try await EmbeddedSequencerTests().collect(client.batches(after: 0), count: bodies.count)
                #expect(read.map(\.body) == bodies)
                #expect(try await client.lastFinalized()?.index == bodies.count)
                // The sequencer signs with tag 0: one operators query (without a block filter) for
                // every signature read, however many there were.
                let tagZero = subgraph.recorded.filter { $0.contains("operators {") }
                #expect(tagZero.count == 1, "\(subgraph.recorded)")
            }
        }
    }

    /// An operator the subgraph does not list cannot finalize anything: the stream is refused.
    @Test func refusesSignaturesOfOperatorsTheSubgraphDoesNotList() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let stranger = try SequencerIdentity.loadOrCreate(keyFile: directory.url.appendingPathComponent("stranger.key").path)
        try await EmbeddedSequencerTests().withSequencer(directory: directory) { _, gateway in
            let subgraph = FakeSubgraph(head: 100, operatorsJSON: Self.operatorJSON(stranger, socket: gateway, weiStake: "1000000000000000000"))
            try await Application(router: subgraph.router()).test(.live) { server in
                let network = EigenLayerNetwork(subgraphURL: "http://127.0.0.1:\(try #require(server.port))/graphql")
                let client = ZellularClient(http: .shared, gateway: gateway, appName: EmbeddedSequencerTests.app, network: network)
                try await client.send("forged?")
                await #expect {
                    for try await _ in client.batches(after: 0) {}
                } throws: { error in
                    "\(error)".contains("refused")
                }
            }
        }
    }

    /// Gateway selection over HTTP: several nodes behind one test server (sockets differ by path)
    /// plus the real embedded sequencer; only the caught-up, highest-version, non-sequencer ones
    /// are chosen, and a node that does not answer is dropped.
    @Test func selectsAmongLiveNodes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await EmbeddedSequencerTests().withSequencer(directory: directory) { sequencer, gateway in
            let app = EmbeddedSequencerTests.app
            let states: [String: String] = [
                "sequencer": #"{"sequencer": true, "version": "v0.1.7", "apps": {"\#(app)": {"last_sequenced_index": 0, "last_locked_index": 0, "last_finalized_index": 0}}}"#,
                "newer-but-broken": #"{"sequencer": false, "version": "v0.1.8", "apps": {}}"#,
                "old": #"{"sequencer": false, "version": "v0.1.6", "apps": {"\#(app)": {"last_sequenced_index": 0, "last_locked_index": 0, "last_finalized_index": 0}}}"#,
                "peer": #"{"sequencer": false, "version": "0.1.7", "apps": {"\#(app)": {"last_sequenced_index": 0, "last_locked_index": 0, "last_finalized_index": 0}}}"#,
            ]
            let router = Router()
            router.get("/:node/node/state") { _, context -> Response in
                guard let state = states[context.parameters.get("node") ?? ""] else { return Response(status: .serviceUnavailable) }
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"status": "success", "data": \#(state)}"#)))
            }
            try await Application(router: router).test(.live) { server in
                let base = "http://127.0.0.1:\(try #require(server.port))"
                let key = sequencer.identity.key.publicKey
                let sockets = ["sequencer", "newer-but-broken", "old", "peer", "unavailable"].map { "\(base)/\($0)" } + [gateway]
                let network = StaticNetwork(OperatorSet(sockets.enumerated().map { position, socket in
                    Operator(id: "0x\(position)", socket: socket, stake: Stake(decimal: "1")!, publicKey: key)
                }))
                let selector = GatewaySelector(network: network, appName: app)
                #expect(try await selector.candidates().map(\.socket) == ["\(base)/peer", gateway])
                var seen: Set<String> = []
                var generator = SeededGenerator(seed: 9)
                for _ in 0..<20 { seen.insert(try await selector.select(using: &generator)) }
                #expect(seen == ["\(base)/peer", gateway])
                await #expect(throws: GatewaySelector.NoActiveOperators.self) {
                    try await GatewaySelector(network: network, appName: "another-app").select()
                }
            }
        }
    }
}
