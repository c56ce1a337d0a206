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

/// Our client against the embedded sequencer over real HTTP on loopback.
@Suite(.serialized)
struct EmbeddedSequencerTests {
    static let app = "downtime-monitoring"

    /// Runs `body` with a live sequencer (finalizer running) on a free port.
    func withSequencer(directory: TemporaryDirectory, writeToken: String? = nil,
                       _ body: @Sendable (EmbeddedSequencer, String) async throws -> Void) async throws {
        let store = try SequencerStore(path: directory.url.appendingPathComponent("sequencer.sqlite").path)
        let identity = try SequencerIdentity.loadOrCreate(keyFile: directory.url.appendingPathComponent("operator.key").path)
        let sequencer = EmbeddedSequencer(store: store, identity: identity, apps: [Self.app])
        let finalizer = Task { await sequencer.runFinalizer(interval: 0.05) }
        defer { finalizer.cancel() }
        var api = SequencerAPI(sequencer: sequencer)
        api.writeToken = writeToken
        let application = Application(router: api.router())
        try await application.test(.live) { client in
            try await body(sequencer, "http://127.0.0.1:\(try #require(client.port))")
        }
    }

    func client(_ sequencer: EmbeddedSequencer, _ gateway: String) throws -> ZellularClient {
        var client = ZellularClient(
            http: HTTPClient.shared, gateway: gateway, appName: Self.app,
            network: try OperatorSet.staticNetwork(json: sequencer.identity.nodesJSON(socket: gateway)))
        client.pollInterval = 0.05
        // Generous: the whole suite runs in parallel on two cores, and a loaded run once took
        // longer than the default 5 s to answer one request (HTTPClientError.deadlineExceeded).
        client.requestTimeout = 30
        return client
    }

    func collect(_ stream: AsyncThrowingStream<FinalizedStream.Batch, any Error>, count: Int) async throws -> [FinalizedStream.Batch] {
        var out: [FinalizedStream.Batch] = []
        for try await batch in stream {
            out.append(batch)
            if out.count == count { break }
        }
        return out
    }

    @Test func sendReadResumeAndRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bodies = (1...20).map { #"[{"address": "0xNode\#($0)", "state": "down", "timestamp": \#(1714130000 + $0)}]"# }
        try await withSequencer(directory: directory) { sequencer, gateway in
            let client = try client(sequencer, gateway)
            #expect(try await client.lastFinalized() == nil)
            for body in bodies { try await client.send(body) }
            let read = try await collect(client.batches(after: 0), count: 20)
            #expect(read.map(\.body) == bodies)
            #expect(read.map(\.index) == Array(1...20))
            let resumed = try await collect(client.batches(after: 7), count: 13)
            #expect(resumed.map(\.index) == Array(8...20))
            let last = try #require(try await client.lastFinalized())
            #expect(last.index == 20)
        }
        // A new process on the same files: the same history, still verifiable with the same key.
        try await withSequencer(directory: directory) { sequencer, gateway in
            let client = try client(sequencer, gateway)
            try await client.send("after restart")
            let read = try await collect(client.batches(after: 0), count: 21)
            #expect(read.map(\.body) == bodies + ["after restart"])
        }
    }

