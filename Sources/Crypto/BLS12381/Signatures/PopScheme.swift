// PopScheme.swift — the proof-of-possession ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_
// (draft-irtf-cfrg-bls-signature-05 §4.2.3), what blspy's PopSchemeMPL implements: multi-key and
// batch verification.

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Aggregate and batch verification for the POP ciphersuite. Single-signature operations are on
/// ``PrivateKey`` and ``PublicKey``.
public enum PopScheme {
    /// The signature DST.
    public static let signatureDST = Array("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_".utf8)
    /// The proof-of-possession DST.
    public static let popDST = Array("BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_".utf8)

    /// FastAggregateVerify (§3.3.4): one message signed by every key. Sound only if each key's
    /// proof of possession was verified. False for an empty key list or an identity sum.
    public static func fastAggregateVerify(publicKeys: [PublicKey], message: some Sequence<UInt8>, signature: Signature) -> Bool {
        guard let aggregate = try? PublicKey(aggregating: publicKeys) else { return false }
        return aggregate.isValidSignature(signature, for: message)
    }

    /// AggregateVerify (§2.9, CoreAggregateVerify): keys[i] signed messages[i]. As in blspy's
    /// PopSchemeMPL, messages need not be distinct (pass `requireDistinctMessages` for the basic
    /// scheme's rule). False for empty or mismatched lists.
    public static func aggregateVerify(publicKeys: [PublicKey], messages: [[UInt8]], signature: Signature,
                                       requireDistinctMessages: Bool = false) -> Bool {
        guard !publicKeys.isEmpty, publicKeys.count == messages.count else { return false }
        if requireDistinctMessages, Set(messages).count != messages.count { return false }
        let hashes = G2Projective.batchNormalize(messages.map { G2Projective.hash($0, dst: signatureDST) })
        var pairs: [(G1Affine, G2Affine)] = zip(publicKeys, hashes).map { ($0.point, $1) }
        pairs.append((-G1Affine.generator, signature.point))
        return Pairing.isProductOne(pairs)
    }

    /// Verifies many (key, message, signature) triples at once with a random linear combination:
    /// ∏ e(rᵢ·PKᵢ, H(mᵢ)) · e(−G1, Σ rᵢ·σᵢ) = 1 with independent random 64-bit rᵢ ≠ 0. A true result
    /// means every triple is valid except with probability ≤ 2⁻⁶⁴ per forgery attempt.
    ///
    /// Triples under the same key share one Miller loop, by bilinearity: ∏ᵢ e(PK, rᵢ·H(mᵢ)) =
    /// e(PK, Σ rᵢ·H(mᵢ)). So a batch of k proofs signed by the same set of members costs k hashes
    /// to G2 (spread over the machine's cores), two multi-scalar sums and a two-pair pairing.
    public static func batchVerify(_ items: [(publicKey: PublicKey, message: [UInt8], signature: Signature)]) -> Bool {
        var rng = SystemRandomNumberGenerator()
        return batchVerify(items, using: &rng)
    }

    /// ``batchVerify(_:)`` with a caller-supplied generator (for reproducible tests).
    public static func batchVerify<R: RandomNumberGenerator>(
        _ items: [(publicKey: PublicKey, message: [UInt8], signature: Signature)], using rng: inout R
    ) -> Bool {
        guard !items.isEmpty else { return false }
        var randomizers = [UInt64]()
        for _ in items {
            var r: UInt64 = 0
            while r == 0 { r = rng.next() }
            randomizers.append(r)
        }
        let hashes = G2Projective.batchNormalize(hashes(of: items.map(\.message)))
        // The items of each distinct key, in order of first appearance.
        var groups: [G1Affine: Int] = [:]
        var keys: [G1Affine] = []
        var members: [[Int]] = []
        for (index, item) in items.enumerated() {
            if let group = groups[item.publicKey.point] {
                members[group].append(index)
            } else {
                groups[item.publicKey.point] = keys.count
                keys.append(item.publicKey.point)
                members.append([index])
            }
        }
        // A key with one item gets its randomizer on the key, in G1 (a third of G2's cost), and
        // pairs with its hash as it is; a key with several gets one Miller loop over the
        // randomized sum of their hashes.
        let single = members.indices.filter { members[$0].count == 1 }
        let several = members.indices.filter { members[$0].count > 1 }
        let weightedKeys = G1Projective.batchNormalize(single.map { group in
            G1Projective(keys[group]).multiplied(vartimeLimbs: [randomizers[members[group][0]]])
        })
        let sums = G2Projective.batchNormalize(several.map { group in
            G2Projective.sumOfProducts(members[group].map { hashes[$0] }, members[group].map { randomizers[$0] })
        })
        let sigSum = G2Projective.sumOfProducts(items.map { $0.signature.point }, randomizers)
        var pairs: [(G1Affine, G2Affine)] = Array(zip(weightedKeys, single.map { hashes[members[$0][0]] }))
        pairs += zip(several.map { keys[$0] }, sums)
        pairs.append((-G1Affine.generator, G2Affine(normalizingVartime: sigSum)))
        return Pairing.isProductOne(pairs)
    }

    /// H(m) for each message, in order; large batches are hashed on all cores at once.
    static func hashes(of messages: [[UInt8]]) -> [G2Projective] {
        guard messages.count >= 8 else { return messages.map { G2Projective.hash($0, dst: signatureDST) } }
        var out = [G2Projective](repeating: .identity, count: messages.count)
        let chunks = min(messages.count, 4 * max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            // Each chunk writes only its own indices.
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in stride(from: chunk, to: messages.count, by: chunks) {
                    buffer[index] = G2Projective.hash(messages[index], dst: signatureDST)
                }
            }
        }
        return out
    }
}
