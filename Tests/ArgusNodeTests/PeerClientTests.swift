import ArgusCore
import ArgusNode
import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The peer client against a live server that answers well, badly, slowly or about something
/// else: only a well-formed answer about the asked address and time is a signature.
struct PeerClientTests {
    static let key = try! PrivateKey(keyGenSeed: [UInt8](repeating: 5, count: 32))

    /// `/state` and `/downtime` whose answer depends on the address asked about.
    static func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/state") { request, _ -> Response in
            let address = request.uri.queryParameters.get("address") ?? ""
            let timestamp = Int64(request.uri.queryParameters.get("timestamp") ?? "") ?? 0
            let good = StateAttestation(address: address, state: .down, timestamp: timestamp,
                                        signature: key.signature(for: Array(Statement.state(address: address, state: .down, timestamp: timestamp).utf8)))
            switch address {
            case "good": return text(good.json)
            case "other": return text(StateAttestation(address: "someone-else", state: .down, timestamp: timestamp, signature: good.signature).json)
            case "late": return text(StateAttestation(address: address, state: .down, timestamp: timestamp - 1, signature: good.signature).json)
            case "garbage": return text(#"{"address":"garbage","state":"down","timestamp":1,"signature":"c0ffee"}"#)
            case "slow":
                try await Task.sleep(for: .seconds(6))
                return text(good.json)
            default: return Response(status: .notFound)
            }
        }
        router.get("/downtime") { request, _ -> Response in
            let address = request.uri.queryParameters.get("address") ?? ""
            var report = DowntimeReport(address: address, from: 10, to: 20, totalDowntimeSeconds: 4)
            if address == "good" { report.signature = key.signature(for: Array(report.statement.utf8)) }
            return text(report.json)
        }
        return router
    }

    static func text(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Test func onlyWellFormedAnswersAboutTheQuestionCount() async throws {
        try await Application(router: Self.router()).test(.live) { client in
            let peer = MonitoringNode(name: "Peer", url: "http://127.0.0.1:\(try #require(client.port))/", publicKey: Self.key.publicKey)
            let peers = PeerClient(http: HTTPClient.shared, timeout: 3)   // generous: the whole suite runs beside it; "slow" takes 6 s
            let answer = try #require(await peers.state(of: peer, address: "good", timestamp: 1_000))
            #expect(answer.state == .down && Self.key.publicKey.isValidSignature(answer.signature, for: Array(answer.statement.utf8)))
            for address in ["other", "late", "garbage", "slow", "missing"] {
                #expect(await peers.state(of: peer, address: address, timestamp: 1_000) == nil, "\(address)")
            }
            let report = try #require(await peers.downtime(of: peer, address: "good", from: 10, to: 20))
            #expect(report.totalDowntimeSeconds == 4 && report.signature != nil)
            // An unsigned answer, or one about another window, does not count.
            #expect(await peers.downtime(of: peer, address: "unsigned", from: 10, to: 20) == nil)
            #expect(await peers.downtime(of: peer, address: "good", from: 10, to: 21) == nil)
            #expect(await peers.health(of: peer) == false)
        }
    }
}
