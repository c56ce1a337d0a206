import ArgusCore
import BLS12381
import Foundation
import PythonJSON

/// `GET /downtime`'s answer: seconds an address was down in `[from, to)`,
/// `{"address":…,"from_timestamp":…,"to_timestamp":…,"total_downtime_seconds":…}` compact in the
/// reference's field order, plus `"signature"` (stage 04) when the node signed it: a BLS
/// signature over `Statement.downtime(address:total:from:to:)` (`downtime-reference.md` §6).
/// Written by every node, read by the peer that aggregates a proof.
///
/// Example: `{"address":"0xNodeA123","from_timestamp":50,"to_timestamp":200,"total_downtime_seconds":60}`.
public struct DowntimeReport: Sendable, Hashable {
    public var address: String
    public var from: Int64
    public var to: Int64
    public var totalDowntimeSeconds: Int64
    public var signature: Signature?
    /// The maintenance windows the total leaves out (they overlap the window); listed after the
    /// signature as `"maintenance": [{"address","from","to","announced","reason"}…]`, only when
    /// there are any, so the reference's bytes are unchanged otherwise. Not signed: the signed
    /// total already excludes them.
    public var maintenance: [MaintenanceWindow] = []

    public init(address: String, from: Int64, to: Int64, totalDowntimeSeconds: Int64, signature: Signature? = nil) {
        self.address = address
        self.from = from
        self.to = to
        self.totalDowntimeSeconds = totalDowntimeSeconds
        self.signature = signature
    }

    public var statement: String { Statement.downtime(address: address, total: totalDowntimeSeconds, from: from, to: to) }

    public var json: String {
        var fields: [(String, WireJSON)] = [
            ("address", .string(address)), ("from_timestamp", .int(Int(from))), ("to_timestamp", .int(Int(to))),
            ("total_downtime_seconds", .int(Int(totalDowntimeSeconds))),
        ]
        if let signature { fields.append(("signature", .string(signature.hexString))) }
        if !maintenance.isEmpty { fields.append(("maintenance", .array(maintenance.map(\.wire)))) }
        return WireJSON.object(fields).text
    }

    /// Reads an answer; `nil` unless the fields are there and well-formed (a signature, if
    /// present, a valid G2 point).
    public init?(json data: Data) {
        struct Body: Decodable {
            var address: String
            var from_timestamp: Int64
            var to_timestamp: Int64
            var total_downtime_seconds: Int64
            var signature: String?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else { return nil }
        var signature: Signature?
        if let hex = body.signature {
            guard let value = try? Signature(hexString: hex) else { return nil }
            signature = value
        }
        self.init(address: body.address, from: body.from_timestamp, to: body.to_timestamp, totalDowntimeSeconds: body.total_downtime_seconds,
                  signature: signature)
    }
}
