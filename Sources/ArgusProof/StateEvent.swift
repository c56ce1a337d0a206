import ArgusCore
import BLS12381
import Foundation
import PythonJSON

/// A state change as it travels through Zellular: the reference's event object
/// `{"address", "state", "timestamp"[, "aggregated_signature", "non_signing_nodes"]}` inside a
/// one-element JSON array, written as Python's `json.dumps` writes it (`downtime-reference.md` §4, §5)
/// so Python replicas read it and its chaining hash matches theirs.
public struct StateEvent: Sendable, Hashable {
    public var address: String
    public var state: HealthState
    public var timestamp: Int64
    /// The quorum's aggregated signature over `statement` (absent in unsigned, stage-2 events).
    public var aggregatedSignature: Signature?
    /// Members that did not sign, in registry order.
    public var nonSigningNodes: [String]?

    public init(address: String, state: HealthState, timestamp: Int64, aggregatedSignature: Signature? = nil, nonSigningNodes: [String]? = nil) {
        self.address = address
        self.state = state
        self.timestamp = timestamp
        self.aggregatedSignature = aggregatedSignature
        self.nonSigningNodes = nonSigningNodes
    }

    public var change: StateChange { StateChange(address: address, state: state, timestamp: timestamp) }

    /// The signed text.
    public var statement: String { Statement.state(address: address, state: state, timestamp: timestamp) }

    /// The event object as Python's `json.dumps` writes it (key order as the reference writes it).
    public var json: String {
        var text = "{\"address\": \(pythonJSONString(address)), \"state\": \"\(state.rawValue)\", \"timestamp\": \(timestamp)"
        if let aggregatedSignature { text += ", \"aggregated_signature\": \"\(aggregatedSignature.hexString)\"" }
        if let nonSigningNodes { text += ", \"non_signing_nodes\": [\(nonSigningNodes.map(pythonJSONString).joined(separator: ", "))]" }
        return text + "}"
    }

    /// The batch body: a one-element JSON array.
    public var batchBody: String { "[\(json)]" }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case notJSON
        case notAnArray
        case notAnObject
        case field(String, String)

        public var description: String {
            switch self {
            case .notJSON: "the batch is not JSON"
            case .notAnArray: "the batch is not a JSON array of events"
            case .notAnObject: "the event is not a JSON object"
            case let .field(name, reason): "\(name): \(reason)"
            }
        }
    }

    /// The events of a batch body, each parsed on its own: one malformed event does not hide the
    /// others. Throws when the body itself is not a JSON array.
    public static func parseBatch(_ body: String) throws(ParseError) -> [Result<StateEvent, ParseError>] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else { throw .notJSON }
        guard let array = value as? [Any] else { throw .notAnArray }
        return array.map { element in
            guard element is [String: Any], let data = try? JSONSerialization.data(withJSONObject: element) else {
                return .failure(.notAnObject)
            }
            return Result { () throws(ParseError) -> StateEvent in try parse(object: data) }
        }
    }

    /// Parses one event object strictly: `address` a non-empty string, `state` `"up"` or `"down"`,
    /// `timestamp` a non-negative integer, `aggregated_signature` a valid compressed G2 point in
    /// hex, `non_signing_nodes` a list of strings.
    public static func parse(object data: Data) throws(ParseError) -> StateEvent {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw .notAnObject }
        guard let address = object["address"] as? String, !address.isEmpty else {
            throw .field("address", object["address"] == nil ? "missing" : "expected a non-empty string")
        }
        guard let stateText = object["state"] as? String, let state = HealthState(rawValue: stateText) else {
            throw .field("state", object["state"] == nil ? "missing" : "expected \"up\" or \"down\"")
        }
        struct Timestamp: Decodable { var timestamp: Int64 }
        guard object["timestamp"] != nil else { throw .field("timestamp", "missing") }
        guard let timestamp = try? JSONDecoder().decode(Timestamp.self, from: data).timestamp, timestamp >= 0 else {
            throw .field("timestamp", "expected a non-negative integer")
        }
        var signature: Signature?
        if let raw = object["aggregated_signature"] {
            guard let hex = raw as? String else { throw .field("aggregated_signature", "expected a hex string") }
            do {
                signature = try Signature(hexString: hex)
            } catch {
                throw .field("aggregated_signature", "\(error)")
            }
        }
        var nonSigners: [String]?
        if let raw = object["non_signing_nodes"] {
            guard let names = raw as? [Any], names.allSatisfy({ $0 is String }) else {
                throw .field("non_signing_nodes", "expected a list of node names")
            }
            nonSigners = names.compactMap { $0 as? String }
        }
        return StateEvent(address: address, state: state, timestamp: timestamp, aggregatedSignature: signature, nonSigningNodes: nonSigners)
    }
}
