import ArgusTestSupport
import Testing
@testable import BLS12381

/// Every case of ../shared/vectors/bls12381-pop.json (blspy PopSchemeMPL reference values).
@Suite struct PopSchemeVectorTests {
    static var doc: [String: Any] { Vectors.json("bls12381-pop.json") as! [String: Any] }
    static var messages: [String: [UInt8]] {
        var m = [String: [UInt8]]()
        for e in doc.arr("messages") as! [[String: Any]] { m[e.str("name")] = Vectors.bytes(e.str("msg_hex")) }
        return m
    }
    static var keys: [[String: Any]] { doc.arr("keys") as! [[String: Any]] }
    static var keyLabels: [String] { keys.map { $0.str("label") } }
    static func key(_ label: String) -> [String: Any] { keys.first { $0.str("label") == label }! }

    @Test func ciphersuiteAndCurve() {
        let c = Self.doc.dict("ciphersuite")
        #expect(c.str("signature_dst") == String(decoding: PopScheme.signatureDST, as: UTF8.self))
        #expect(c.str("pop_dst") == String(decoding: PopScheme.popDST, as: UTF8.self))
        let curve = Self.doc.dict("curve")
        #expect(Hex.encode(G1Affine.generator.compressedRepresentation) == curve.str("g1_generator_compressed"))
        #expect(Hex.encode(G2Affine.generator.compressedRepresentation) == curve.str("g2_generator_compressed"))
    }

    @Test(arguments: keyLabels)
    func referenceKey(label: String) throws {
        let k = Self.key(label)
        let sk = try PrivateKey(hexString: k.str("sk_hex"))
        #expect(sk.hexString == k.str("sk_hex"))
        let pk = sk.publicKey
        #expect(pk.hexString == k.str("pk_hex"))
        #expect(try PublicKey(hexString: k.str("pk_hex")) == pk)
        let pop = sk.proofOfPossession()
        #expect(pop.hexString == k.str("pop_hex"))
        #expect(pk.isValidProofOfPossession(try Signature(hexString: k.str("pop_hex"))))
        for s in k.arr("signatures") as! [[String: Any]] {
            let msg = Self.messages[s.str("msg")]!
            let sig = sk.signature(for: msg)
            #expect(sig.hexString == s.str("sig_hex"), "\(label) / \(s.str("msg"))")
            #expect(pk.isValidSignature(try Signature(hexString: s.str("sig_hex")), for: msg))
        }
        // a PoP is not a signature over the key bytes, nor the reverse
        #expect(!pk.isValidSignature(pop, for: pk.compressedRepresentation))
    }

    @Test func referenceAggregateKeyAndSubsets() throws {
        let nodes = ["reference_Node1", "reference_Node2", "reference_Node3"]
        let pks = try nodes.map { try PublicKey(hexString: Self.key($0).str("pk_hex")) }
        let all = try PublicKey(aggregating: pks)
        #expect(all.hexString == Self.doc.str("reference_aggregate_pk_hex"))
        for c in Self.doc.arr("aggregation_reference_nodes") as! [[String: Any]] {
            let signers = c.arr("signers") as! [String]
            let nonsigners = c.arr("nonsigners") as! [String]
            let msg = Self.messages[c.str("msg")]!
            let sks = try signers.map { try PrivateKey(hexString: Self.key($0).str("sk_hex")) }
            let agg = try Signature(aggregating: sks.map { $0.signature(for: msg) })
            #expect(agg.hexString == c.str("aggregate_signature_hex"))
            let signersPK = try PublicKey(aggregating: sks.map(\.publicKey))
            #expect(signersPK.hexString == c.str("signers_aggregate_pk_hex"))
            let minus = try all.subtracting(try nonsigners.map { try PublicKey(hexString: Self.key($0).str("pk_hex")) })
            #expect(minus == signersPK)
            #expect(minus.isValidSignature(agg, for: msg) == (c["verify_against_all_minus_nonsigners"] as! Bool))
            #expect(PopScheme.fastAggregateVerify(publicKeys: sks.map(\.publicKey), message: msg, signature: agg) == (c["fast_aggregate_verify"] as! Bool))
        }
    }

    @Test func fastAggregateVerify() {
        for c in Self.doc.arr("fast_aggregate_verify") as! [[String: Any]] {
            let pks = (c.arr("pks") as! [String]).compactMap { try? PublicKey(hexString: $0) }
            let sig = try? Signature(hexString: c.str("sig_hex"))
            let ok = sig.map { PopScheme.fastAggregateVerify(publicKeys: pks, message: Self.messages[c.str("msg")]!, signature: $0) } ?? false
            #expect(ok == (c["expected"] as! Bool), "\(c.str("name"))")
        }
    }

