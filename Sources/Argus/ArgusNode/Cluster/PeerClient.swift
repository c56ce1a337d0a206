import ArgusCore
import ArgusProof
import BLS12381
import AsyncHTTPClient
import Foundation

/// Asks other monitoring nodes for their signed observations and downtime reports (the
/// reference's `/state` and `/downtime`) and for their epoch signatures and reports (`/epochs`),
/// each within `timeout`, and reads the answers with the wire messages' own readers
/// (`StateAttestation`, `DowntimeReport`, `EpochSignature`, `EpochReport`). Any failure — unreachable,
/// slow, non-200, malformed, an answer about something else — is `nil`: that peer does not sign.
public struct PeerClient: Sendable {
    let http: HTTPClient
    let timeout: Double

    public init(http: HTTPClient, timeout: Double) {
        self.http = http
        self.timeout = timeout
    }

    /// The same client with another timeout.
    public func with(timeout: Double) -> PeerClient { PeerClient(http: http, timeout: timeout) }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    func get(_ url: String, limit: Int = 1 << 16) async -> Data? {
        guard let response = try? await http.execute(HTTPClientRequest(url: url), timeout: .milliseconds(Int64(timeout * 1000))),
              response.status == .ok,
              let body = try? await response.body.collect(upTo: limit) else { return nil }
        return Data(body.readableBytesView)
    }

    static func base(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    /// Whether `peer` answers `GET /health` with 200.
    public func health(of peer: MonitoringNode) async -> Bool {
        await get("\(Self.base(peer.url))/health") != nil
    }

    /// `peer`'s `/health`: whether it answered, and its target set's digest (`nil` from a node
    /// that does not report one, e.g. the reference's).
    public func healthAndTargetSet(of peer: MonitoringNode) async -> (answers: Bool, targetSet: String?) {
        struct Health: Decodable { var target_set: String? }
        guard let data = await get("\(Self.base(peer.url))/health") else { return (false, nil) }
        return (true, (try? JSONDecoder().decode(Health.self, from: data))?.target_set)
    }

    /// `peer`'s signature over an announced maintenance window (`GET /maintenance/attest`), or
    /// `nil` if it refused or did not answer.
    public func maintenance(of peer: MonitoringNode, window: MaintenanceWindow) async -> Signature? {
        struct Answer: Decodable { var signature: String }
        let url = "\(Self.base(peer.url))/maintenance/attest?" + Self.query([
            ("address", window.address), ("from", String(window.from)), ("to", String(window.to)),
            ("announced", String(window.announced)), ("reason", window.reason),
        ])
        guard let data = await get(url), let answer = try? JSONDecoder().decode(Answer.self, from: data) else { return nil }
        return try? Signature(hexString: answer.signature)
    }

    /// `peer`'s signed observation of `address` at `timestamp`.
    public func state(of peer: MonitoringNode, address: String, timestamp: Int64) async -> StateAttestation? {
        let url = "\(Self.base(peer.url))/state?\(Self.query([("address", address), ("timestamp", String(timestamp))]))"
        guard let data = await get(url), let answer = StateAttestation(json: data),
              answer.address == address, answer.timestamp == timestamp else { return nil }
        return answer
    }

    /// Asks `peer`'s `/state` about `address` at `timestamp` for the asking's sake (a nudge: the
    /// peer checks the target); whether it answered at all, with any status.
    public func nudge(_ peer: MonitoringNode, address: String, timestamp: Int64) async -> Bool {
        let url = "\(Self.base(peer.url))/state?\(Self.query([("address", address), ("timestamp", String(timestamp))]))"
        guard let response = try? await http.execute(HTTPClientRequest(url: url), timeout: .milliseconds(Int64(timeout * 1000))) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return true
    }

    /// `peer`'s signed downtime report of `address` over `[from, to)` (only signed answers).
    public func downtime(of peer: MonitoringNode, address: String, from: Int64, to: Int64) async -> DowntimeReport? {
        let url = "\(Self.base(peer.url))/downtime?\(Self.query([("address", address), ("from_timestamp", String(from)), ("to_timestamp", String(to))]))"
        guard let data = await get(url), let answer = DowntimeReport(json: data),
              answer.address == address, answer.from == from, answer.to == to, answer.signature != nil else { return nil }
        return answer
    }

    /// `peer`'s signature over its statement for `epoch` (`GET /epochs/{n}/signature`).
    public func epochSignature(of peer: MonitoringNode, epoch: UInt64) async -> EpochSignature? {
        guard let data = await get("\(Self.base(peer.url))/epochs/\(epoch)/signature"), let answer = EpochSignature(json: data),
              answer.epoch == epoch, answer.node == peer.name else { return nil }
        return answer
    }

    /// `peer`'s stored report of `epoch` (`GET /epochs/{n}`), unverified: the caller checks it.
    public func epochReport(of peer: MonitoringNode, epoch: UInt64) async -> EpochReport? {
        guard let data = await get("\(Self.base(peer.url))/epochs/\(epoch)", limit: 1 << 26),
              let report = try? EpochReport(json: data), report.content.epoch == epoch else { return nil }
        return report
    }
}
