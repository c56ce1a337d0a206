// PopScheme.swift — the proof-of-possession ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_
// (draft-irtf-cfrg-bls-signature-05 §4.2.3), what blspy's PopSchemeMPL implements: multi-key and
// batch verification.

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
    public static func batchVerify(_ items: [(publicKey: PublicKey, message: [UInt8], signature: Signature)]) -> Bool {
        var rng = SystemRandomNumberGenerator()
        return batchVerify(items, using: &rng)
    }

    /// ``batchVerify(_:)`` with a caller-supplied generator (for reproducible tests).
    public static func batchVerify<R: RandomNumberGenerator>(
        _ items: [(publicKey: PublicKey, message: [UInt8], signature: Signature)], using rng: inout R
    ) -> Bool {
        guard !items.isEmpty else { return false }
        var scaledKeys = [G1Projective]()
        var randomizers = [UInt64]()
        for item in items {
            var r: UInt64 = 0
            while r == 0 { r = rng.next() }
            randomizers.append(r)
            scaledKeys.append(G1Projective(item.publicKey.point).multiplied(vartimeLimbs: [r]))
        }
        let sigSum = G2Projective.sumOfProducts(items.map { $0.signature.point }, randomizers)
        let keys = G1Projective.batchNormalize(scaledKeys)
        let hashes = G2Projective.batchNormalize(items.map { G2Projective.hash($0.message, dst: signatureDST) })
        var pairs: [(G1Affine, G2Affine)] = Array(zip(keys, hashes))
        pairs.append((-G1Affine.generator, G2Affine(normalizingVartime: sigSum)))
        return Pairing.isProductOne(pairs)
    }
}