    @Test func aggregateVerify() {
        for c in Self.doc.arr("aggregate_verify") as! [[String: Any]] {
            let pks = (c.arr("pks") as! [String]).compactMap { try? PublicKey(hexString: $0) }
            let msgs = (c.arr("msgs_hex") as! [String]).map(Vectors.bytes)
            let sig = try? Signature(hexString: c.str("sig_hex"))
            let ok = sig.map { PopScheme.aggregateVerify(publicKeys: pks, messages: msgs, signature: $0) } ?? false
            #expect(ok == (c["expected"] as! Bool))
        }
    }

    @Test func negativeSignatures() {
        for c in Self.doc.arr("negative_signatures") as! [[String: Any]] {
            let name = c.str("name")
            let pkPoint = try? G1Affine(compressedRepresentation: Vectors.bytes(c.str("pk_hex")))
            #expect((pkPoint != nil) == (c["pk_decodes"] as! Bool), "\(name)")
            let sig = try? Signature(hexString: c.str("sig_hex"))
            #expect((sig != nil) == (c["sig_decodes"] as! Bool), "\(name)")
            var ok = false
            if let pk = try? PublicKey(hexString: c.str("pk_hex")), let sig {
                ok = pk.isValidSignature(sig, for: Vectors.bytes(c.str("msg_hex")))
            }
            #expect(ok == (c["expected_verify"] as! Bool), "\(name)")
        }
    }

    @Test func malformedEncodings() {
        for c in Self.doc.arr("encodings") as! [[String: Any]] {
            let name = c.str("name"), bytes = Vectors.bytes(c.str("hex"))
            if c.str("group") == "G1" {
                let point = try? G1Affine(compressedRepresentation: bytes)
                #expect((point != nil) == (c["blspy_accepts"] as! Bool), "G1 \(name)")
                let key = try? PublicKey(compressedRepresentation: bytes)
                #expect((key != nil) == (c["py_ecc_KeyValidate"] as! Bool), "G1 KeyValidate \(name)")
            } else {
                let sig = try? Signature(compressedRepresentation: bytes)
                #expect((sig != nil) == (c["blspy_accepts"] as! Bool), "G2 \(name)")
            }
        }
        // specific error cases
        #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(hexString: "c0" + String(repeating: "0", count: 94)) }
        #expect(throws: DecodingFailure.nonCanonical) { try PublicKey(hexString: "e0" + String(repeating: "0", count: 94)) }
        #expect(throws: DecodingFailure.badEncoding) { try PublicKey(hexString: "c0" + String(repeating: "0", count: 92)) }
        #expect(throws: DecodingFailure.badEncoding) { try PublicKey(hexString: "zz") }
    }

    @Test func hashToG2WithPopDST() {
        for c in Self.doc.arr("hash_to_g2_pop_dst") as! [[String: Any]] {
            let p = G2Affine(G2Projective.hash(Vectors.bytes(c.str("msg_hex")), dst: Array(c.str("dst").utf8)))
            #expect(Hex.encode(p.compressedRepresentation) == c.str("compressed_hex"))
            #expect(Hex.encode(p.y.c0.bigEndianBytes) == c.str("y_real"))
            #expect(Hex.encode(p.y.c1.bigEndianBytes) == c.str("y_imag"))
        }
        let r = Self.doc.dict("rfc9380_hash_to_g2")
        for v in r.arr("vectors") as! [[String: Any]] {
            let p = G2Affine(G2Projective.hash(Array(v.str("msg").utf8), dst: Array(r.str("dst").utf8)))
            #expect(Hex.encode(p.compressedRepresentation) == v.str("compressed_hex"))
        }
    }

    @Test func keyGen() throws {
        for v in Self.doc.dict("keygen").arr("vectors") as! [[String: Any]] {
            let seed = Vectors.bytes(v.str("seed_hex"))
            #expect(try PrivateKey(keyGenSeed: seed, variant: .blspyDraft02).hexString == v.str("blspy_key_gen_sk_hex"))
            #expect(try PrivateKey(keyGenSeed: seed, variant: .ietf).hexString == v.str("py_ecc_KeyGen_sk_hex"))
        }
        #expect(throws: DecodingFailure.invalidSecretKey) { try PrivateKey(keyGenSeed: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: DecodingFailure.invalidSecretKey) { try PrivateKey(hexString: String(repeating: "0", count: 64)) }
        #expect(throws: DecodingFailure.invalidSecretKey) { try PrivateKey(hexString: "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001") }
    }

    @Test func ethereumConsensusSignCrossCheck() throws {
        for v in Self.doc.dict("ethereum_consensus_sign_cross_check").arr("vectors") as! [[String: Any]] {
            let sk = try PrivateKey(hexString: v.str("sk_hex"))
            #expect(sk.signature(for: Vectors.bytes(v.str("msg_hex"))).hexString == v.str("sig_hex"))
        }
    }
}
