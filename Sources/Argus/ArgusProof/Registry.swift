import BLS12381
import Foundation
import PythonJSON

/// One member of a monitoring cluster, as `monitoring_nodes.json` lists it.
public struct MonitoringNode: Sendable, Hashable {
    /// The JSON key: the id used in `non_signing_nodes`.
    public var name: String
    public var url: String
    public var publicKey: PublicKey
    /// Proof of possession of the secret key (blspy `PopSchemeMPL.pop_prove`), if listed.
    public var proofOfPossession: Signature?
    /// Weight for stake-weighted quorums, if listed.
    public var stake: UInt64?

    public init(name: String, url: String, publicKey: PublicKey, proofOfPossession: Signature? = nil, stake: UInt64? = nil) {
        self.name = name
        self.url = url
        self.publicKey = publicKey
        self.proofOfPossession = proofOfPossession
        self.stake = stake
    }

    /// `"NAME": {…}`, the member's line in `monitoring_nodes.json` (what `argus keygen` prints).
    public var entryLine: String { "\(pythonJSONString(name)): \(entryJSON)" }

    /// The registry entry (`{"url", "pubkey", "pop"[, "stake"]}`).
    public var entryJSON: String {
        var fields = ["\"url\": \(pythonJSONString(url))", "\"pubkey\": \"\(publicKey.hexString)\""]
        if let proofOfPossession { fields.append("\"pop\": \"\(proofOfPossession.hexString)\"") }
        if let stake { fields.append("\"stake\": \(stake)") }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// The monitoring cluster: the reference's `monitoring_nodes.json` (`{name: {url, pubkey}}`),
/// extended with optional `pop` and `stake`. Every key is checked (canonical encoding, subgroup,
/// not the identity, no two members with the same key) and every listed proof of possession is
/// verified; with `requireProofsOfPossession` a member without one is refused. Same-message
/// aggregation is only safe against rogue keys when every key's possession was proven
/// (`downtime-reference.md` §9 item 9).
public struct Registry: Sendable {
    /// Members in file order.
    public let nodes: [MonitoringNode]
    public let quorum: ClusterQuorum
    let index: [String: Int]

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case notJSON(String)
        case empty
        case duplicateName(String)
        case invalid(node: String, field: String, reason: String)
        case duplicateKey(String, String)
        case missingProofOfPossession(String)
        case stakes(String)

        public var description: String {
            switch self {
            case let .notJSON(reason): "the registry is not a JSON object of monitoring nodes: \(reason)"
            case .empty: "the registry lists no monitoring nodes"
            case let .duplicateName(name): "the registry lists \(name) twice"
            case let .invalid(node, field, reason): "monitoring node \(node): \(field): \(reason)"
            case let .duplicateKey(a, b): "monitoring nodes \(a) and \(b) have the same public key"
            case let .missingProofOfPossession(node): "monitoring node \(node) has no proof of possession (pop), and the configuration requires one"
            case let .stakes(reason): "stakes: \(reason)"
            }
        }
    }

    /// A registry of `nodes`; the quorum defaults to 2/3 by stake when every member has a stake,
    /// else 2/3 by count (the reference's rule).
    public init(nodes: [MonitoringNode], quorum: ClusterQuorum? = nil) throws(Failure) {
        guard !nodes.isEmpty else { throw .empty }
        var names: Set<String> = []
        var keys: [PublicKey: String] = [:]
        for node in nodes {
            guard names.insert(node.name).inserted else { throw .duplicateName(node.name) }
            if let other = keys[node.publicKey] { throw .duplicateKey(other, node.name) }
            keys[node.publicKey] = node.name
            if let proof = node.proofOfPossession, !node.publicKey.isValidProofOfPossession(proof) {
                throw .invalid(node: node.name, field: "pop", reason: "the proof of possession does not verify for this public key")
            }
        }
        try self.init(checked: nodes, quorum: quorum)
    }

    /// Members already checked (names, keys, proofs of possession); only the rule is decided here.
    private init(checked nodes: [MonitoringNode], quorum: ClusterQuorum?) throws(Failure) {
        let staked = nodes.filter { $0.stake != nil }.count
        guard staked == 0 || staked == nodes.count else { throw .stakes("give every node a stake, or none") }
        let chosen = quorum ?? (staked > 0 ? .twoThirdsByStake : .twoThirdsByCount)
        if chosen.weighting == .stake {
            guard staked > 0 else { throw .stakes("a stake-weighted quorum needs a stake for every node") }
            guard nodes.reduce(UInt128(0), { $0 + UInt128($1.stake ?? 0) }) > 0 else { throw .stakes("the total stake is 0") }
        }
        self.nodes = nodes
        self.quorum = chosen
        self.index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.name, $0) })
    }

    /// The same members under another rule (no member is checked again).
    public func with(quorum: ClusterQuorum) throws(Failure) -> Registry {
        try Registry(checked: nodes, quorum: quorum)
    }

    /// The `monitoring_nodes.json` text of these members, one per line.
    public static func document(_ nodes: [MonitoringNode]) -> String {
        "{\n" + nodes.map { "  \($0.entryLine)" }.joined(separator: ",\n") + "\n}\n"
    }

    public func node(named name: String) -> MonitoringNode? {
        index[name].map { nodes[$0] }
    }

    /// Parses `monitoring_nodes.json`.
    public static func parse(json text: String, requireProofsOfPossession: Bool = true,
                             quorum: ClusterQuorum? = nil) throws(Failure) -> Registry {
        struct Entry: Decodable {
            var url: String
            var pubkey: String
            var pop: String?
            var stake: ExactNumber?
        }
        let entries: [String: Entry]
        let order = ExactJSON.topLevelKeys(text)
        do {
            entries = try JSONDecoder().decode([String: Entry].self, from: Data(ExactJSON.quotingNumbers(text).utf8))
        } catch {
            throw .notJSON(Self.reason(error))
        }
        guard order.count == Set(order).count else {
            throw .duplicateName(order.first { name in order.filter { $0 == name }.count > 1 } ?? "")
        }
        var nodes: [MonitoringNode] = []
        for name in order {
            guard let entry = entries[name] else { continue }
            guard !name.isEmpty else { throw .invalid(node: "\"\"", field: "name", reason: "must not be empty") }
            guard let url = URL(string: entry.url), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw .invalid(node: name, field: "url", reason: "expected an http(s) URL, found \(entry.url)")
            }
            let key: PublicKey
            do {
                key = try PublicKey(hexString: entry.pubkey)
            } catch {
                throw .invalid(node: name, field: "pubkey", reason: "\(error)")
            }
            var stake: UInt64?
            if let text = entry.stake?.text {
                guard let value = entry.stake?.integerDigits.flatMap({ UInt64($0) }), value > 0 else {
                    throw .invalid(node: name, field: "stake", reason: "expected a positive integer, found \(text)")
                }
                stake = value
            }
            var proof: Signature?
            if let pop = entry.pop {
                do {
                    proof = try Signature(hexString: pop)
                } catch {
                    throw .invalid(node: name, field: "pop", reason: "\(error)")
                }
            } else if requireProofsOfPossession {
                throw .missingProofOfPossession(name)
            }
            nodes.append(MonitoringNode(name: name, url: entry.url, publicKey: key, proofOfPossession: proof, stake: stake))
        }
        return try Registry(nodes: nodes, quorum: quorum)
    }

    /// A decoding error in a sentence (the missing key, or the wrong type and where).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context): return (context.codingPath.isEmpty ? "" : "\(path(context)): ") + "missing \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "\(path(context)): \(context.debugDescription)"
        case let .dataCorrupted(context): return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
