import BLS12381
import Foundation
import PythonJSON

/// A quorum proof of a downtime total: what `GET /aggregate_downtime` returns and `argus verify`
/// checks. The reference's fields (`downtime-reference.md` §6) —
/// `address, from_timestamp, to_timestamp, total_downtime_seconds, aggregated_signature,
/// non_signing_nodes` — plus what a verifier wants to read without recomputing: `signers`,
/// `quorum`, the signed `message`, and `as_of`, the replicated-log position the total was
/// computed at. Only the reference's fields are signed; the others are checked for consistency.
public struct DowntimeProof: Sendable, Hashable {
    public var address: String
    public var from: Int64
    public var to: Int64
    public var totalDowntimeSeconds: Int64
    public var aggregatedSignature: Signature
    public var nonSigningNodes: [String]
    public var signers: [String]?
    public var quorum: String?
    public var message: String?
    /// Zellular index of the last event applied when the total was computed.
    public var asOfIndex: Int?

    public init(address: String, from: Int64, to: Int64, totalDowntimeSeconds: Int64, aggregatedSignature: Signature,
                nonSigningNodes: [String], signers: [String]? = nil, quorum: String? = nil, message: String? = nil, asOfIndex: Int? = nil) {
        self.address = address
        self.from = from
        self.to = to
        self.totalDowntimeSeconds = totalDowntimeSeconds
        self.aggregatedSignature = aggregatedSignature
        self.nonSigningNodes = nonSigningNodes
        self.signers = signers
        self.quorum = quorum
        self.message = message
        self.asOfIndex = asOfIndex
    }

    public var statement: String {
        Statement.downtime(address: address, total: totalDowntimeSeconds, from: from, to: to)
    }

    /// Compact JSON as the reference's FastAPI writes it, its fields first in its order, then the
    /// verifier's extras.
    public var json: String {
        var fields: [(String, WireJSON)] = [
            ("address", .string(address)), ("from_timestamp", .int(Int(from))), ("to_timestamp", .int(Int(to))),
            ("total_downtime_seconds", .int(Int(totalDowntimeSeconds))), ("aggregated_signature", .string(aggregatedSignature.hexString)),
            ("non_signing_nodes", .array(nonSigningNodes.map(WireJSON.string))),
        ]
        if let signers { fields.append(("signers", .array(signers.map(WireJSON.string)))) }
        if let quorum { fields.append(("quorum", .string(quorum))) }
        if let message { fields.append(("message", .string(message))) }
        if let asOfIndex { fields.append(("as_of", .object([("zellular_index", .int(asOfIndex))]))) }
        return WireJSON.object(fields).text
    }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case notJSON(String)
        case inconsistent(String)

        public var description: String {
            switch self {
            case let .notJSON(reason): "not a downtime proof: \(reason)"
            case let .inconsistent(reason): "inconsistent proof: \(reason)"
            }
        }
    }

    struct Wire: Decodable {
        struct AsOf: Decodable { var zellular_index: Int? }
        var address: String
        var from_timestamp: Int64
        var to_timestamp: Int64
        var total_downtime_seconds: Int64
        var aggregated_signature: String
        var non_signing_nodes: [String]
        var signers: [String]?
        var quorum: String?
        var message: String?
        var as_of: AsOf?
    }

    /// Parses a proof document; the optional `message` and `signers` must agree with the signed fields.
    public init(json data: Data) throws(ParseError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: data)
        } catch {
            throw .notJSON(Registry.reason(error))
        }
        let signature: Signature
        do {
            signature = try Signature(hexString: wire.aggregated_signature)
        } catch {
            throw .notJSON("aggregated_signature: \(error)")
        }
        guard wire.from_timestamp >= 0, wire.from_timestamp <= wire.to_timestamp, wire.total_downtime_seconds >= 0,
              wire.total_downtime_seconds <= wire.to_timestamp - wire.from_timestamp else {
            throw .inconsistent("a total of \(wire.total_downtime_seconds) s does not fit the window [\(wire.from_timestamp), \(wire.to_timestamp)]")
        }
        self.init(address: wire.address, from: wire.from_timestamp, to: wire.to_timestamp, totalDowntimeSeconds: wire.total_downtime_seconds,
                  aggregatedSignature: signature, nonSigningNodes: wire.non_signing_nodes, signers: wire.signers, quorum: wire.quorum,
                  message: wire.message, asOfIndex: wire.as_of?.zellular_index)
        if let message, message != statement {
            throw .inconsistent("message \"\(message)\" is not the statement of these fields (\"\(statement)\")")
        }
        if let signers, Set(signers).intersection(nonSigningNodes).first != nil {
            throw .inconsistent("a node is listed as both signer and non-signer")
        }
    }
}
