import BN254
import Foundation
import PythonJSON

/// One Zellular operator: its id, where it listens, its stake and BN254 public key.
public struct Operator: Sendable, Hashable {
    public var id: String
    public var socket: String
    public var stake: Stake
    public var publicKey: PublicKey
    public var roles: Set<String>

    public init(id: String, socket: String, stake: Stake, publicKey: PublicKey, roles: Set<String> = ["posting", "sequencing"]) {
        self.id = id
        self.socket = socket
        self.stake = stake
        self.publicKey = publicKey
        self.roles = roles
    }
}

/// The operators a finality signature is checked against, with their total stake and the
/// aggregate key of every operator holding stake (`zellular-protocol.md` §7 step 4).
public struct OperatorSet: Sendable {
    public let operators: [String: Operator]
    /// Ids in the order of the description they came from.
    public let ids: [String]
    public let totalStake: Stake
    /// Σ keys of operators with stake > 0; `nil` if there are none.
    public let aggregateKey: PublicKey?

    public init(_ list: [Operator]) {
        var operators: [String: Operator] = [:]
        var ids: [String] = []
        for item in list where operators[item.id] == nil {
            operators[item.id] = item
            ids.append(item.id)
        }
        self.operators = operators
        self.ids = ids
        let staked = ids.compactMap { operators[$0] }.filter { $0.stake.units > 0 }
        totalStake = staked.reduce(Stake.zero) { $0 + $1.stake }
        aggregateKey = PublicKey.aggregate(staked.map(\.publicKey))
    }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case notJSON(String)
        case invalid(operator: String, field: String, reason: String)
        case empty

        public var description: String {
            switch self {
            case let .notJSON(reason): "the network description is not a JSON object of operators: \(reason)"
            case let .invalid(id, field, reason): "operator \(id): \(field): \(reason)"
            case .empty: "the network description lists no operators"
            }
        }
    }

    struct StaticEntry: Decodable {
        var id: String?
        var socket: String
        var stake: ExactNumber
        var pubkeyG2_X: [ExactNumber]
        var pubkeyG2_Y: [ExactNumber]
        var roles: [String]?
    }

    /// A static network in the SDK's `nodes.json` format: an object keyed by operator id with
    /// `socket`, `stake` (number or numeric string), `pubkeyG2_X`/`pubkeyG2_Y` (`[imag, real]`,
    /// integers parsed from their exact digits) and optional `roles`.
    public static func staticNetwork(json text: String) throws(ParseError) -> OperatorSet {
        let entries: [String: StaticEntry]
        let order: [String]
        do {
            let quoted = Data(ExactJSON.quotingNumbers(text).utf8)
            entries = try JSONDecoder().decode([String: StaticEntry].self, from: quoted)
            order = ExactJSON.topLevelKeys(text)
        } catch {
            throw .notJSON("\(error)")
        }
        guard !entries.isEmpty else { throw .empty }
        var list: [Operator] = []
        for key in order {
            guard let entry = entries[key] else { continue }
            guard let stake = Stake(decimal: entry.stake.text) else {
                throw .invalid(operator: key, field: "stake", reason: "expected a non-negative decimal, found \(entry.stake.text)")
            }
            let publicKey: PublicKey
            do {
                publicKey = try PublicKey(pubkeyG2X: entry.pubkeyG2_X.map(\.text), pubkeyG2Y: entry.pubkeyG2_Y.map(\.text))
            } catch {
                throw .invalid(operator: key, field: "pubkeyG2_X/Y", reason: "\(error)")
            }
            list.append(Operator(id: entry.id ?? key, socket: entry.socket, stake: stake, publicKey: publicKey,
                                 roles: Set(entry.roles ?? ["posting", "sequencing"])))
        }
        return OperatorSet(list)
    }
}
