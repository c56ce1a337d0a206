import ArgusCore
import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation

/// Asks other monitoring nodes for their signed observations and downtime reports (the
/// reference's `/state` and `/downtime`), each within `timeout`. Any failure — unreachable, slow,
/// non-200, malformed, an answer about something else — is `nil`: that peer does not sign.
public struct PeerClient: Sendable {
    let http: HTTPClient
    let timeout: Double

    public init(http: HTTPClient, timeout: Double) {
        self.http = http
        self.timeout = timeout
    }

    public struct StateAnswer: Sendable, Hashable {
        public var state: HealthState
        public var signature: Signature
    }

    public struct DowntimeAnswer: Sendable, Hashable {
        public var total: Int64
        public var signature: Signature
    }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    func get(_ url: String) async -> Data? {
        guard let response = try? await http.execute(HTTPClientRequest(url: url), timeout: .milliseconds(Int64(timeout * 1000))),
              response.status == .ok,
              let body = try? await response.body.collect(upTo: 1 << 16) else { return nil }
        return Data(body.readableBytesView)
    }

    static func base(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    public func state(of peer: MonitoringNode, address: String, timestamp: Int64) async -> StateAnswer? {
        struct Body: Decodable { var address: String; var state: HealthState; var timestamp: Int64; var signature: String }
        let url = "\(Self.base(peer.url))/state?\(Self.query([("address", address), ("timestamp", String(timestamp))]))"
        guard let data = await get(url), let body = try? JSONDecoder().decode(Body.self, from: data),
              body.address == address, body.timestamp == timestamp,
              let signature = try? Signature(hexString: body.signature) else { return nil }
        return StateAnswer(state: body.state, signature: signature)
    }

    public func downtime(of peer: MonitoringNode, address: String, from: Int64, to: Int64) async -> DowntimeAnswer? {
        struct Body: Decodable {
            var address: String
            var from_timestamp: Int64
            var to_timestamp: Int64
            var total_downtime_seconds: Int64
            var signature: String?
        }
        let url = "\(Self.base(peer.url))/downtime?\(Self.query([("address", address), ("from_timestamp", String(from)), ("to_timestamp", String(to))]))"
        guard let data = await get(url), let body = try? JSONDecoder().decode(Body.self, from: data),
              body.address == address, body.from_timestamp == from, body.to_timestamp == to,
              let signature = body.signature.flatMap({ try? Signature(hexString: $0) }) else { return nil }
        return DowntimeAnswer(total: body.total_downtime_seconds, signature: signature)
    }
}
