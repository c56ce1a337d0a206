import BLS12381

/// Combines the members' signatures over one statement into a quorum proof (the proposer's side
/// of `ProofVerifier`): verify the aggregate of everything offered first — one pairing check in
/// the common case — and only if that fails find and drop the bad signatures one by one.
public enum SignatureAggregator {
    public struct Proof: Sendable, Hashable {
        public var signature: Signature
        public var signers: [String]
        /// Members that did not sign, in registry order.
        public var nonSigners: [String]
    }

    public struct Shortfall: Error, Sendable, Hashable, CustomStringConvertible {
        public var signers: [String]
        public var rejected: [String]
        public var members: Int
        public var rule: ClusterQuorum

        public var description: String {
            var text = "\(signers.count) of \(members) members signed (\(rule))"
            if !rejected.isEmpty { text += "; invalid signatures from \(rejected.joined(separator: ", "))" }
            return text
        }
    }

    /// - Parameter contributions: member name → its signature over `statement` (members that did
    ///   not answer, or answered with another value, are simply absent). Unknown names are ignored.
    public static func aggregate(statement: String, contributions: [String: Signature], registry: Registry) throws(Shortfall) -> Proof {
        try aggregate(message: Array(statement.utf8), contributions: contributions, registry: registry)
    }

    /// The same over raw bytes (an epoch's 32-byte statement).
    public static func aggregate(message: [UInt8], contributions: [String: Signature], registry: Registry) throws(Shortfall) -> Proof {
        var offered = registry.nodes.filter { contributions[$0.name] != nil }
        var rejected: [String] = []
        if !offered.isEmpty, let sum = try? Signature(aggregating: offered.map { contributions[$0.name]! }),
           PopScheme.fastAggregateVerify(publicKeys: offered.map(\.publicKey), message: message, signature: sum) {
            return try finish(sum, offered, registry, rejected)
        }
        rejected = offered.filter { !$0.publicKey.isValidSignature(contributions[$0.name]!, for: message) }.map(\.name)
        offered.removeAll { rejected.contains($0.name) }
        guard !offered.isEmpty, let sum = try? Signature(aggregating: offered.map { contributions[$0.name]! }) else {
            throw Shortfall(signers: [], rejected: rejected, members: registry.nodes.count, rule: registry.quorum)
        }
        return try finish(sum, offered, registry, rejected)
    }

    static func finish(_ sum: Signature, _ signers: [MonitoringNode], _ registry: Registry, _ rejected: [String]) throws(Shortfall) -> Proof {
        guard registry.quorum.isMet(signers: signers, of: registry.nodes) else {
            throw Shortfall(signers: signers.map(\.name), rejected: rejected, members: registry.nodes.count, rule: registry.quorum)
        }
        let names = Set(signers.map(\.name))
        return Proof(signature: sum, signers: signers.map(\.name), nonSigners: registry.nodes.map(\.name).filter { !names.contains($0) })
    }
}
