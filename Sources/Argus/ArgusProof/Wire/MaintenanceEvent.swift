import ArgusCore
import BLS12381
import Foundation
import PythonJSON

/// A maintenance window as it travels through Zellular (docs/PROOFS.md, "Maintenance windows"):
/// one object in a one-element JSON array, written as Python's `json.dumps` writes it,
///
///     [{"maintenance": {"address": "0xNodeA123", "from": 1800000600, "to": 1800004200,
///       "announced": 1800000000, "reason": "kernel upgrade"},
///       "aggregated_signature": "<192 hex>", "non_signing_nodes": ["Node3"]}]
///
/// with the quorum's signature over `Statement.maintenance`. A reference replica (which reads
/// `address`/`state` off every item) skips it as an item it cannot verify.
public struct MaintenanceEvent: Sendable, Hashable {
    public var window: MaintenanceWindow
    public var aggregatedSignature: Signature?
    public var nonSigningNodes: [String]?

    public init(window: MaintenanceWindow, aggregatedSignature: Signature? = nil, nonSigningNodes: [String]? = nil) {
        self.window = window
        self.aggregatedSignature = aggregatedSignature
        self.nonSigningNodes = nonSigningNodes
    }

    public var statement: String { Statement.maintenance(window) }

    public var json: String {
        let w = window
        var text = "{\"maintenance\": {\"address\": \(pythonJSONString(w.address)), \"from\": \(w.from), \"to\": \(w.to), "
            + "\"announced\": \(w.announced), \"reason\": \(pythonJSONString(w.reason))}"
        if let aggregatedSignature { text += ", \"aggregated_signature\": \"\(aggregatedSignature.hexString)\"" }
        if let nonSigningNodes { text += ", \"non_signing_nodes\": [\(nonSigningNodes.map(pythonJSONString).joined(separator: ", "))]" }
        return text + "}"
    }

    public var batchBody: String { "[\(json)]" }

    /// Whether an event object is a maintenance window (has a `maintenance` key).
    static func isMaintenance(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)).flatMap { $0 as? [String: Any] }?["maintenance"] != nil
    }

    /// Parses one object strictly (every field typed, the window's own rules, a valid signature).
    public static func parse(object data: Data) throws(StateEvent.ParseError) -> MaintenanceEvent {
        do {
            return try JSONDecoder().decode(MaintenanceEvent.self, from: data)
        } catch let error as StateEvent.ParseError {
            throw error
        } catch {
            throw .notAnObject
        }
    }
}

extension MaintenanceEvent: Decodable {
    enum CodingKeys: String, CodingKey {
        case maintenance
        case aggregatedSignature = "aggregated_signature"
        case nonSigningNodes = "non_signing_nodes"
    }

    enum WindowKeys: String, CodingKey {
        case address, from, to, announced, reason
    }

    public init(from decoder: any Decoder) throws {
        typealias ParseError = StateEvent.ParseError
        guard let object = try? decoder.container(keyedBy: CodingKeys.self) else { throw ParseError.notAnObject }
        guard let fields = try? object.nestedContainer(keyedBy: WindowKeys.self, forKey: .maintenance) else {
            throw ParseError.field("maintenance", "expected an object {address, from, to, announced, reason}")
        }
        guard let address = try? fields.decode(String.self, forKey: .address), !address.isEmpty else {
            throw ParseError.field("maintenance.address", "expected a non-empty string")
        }
        func seconds(_ key: WindowKeys) throws -> Int64 {
            guard let value = try? fields.decode(Int64.self, forKey: key), value >= 0 else {
                throw ParseError.field("maintenance.\(key.rawValue)", "expected a non-negative integer")
            }
            return value
        }
        guard let reason = try? fields.decode(String.self, forKey: .reason) else {
            throw ParseError.field("maintenance.reason", "expected a string")
        }
        let window = MaintenanceWindow(address: address, from: try seconds(.from), to: try seconds(.to), announced: try seconds(.announced), reason: reason)
        if let problem = window.problem { throw ParseError.field("maintenance", problem) }
        var signature: Signature?
        if object.contains(.aggregatedSignature) {
            guard let hex = try? object.decode(String.self, forKey: .aggregatedSignature) else {
                throw ParseError.field("aggregated_signature", "expected a hex string")
            }
            do {
                signature = try Signature(hexString: hex)
            } catch {
                throw ParseError.field("aggregated_signature", "\(error)")
            }
        }
        var nonSigners: [String]?
        if object.contains(.nonSigningNodes) {
            guard let names = try? object.decode([String].self, forKey: .nonSigningNodes) else {
                throw ParseError.field("non_signing_nodes", "expected a list of node names")
            }
            nonSigners = names
        }
        self.init(window: window, aggregatedSignature: signature, nonSigningNodes: nonSigners)
    }
}

extension MaintenanceWindow {
    /// The window as an object in reports and answers: `{"address","from","to","announced","reason"}`.
    public struct Wire: Decodable, Sendable {
        var address: String
        var from: Int64
        var to: Int64
        var announced: Int64
        var reason: String

        var window: MaintenanceWindow { MaintenanceWindow(address: address, from: from, to: to, announced: announced, reason: reason) }
    }

    public var wire: WireJSON {
        .object([("address", .string(address)), ("from", .int(Int(from))), ("to", .int(Int(to))), ("announced", .int(Int(announced))),
                 ("reason", .string(reason))])
    }
}
