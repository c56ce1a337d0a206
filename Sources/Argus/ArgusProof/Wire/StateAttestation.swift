import ArgusCore
import BLS12381
import Foundation
import PythonJSON

/// `GET /state`'s answer (stage 03): one node's signed observation of a target at a timestamp,
/// `{"address":…,"state":…,"timestamp":…,"signature":…}` in the reference's field order, compact
/// as FastAPI writes it (`downtime-reference.md` §5). The signature is over
/// `Statement.state(address:state:timestamp:)`. Written by the attesting node, read by proposers.
///
/// Example: `{"address":"0xNodeA123","state":"down","timestamp":1700000000,"signature":"a1b2…"}`
/// (the signature: 96 bytes, a compressed G2 point, in lower-case hex).
public struct StateAttestation: Sendable, Hashable {
    public var address: String
    public var state: HealthState
    public var timestamp: Int64
    public var signature: Signature

    public init(address: String, state: HealthState, timestamp: Int64, signature: Signature) {
        self.address = address
        self.state = state
        self.timestamp = timestamp
        self.signature = signature
    }

    public var statement: String { Statement.state(address: address, state: state, timestamp: timestamp) }

    public var json: String {
        WireJSON.object([
            ("address", .string(address)), ("state", .string(state.rawValue)),
            ("timestamp", .int(Int(timestamp))), ("signature", .string(signature.hexString)),
        ]).text
    }

    /// Reads an answer; `nil` unless every field is there and well-formed (a valid G2 point).
    public init?(json data: Data) {
        struct Body: Decodable { var address: String; var state: HealthState; var timestamp: Int64; var signature: String }
        guard let body = try? JSONDecoder().decode(Body.self, from: data), let signature = try? Signature(hexString: body.signature) else {
            return nil
        }
        self.init(address: body.address, state: body.state, timestamp: body.timestamp, signature: signature)
    }
}
