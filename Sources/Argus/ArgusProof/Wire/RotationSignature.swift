import BLS12381
import Foundation
import PythonJSON

/// `argus evm rotate-sign`'s answer: one old member's signature over a registry rotation
/// (`RegistryRotation`), which `argus evm rotate` collects and aggregates.
///
/// `{"node":"Node1","old_registry_root":"0x…","new_registry_root":"0x…","statement":"0x…","signature":"<192 hex>"}`
public struct RotationSignature: Sendable, Hashable {
    public var node: String
    public var oldRoot: Bytes32
    public var newRoot: Bytes32
    public var statement: Bytes32
    public var signature: Signature

    public init(node: String, oldRoot: Bytes32, newRoot: Bytes32, statement: Bytes32, signature: Signature) {
        self.node = node
        self.oldRoot = oldRoot
        self.newRoot = newRoot
        self.statement = statement
        self.signature = signature
    }

    public var json: String {
        WireJSON.object([
            ("node", .string(node)), ("old_registry_root", .string(oldRoot.hex)), ("new_registry_root", .string(newRoot.hex)),
            ("statement", .string(statement.hex)), ("signature", .string(signature.hexString)),
        ]).text
    }

    public typealias Failure = SettlementFailure
    static let what = "a rotation signature"

    public init(json data: Data) throws(Failure) {
        struct Wire: Decodable {
            var node: String
            var old_registry_root: String
            var new_registry_root: String
            var statement: String
            var signature: String
        }
        let wire = try Failure.decode(Wire.self, from: data, what: Self.what)
        func word(_ text: String, _ field: String) throws(Failure) -> Bytes32 { try Failure.word(text, field: field, what: Self.what) }
        let signature: Signature
        do {
            signature = try Signature(hexString: wire.signature)
        } catch {
            throw .malformed(what: Self.what, reason: "signature: \(error)")
        }
        self.init(node: wire.node, oldRoot: try word(wire.old_registry_root, "old_registry_root"),
                  newRoot: try word(wire.new_registry_root, "new_registry_root"), statement: try word(wire.statement, "statement"),
                  signature: signature)
    }
}
