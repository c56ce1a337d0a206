import BLS12381
import Foundation
import PythonJSON

/// `GET /epochs/{n}/signature`: one node's signature over its statement for a settled epoch —
/// what a peer collects to aggregate the report. A peer only uses it if the statement is the one
/// it computed itself (same domain, registry, bounds, leaves and root).
///
/// `{"epoch":…,"node":"Node2","root":"0x…","leaf_count":…,"statement":"0x…","signature":"<192 hex>"}`
public struct EpochSignature: Sendable, Hashable {
    public var epoch: UInt64
    public var node: String
    public var root: Bytes32
    public var leafCount: UInt32
    public var statement: Bytes32
    public var signature: Signature

    public init(epoch: UInt64, node: String, root: Bytes32, leafCount: UInt32, statement: Bytes32, signature: Signature) {
        self.epoch = epoch
        self.node = node
        self.root = root
        self.leafCount = leafCount
        self.statement = statement
        self.signature = signature
    }

    public var json: String {
        WireJSON.object([
            ("epoch", .number(String(epoch))), ("node", .string(node)), ("root", .string(root.hex)),
            ("leaf_count", .int(Int(leafCount))), ("statement", .string(statement.hex)), ("signature", .string(signature.hexString)),
        ]).text
    }

    /// Reads an answer; `nil` unless every field is there and well-formed.
    public init?(json data: Data) {
        struct Body: Decodable {
            var epoch: UInt64
            var node: String
            var root: String
            var leaf_count: UInt32
            var statement: String
            var signature: String
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: data), let root = Bytes32(hex: body.root),
              let statement = Bytes32(hex: body.statement), let signature = try? Signature(hexString: body.signature) else { return nil }
        self.init(epoch: body.epoch, node: body.node, root: root, leafCount: body.leaf_count, statement: statement, signature: signature)
    }
}
