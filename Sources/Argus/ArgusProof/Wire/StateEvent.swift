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

    /// The events of a batch body, each parsed on its own (`FinalizedItem.items(of:)`).
    public static func parseBatch(_ body: String) throws(ParseError) -> [Result<StateEvent, ParseError>] {
        try FinalizedItem.items(of: body).map(\.parsed)
    }

    /// Parses one event object strictly: `address` a non-empty string, `state` `"up"` or `"down"`,
    /// `timestamp` a non-negative integer, `aggregated_signature` a valid compressed G2 point in
    /// hex, `non_signing_nodes` a list of strings.
    public static func parse(object data: Data) throws(ParseError) -> StateEvent {
        do {
            return try JSONDecoder().decode(StateEvent.self, from: data)
        } catch let error as ParseError {
            throw error
        } catch {
            throw .notAnObject
        }
    }
}

extension StateEvent: Decodable {
    enum CodingKeys: String, CodingKey {
        case address, state, timestamp
        case aggregatedSignature = "aggregated_signature"
        case nonSigningNodes = "non_signing_nodes"
    }

    /// The strict reading `parse(object:)` describes; every refusal is a `ParseError` naming the field.
    public init(from decoder: any Decoder) throws {
        guard let object = try? decoder.container(keyedBy: CodingKeys.self) else { throw ParseError.notAnObject }
        guard let address = try? object.decode(String.self, forKey: .address), !address.isEmpty else {
            throw ParseError.field("address", object.contains(.address) ? "expected a non-empty string" : "missing")
        }
        guard let state = try? object.decode(HealthState.self, forKey: .state) else {
            throw ParseError.field("state", object.contains(.state) ? "expected \"up\" or \"down\"" : "missing")
        }
        guard object.contains(.timestamp) else { throw ParseError.field("timestamp", "missing") }
        guard let timestamp = try? object.decode(Int64.self, forKey: .timestamp), timestamp >= 0 else {
            throw ParseError.field("timestamp", "expected a non-negative integer")
        }
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
        self.init(address: address, state: state, timestamp: timestamp, aggregatedSignature: signature, nonSigningNodes: nonSigners)
    }
}

/// One item of a finalized batch as a replica reads it: its position, its bytes exactly as they
/// were finalized (what the replica stores as the event's proof), and the event they parse to.
public struct FinalizedItem: Sendable, Hashable {
    public var position: Int
    public var text: String
    public var parsed: Result<StateEvent, StateEvent.ParseError>
    /// For an item that is a maintenance window (an object with a `maintenance` key): the window
    /// it parses to. Its `parsed` is then a failure (it is not a state event).
    public var maintenance: Result<MaintenanceEvent, StateEvent.ParseError>?

    public var event: StateEvent? { try? parsed.get() }

    public init(position: Int, text: String, parsed: Result<StateEvent, StateEvent.ParseError>,
                maintenance: Result<MaintenanceEvent, StateEvent.ParseError>? = nil) {
        self.position = position
        self.text = text
        self.parsed = parsed
        self.maintenance = maintenance
    }

    /// The items of a batch body (a JSON array of event objects), each parsed once and on its own:
    /// one malformed event does not hide the others. Throws when the body is not a JSON array.
    public static func items(of body: String) throws(StateEvent.ParseError) -> [FinalizedItem] {
        guard let elements = JSONArrayElements.split(body) else {
            let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
            throw value == nil ? .notJSON : .notAnArray
        }
        return elements.enumerated().map { position, element in
            let text = String(element)
            let data = Data(text.utf8)
            if text.contains("\"maintenance\""), MaintenanceEvent.isMaintenance(data) {
                return FinalizedItem(position: position, text: text, parsed: .failure(.field("maintenance", "a maintenance window, not a state event")),
                                     maintenance: Result { () throws(StateEvent.ParseError) -> MaintenanceEvent in try MaintenanceEvent.parse(object: data) })
            }
            return FinalizedItem(position: position, text: text,
                                 parsed: Result { () throws(StateEvent.ParseError) -> StateEvent in try StateEvent.parse(object: data) })
        }
    }
}
