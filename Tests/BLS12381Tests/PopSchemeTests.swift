import ArgusTestSupport
import Testing
@testable import BLS12381

/// Scheme-level behaviour beyond the vector files: aggregation edge cases, batch verification with
/// a bad member, PoP misuse, hex parsing.
@Suite struct PopSchemeTests {
    static func keys(_ n: Int) -> [PrivateKey] {
        (0..<n).map { try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8($0 + 1), count: 32)) }
    }

    @Test func batchVerifyDetectsOneBadSignature() {
        let seed = propertySeed &+ 90
        var rng = SeededRNG(seed: seed)
        let ks = Self.keys(5)
        var items = ks.enumerated().map { (i, k) -> (publicKey: PublicKey, message: [UInt8], signature: Signature) in
            let m = Array("event \(i)".utf8)
            return (k.publicKey, m, k.signature(for: m))
        }
        #expect(PopScheme.batchVerify(items, using: &rng), "seed \(seed)")
        #expect(PopScheme.batchVerify(items))
        // swap two signatures: each is valid for another triple, the batch must fail
        let s = items[1].signature
        items[1].signature = items[2].signature
        items[2].signature = s
        #expect(!PopScheme.batchVerify(items, using: &rng), "seed \(seed)")
        #expect(!PopScheme.batchVerify([], using: &rng))
    }

    /// Items under the same key share a Miller loop; the batch (large enough to be hashed on
    /// several cores) still fails for one bad signature, or for two signatures swapped between
    /// messages of one key, and agrees with one-by-one verification.
    @Test func batchVerifyUnderRepeatedKeys() {
        let seed = propertySeed &+ 91
        var rng = SeededRNG(seed: seed)
        let ks = Self.keys(3)
        var items = (0..<24).map { i -> (publicKey: PublicKey, message: [UInt8], signature: Signature) in
            let k = ks[i % 5 == 0 ? 1 : 0]   // mostly one key, a few under another
            let m = Array("event \(i)".utf8)
            return (k.publicKey, m, k.signature(for: m))
        }
        #expect(PopScheme.batchVerify(items, using: &rng), "seed \(seed)")
        let s = items[3].signature
        items[3].signature = items[4].signature
        items[4].signature = s
        #expect(!PopScheme.batchVerify(items, using: &rng), "seed \(seed)")
        items[4].signature = items[3].signature
        items[3].signature = s
        items[7].signature = ks[2].signature(for: items[7].message)   // the right message, the wrong key
        #expect(!PopScheme.batchVerify(items, using: &rng), "seed \(seed)")
        #expect(items.filter { $0.publicKey.isValidSignature($0.signature, for: $0.message) }.count == 23)
    }

    @Test func aggregateVerifyDistinctMessagesOption() throws {
        let ks = Self.keys(2)
        let m = Array("same".utf8)
        let agg = try Signature(aggregating: ks.map { $0.signature(for: m) })
        let pks = ks.map(\.publicKey)
        #expect(PopScheme.aggregateVerify(publicKeys: pks, messages: [m, m], signature: agg))
        #expect(!PopScheme.aggregateVerify(publicKeys: pks, messages: [m, m], signature: agg, requireDistinctMessages: true))
        #expect(!PopScheme.aggregateVerify(publicKeys: pks, messages: [m], signature: agg))
    }

    @Test func aggregateKeyArithmetic() throws {
        let ks = Self.keys(4)
        let pks = ks.map(\.publicKey)
        let all = try PublicKey(aggregating: pks)
        #expect(try all.subtracting([pks[3]]) == PublicKey(aggregating: Array(pks[0..<3])))
        #expect(throws: DecodingFailure.unexpectedIdentity) { try all.subtracting(pks) }
        #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(aggregating: []) }
        #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(point: .identity) }
        #expect(throws: DecodingFailure.unexpectedIdentity) { try Signature(aggregating: []) }
    }

    @Test func proofOfPossessionIsNotASignature() {
        let k = Self.keys(1)[0], other = Self.keys(2)[1]
        let pop = k.proofOfPossession()
        #expect(k.publicKey.isValidProofOfPossession(pop))
        #expect(!other.publicKey.isValidProofOfPossession(pop))
        #expect(!k.publicKey.isValidProofOfPossession(k.signature(for: k.publicKey.compressedRepresentation)))
    }

    @Test func hexParsingAndPrinting() throws {
        let k = Self.keys(1)[0]
        let upper = k.publicKey.hexString.uppercased()
        #expect(try PublicKey(hexString: upper) == k.publicKey)
        #expect(try PublicKey(hexString: "0x" + k.publicKey.hexString) == k.publicKey)
        #expect(k.publicKey.hexString == k.publicKey.hexString.lowercased())
        #expect(try Signature(hexString: k.signature(for: [1, 2, 3]).hexString) == k.signature(for: [1, 2, 3]))
        #expect(throws: DecodingFailure.badEncoding) { try Signature(hexString: "abc") }
        #expect(try PrivateKey(hexString: k.hexString).rawRepresentation == k.rawRepresentation)
        #expect(PrivateKey().publicKey != k.publicKey)
    }

    @Test func signaturesFromDifferentCiphersuitesDoNotVerify() {
        let k = Self.keys(1)[0]
        let m = Array("msg".utf8)
        let basic = Signature(unchecked: G2Affine(G2Projective.hash(m, dst: Array("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_".utf8)) * k.scalar))
        #expect(!k.publicKey.isValidSignature(basic, for: m))
        #expect(k.publicKey.isValidSignature(k.signature(for: m), for: m))
    }
}