    @Test func nodeErrorsUseTheNodeEnvelope() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await withSequencer(directory: directory) { _, gateway in
            func call(_ method: String, _ path: String, _ body: String? = nil, type: String = "text/plain") async throws -> (Int, String) {
                var request = HTTPClientRequest(url: gateway + path)
                request.method = method == "PUT" ? .PUT : .GET
                request.headers.add(name: "Content-Type", value: type)
                if let body { request.body = .bytes(ByteBuffer(string: body)) }
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
                return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
            }
            #expect(try await call("PUT", "/node/other/batches", "x") ==
                (400, #"{"status":"error","error":{"code":"InvalidRequestError","message":"Invalid app name: other."}}"#))
            #expect(try await call("PUT", "/node/\(Self.app)/batches", String(repeating: "x", count: 5121)) ==
                (429, #"{"status":"error","error":{"code":"BatchSizeExceededError","message":"The batch exceeds the maximum allowed size."}}"#))
            #expect(try await call("PUT", "/node/\(Self.app)/batches", String(repeating: "x", count: 5120)) ==
                (200, #"{"status":"success","message":"The batch is received successfully.","data":{}}"#))
            #expect(try await call("PUT", "/node/\(Self.app)/batches", #"[{"a": 1}]"#, type: "application/json").0 == 422)
            #expect(try await call("PUT", "/node/\(Self.app)/batches", #""as a JSON string""#, type: "application/json").0 == 200)
            #expect(try await call("PUT", "/node/\(Self.app)/batches", "").0 == 422)
            #expect(try await call("GET", "/node/\(Self.app)/batches/finalized?after=-1").0 == 422)
            let state = try await call("GET", "/node/state")
            #expect(state.0 == 200)
            #expect(state.1.contains(#""sequencer":false,"version":"v0.1.7""#))
        }
    }

    /// With a write token, only writers that send it may append; reads stay open.
    @Test func writesNeedTheBearerTokenWhenOneIsSet() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await withSequencer(directory: directory, writeToken: "s3cret-token") { sequencer, gateway in
            func put(_ authorization: String?) async throws -> Int {
                var request = HTTPClientRequest(url: gateway + "/node/\(Self.app)/batches")
                request.method = .PUT
                request.headers.add(name: "Content-Type", value: "text/plain")
                if let authorization { request.headers.add(name: "Authorization", value: authorization) }
                request.body = .bytes(ByteBuffer(string: "[]"))
                return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
            }
            #expect(try await put(nil) == 401)
            #expect(try await put("Bearer wrong-token!") == 401)
            #expect(try await put("Bearer s3cret-tok") == 401)
            #expect(try await put("s3cret-token") == 401)
            #expect(try await put("Bearer s3cret-token") == 200)
            var writer = try client(sequencer, gateway)
            await #expect(throws: (any Error).self) { try await writer.send("[1]") }
            writer.writeToken = "s3cret-token"
            try await writer.send("[2]")
            let read = try await collect(writer.batches(after: 0), count: 2)
            #expect(read.map(\.body) == ["[]", "[2]"])
        }
    }

    /// A gateway that serves tampered batches is refused, with the reason.
    @Test func refusesATamperingGateway() async throws {
        let vectors = try #require(FinalizationMessageVectors.shared)
        let original = try #require(vectors.static_network.http["GET /node/{app}/batches/finalized?after=0"])
        let text = original.replacingOccurrences(of: #"\"state\": \"down\", \"timestamp\": 1714130000"#, with: #"\"state\": \"up\", \"timestamp\": 1714130000"#)
        let router = Router()
        router.get("/node/:app/batches/finalized") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let network = try OperatorSet.staticNetwork(json: vectors.static_network.nodes_json_text)
        try await Application(router: router).test(.live) { http in
            let client = ZellularClient(http: HTTPClient.shared, gateway: "http://127.0.0.1:\(try #require(http.port))",
                                        appName: Self.app, network: network)
            await #expect(throws: ZellularClient.ClientError.self) {
                for try await _ in client.batches(after: 0) {}
            }
        }
    }
}

/// The embedded sequencer's finalization signatures checked by an independent implementation
/// (py_ecc + python-xxhash, `scripts/zellular/verify_finalized.py`) from its HTTP responses.
struct IndependentSequencerCheckTests {
    @Test(.enabled(if: Python.canImport("py_ecc") && Python.canImport("xxhash"), "py_ecc and xxhash are not installed"))
    func pyECCVerifiesTheSequencersSignatures() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await EmbeddedSequencerTests().withSequencer(directory: directory) { sequencer, gateway in
            let client = try EmbeddedSequencerTests().client(sequencer, gateway)
            try await client.send(#"[{"address": "0xNodeA123", "state": "down", "timestamp": 1714130000}]"#)
            try await client.send("é ünïcode and \"quotes\"")
            _ = try await EmbeddedSequencerTests().collect(client.batches(after: 0), count: 2)
            try await client.send("third")
            _ = try await EmbeddedSequencerTests().collect(client.batches(after: 2), count: 1)
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "\(gateway)/node/\(EmbeddedSequencerTests.app)/batches/finalized?after=0"), timeout: .seconds(5))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            let input = try JSONSerialization.data(withJSONObject: [
                "app": EmbeddedSequencerTests.app, "nodes_json": sequencer.identity.nodesJSON(socket: gateway), "response": text,
            ])
            let (status, output) = Python.run([Python.script("scripts/zellular/verify_finalized.py")], input: input)
            #expect(status == 0, "\(output)")
            #expect(output.hasPrefix("OK ") && output != "OK 0\n", "\(output)")
        }
    }
}
