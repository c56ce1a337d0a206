import ArgusCore
import ArgusDemo
import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A byzantine member (a mode of this tool, not of the product): a fourth member of the registry,
/// with a real key, that lies to its peers and attacks the log.
extension ChaosContext {
    /// What Node4 does when asked: always "down", validly signed, whatever it saw; garbage for
    /// everything else a peer may ask.
    func byzantineRouter(key: PrivateKey) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok","targets":2,"time":0}"#))) }
        router.get("/state") { request, _ -> Response in
            let address = request.uri.queryParameters["address"].map(String.init) ?? ""
            let timestamp = request.uri.queryParameters["timestamp"].flatMap { Int64(String($0)) } ?? 0
            let signature = key.signature(for: Array(Statement.state(address: address, state: .down, timestamp: timestamp).utf8))
            let body = StateAttestation(address: address, state: .down, timestamp: timestamp, signature: signature).json
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/**") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"signature": "zz", "garbage": [1, 2"#))) }
        return router
    }

    public func byzantine() async -> ScenarioResult {
        await run("byzantine member", repetitions: 1,
                  injected: "Node4 (a real key) signs 'down' for anything, answers peers with garbage, sends under-quorum, forged and garbage events to the sequencer, replays an old proof, and floods Node1's /state with 2,000 requests",
                  checked: "Node1–3 record no false change (B never down stays clean), prove A's down and up, and list each refusal with its reason") { result in
            let (a, b) = (Self.a, Self.b)
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("byzantine"), options: options(nodes: 4), proxied: false)
            defer { Task { await chaos.shutdown() } }
            let honest = ["Node1", "Node2", "Node3"]
            try await chaos.start(members: honest)
            guard let node4 = chaos.cluster.members.first(where: { $0.name == "Node4" }) else { throw ChaosFailure("no Node4") }
            let key = try Keystore.decrypt(json: try String(contentsOf: node4.directory.appendingPathComponent("keystore.json"), encoding: .utf8),
                                           password: try String(contentsOf: node4.directory.appendingPathComponent("password"), encoding: .utf8))
            var logger = Logger(label: "byzantine")
            logger.logLevel = .critical
            let server = Application(router: byzantineRouter(key: key), configuration: .init(address: .hostname("127.0.0.1", port: node4.port)),
                                     logger: logger)
            let serving = Task { try await server.runService() }
            defer { serving.cancel() }
            try await Task.sleep(for: .seconds(2))

            let now = Int64(Date().timeIntervalSince1970)
            // Under quorum: only Node4 signed B down.
            let lonely = StateEvent(address: b, state: .down, timestamp: now, aggregatedSignature: key.signature(for: Array(Statement.state(address: b, state: .down, timestamp: now).utf8)),
                                    nonSigningNodes: honest)
            try await chaos.sendToSequencer(lonely.batchBody)
            // Forged: Node4's signature claimed as everyone's.
            let forged = StateEvent(address: b, state: .down, timestamp: now, aggregatedSignature: key.signature(for: Array("anything".utf8)), nonSigningNodes: [])
            try await chaos.sendToSequencer(forged.batchBody)
            for garbage in ["hello", "[1]", #"[{"address": "0xNodeB456", "state": "sideways", "timestamp": 1}]"#] { try await chaos.sendToSequencer(garbage) }

            // Meanwhile the honest change, and a flood of /state.
            let flood = Task {
                var limited = 0
                await withTaskGroup(of: Int.self) { group in
                    for index in 0..<2000 {
                        group.addTask {
                            let stamp = Int64(Date().timeIntervalSince1970)
                            return (try? await chaos.cluster.get("Node1", "/state?address=\(index % 2 == 0 ? a : b)&timestamp=\(stamp)").status) ?? 0
                        }
                        if index % 50 == 49 { for await status in group { if status == 429 { limited += 1 } } }
                    }
                    for await status in group where status == 429 { limited += 1 }
                }
                return limited
            }
            try await chaos.cluster.set(a, "down")
            if !(await applied(chaos, honest, a, "down")) { result.violations.append("A's down was not proven under attack") }
            try await chaos.cluster.set(a, "up")
            if !(await applied(chaos, honest, a, "up")) { result.violations.append("A's up was not proven under attack") }
            let limited = await flood.value
            result.notes.append("Node1 answered \(limited) of 2,000 flooded /state requests with 429")

            // Replay: A's proven down, sent again after A came back.
            if let first = try await chaos.events("Node1", a).events.first, first.state == "down", let proof = first.proof {
                try await chaos.sendToSequencer("[\(proof)]")
            } else {
                result.violations.append("no proof of A's down to replay")
            }
            try await Task.sleep(for: .seconds(3))
            result.violations += await chaos.converged(honest, addresses: [a, b])
            if try await chaos.events("Node1", b).events.count > 0 { result.violations.append("B, never down, has an event") }
            if try await chaos.events("Node1", a).events.map(\.state) != ["down", "up"] { result.violations.append("A's log is not one down and one up") }
            for node in honest {
                let refusals = await chaos.rejections(node)
                let expected = ["only 1 of 4 members signed", "does not verify", "the batch is not JSON", "not a JSON object", "expected \\\"up\\\" or \\\"down\\\""]
                let missing = expected.filter { !refusals.contains($0) }
                if !missing.isEmpty { result.violations.append("\(node) does not list the refusals \(missing)") }
                if !refusals.contains("a replay or a stale proposal"), !refusals.contains("not after the last applied event"),
                   !refusals.contains("a duplicate of the applied event") {
                    result.violations.append("\(node) does not list the replayed proof's refusal")
                }
            }
            await chaos.shutdown()
        }
    }
}
