import BLS12381
import HexCodec

/// Checks a quorum proof against a cluster's registry, the one check every replica runs on every
/// event and any third party runs offline (`argus verify`): the non-signers are distinct members,
/// the signers meet the quorum (re-checked here, unlike the reference, `downtime-reference.md`
/// §9 items 1, 2), and the aggregated signature verifies for the sum of the signers' keys.
public struct ProofVerifier: Sendable {
    public let registry: Registry

    public init(registry: Registry) { self.registry = registry }

    /// What a valid proof proves: who signed which statement, under which rule.
    public struct Verified: Sendable, Hashable {
        public var statement: String
        public var signers: [String]
        public var nonSigners: [String]
        public var quorum: ClusterQuorum
        public var members: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unsigned
        case unknownNonSigner(String)
        case duplicateNonSigner(String)
        case quorumNotMet(signers: [String], members: Int, rule: ClusterQuorum)
        case badSignature

        public var description: String {
            switch self {
            case .unsigned: "the statement carries no aggregated signature"
            case let .unknownNonSigner(name): "non_signing_nodes lists \(name), which is not a member of the cluster"
            case let .duplicateNonSigner(name): "non_signing_nodes lists \(name) more than once"
            case let .quorumNotMet(signers, members, rule):
                "only \(signers.count) of \(members) members signed (\(signers.joined(separator: ", "))); the quorum is \(rule)"
            case .badSignature: "the aggregated signature does not verify for the signers' keys and this statement"
            }
        }
    }

    /// Verifies `signature` over `statement` by every member except `nonSigners`.
    public func verify(statement: String, signature: Signature?, nonSigners: [String]) throws(Failure) -> Verified {
        try verify(message: Array(statement.utf8), signature: signature, nonSigners: nonSigners, statement: statement)
    }

    /// Verifies `signature` over the bytes `message` (an epoch's 32-byte statement); `statement`
    /// in the result is its `0x` hex.
    public func verify(message: [UInt8], signature: Signature?, nonSigners: [String]) throws(Failure) -> Verified {
        try verify(message: message, signature: signature, nonSigners: nonSigners, statement: "0x" + Hex.encode(message))
    }

    func verify(message: [UInt8], signature: Signature?, nonSigners: [String], statement: String) throws(Failure) -> Verified {
        let claim = try claim(message: message, signature: signature, nonSigners: nonSigners, statement: statement)
        guard claim.holds() else { throw .badSignature }
        return claim.verified
    }

    /// A proof whose structure and quorum are checked, and whose signature is still to be.
    struct Claim {
        var message: [UInt8]
        var signature: Signature
        var signers: PublicKey
        var verified: Verified

        func holds() -> Bool { signers.isValidSignature(signature, for: message) }
    }

    /// The checks that need no pairing: a signature is there, the non-signers are distinct
    /// members, the signers meet the quorum; and the signers' summed key.
    func claim(message: [UInt8], signature: Signature?, nonSigners: [String], statement: String) throws(Failure) -> Claim {
        guard let signature else { throw .unsigned }
        var excluded: Set<String> = []
        for name in nonSigners {
            guard registry.node(named: name) != nil else { throw .unknownNonSigner(name) }
            guard excluded.insert(name).inserted else { throw .duplicateNonSigner(name) }
        }
        let signers = registry.nodes.filter { !excluded.contains($0.name) }
        guard !signers.isEmpty, registry.quorum.isMet(signers: signers, of: registry.nodes) else {
            throw .quorumNotMet(signers: signers.map(\.name), members: registry.nodes.count, rule: registry.quorum)
        }
        // Keys whose sum is the identity verify nothing (FastAggregateVerify's rule).
        guard let key = try? PublicKey(aggregating: signers.map(\.publicKey)) else { throw .badSignature }
        let verified = Verified(statement: statement, signers: signers.map(\.name), nonSigners: registry.nodes.map(\.name).filter(excluded.contains),
                                quorum: registry.quorum, members: registry.nodes.count)
        return Claim(message: message, signature: signature, signers: key, verified: verified)
    }

    /// Verifies many events' proofs at once, one result per event in order. The structural and
    /// quorum checks run on each; the signatures of all that pass them are checked together with
    /// one multi-pairing over a random linear combination (`PopScheme.batchVerify`: k + 1 Miller
    /// loops and one final exponentiation instead of 2k and k). If that check fails, at least one
    /// signature is bad: each is then verified on its own, so a forged event is refused alone
    /// and the verdicts are exactly those of `verify(_:)` one by one.
    public func verify(_ events: [StateEvent]) -> [Result<Verified, Failure>] {
        var results: [Result<Verified, Failure>] = []
        var claims: [(index: Int, claim: Claim)] = []
        for (index, event) in events.enumerated() {
            do throws(Failure) {
                let claim = try claim(message: Array(event.statement.utf8), signature: event.aggregatedSignature,
                                      nonSigners: event.nonSigningNodes ?? [], statement: event.statement)
                claims.append((index, claim))
                results.append(.success(claim.verified))
            } catch {
                results.append(.failure(error))
            }
        }
        let together = claims.count > 1
            && PopScheme.batchVerify(claims.map { (publicKey: $0.claim.signers, message: $0.claim.message, signature: $0.claim.signature) })
        if !together {
            for (index, claim) in claims where !claim.holds() { results[index] = .failure(.badSignature) }
        }
        return results
    }

    public func verify(_ event: StateEvent) throws(Failure) -> Verified {
        try verify(statement: event.statement, signature: event.aggregatedSignature, nonSigners: event.nonSigningNodes ?? [])
    }

    public func verify(_ proof: DowntimeProof) throws(Failure) -> Verified {
        try verify(statement: proof.statement, signature: proof.aggregatedSignature, nonSigners: proof.nonSigningNodes)
    }
}
