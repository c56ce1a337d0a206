import ArgusTestSupport
import BN254
import Testing

/// Every case of `bn254-eigen.json` (eigensdk-python over herumi/mcl).
@Suite struct EigenSDKVectorTests {
    static let file: EigenFile? = try? loadVector(EigenFile.self, "bn254-eigen.json")
    static var keyCases: [EigenFile.Key] { file?.keys ?? [] }

    static func key(_ label: String) throws -> PrivateKey {
        let entry = try #require(keyCases.first { $0.label == label })
        return try PrivateKey(decimal: entry.sk_dec)
    }

    @Test func fileLoads() throws {
        let file = try #require(Self.file)
        #expect(file.keys.count == 6)
        #expect(file.hash_to_g1.count == 13)
        #expect(file.negative_and_edge_cases.count == 12)
    }

    @Test(arguments: Self.keyCases)
    func keyDerivation(_ entry: EigenFile.Key) throws {
        let sk: PrivateKey = try PrivateKey(decimal: entry.sk_dec)
        #expect(try PrivateKey(hexString: entry.sk_hex64) == sk)
        #expect(sk.hexString == entry.sk_hex64)
        let g1: G1Affine = sk.publicKeyG1
        #expect(g1.x.decimal == entry.pub_g1.x && g1.y.decimal == entry.pub_g1.y)
        #expect(g1.mclString == entry.pub_g1.mcl_str)
        #expect(try G1Affine(mclString: entry.pub_g1.mcl_str) == g1)
        let pk: PublicKey = sk.publicKey
        #expect(pk.point.x.c0.decimal == entry.pub_g2.x_real)
        #expect(pk.point.x.c1.decimal == entry.pub_g2.x_imag)
        #expect(pk.point.y.c0.decimal == entry.pub_g2.y_real)
        #expect(pk.point.y.c1.decimal == entry.pub_g2.y_imag)
        #expect(pk.mclString == entry.pub_g2.mcl_str)
        #expect(pk.pubkeyG2X == entry.pub_g2.pubkeyG2_X)
        #expect(pk.pubkeyG2Y == entry.pub_g2.pubkeyG2_Y)
        #expect(try PublicKey(mclString: entry.pub_g2.mcl_str) == pk)
        #expect(try PublicKey(pubkeyG2X: entry.pub_g2.pubkeyG2_X, pubkeyG2Y: entry.pub_g2.pubkeyG2_Y) == pk)
    }

    @Test(arguments: Self.file?.hash_to_g1 ?? [])
    func hashToG1(_ c: EigenFile.HashCase) throws {
        let message: [UInt8] = hexBytes(c.msg_hex)
        #expect(Fp.reducing(bigEndian: message).decimal == c.x_start)
        let (point, increments) = G1Affine.hashToCurveWithCount(message)
        #expect(increments == c.increments)
        #expect(point.x.decimal == c.x && point.y.decimal == c.y)
        #expect(point.mclString == c.mcl_str)
    }

    @Test(arguments: Self.file?.signatures ?? [])
    func signatures(_ set: EigenFile.SignatureSet) throws {
        let message: [UInt8] = hexBytes(set.msg_hex)
        for byKey in set.by_key {
            let sk: PrivateKey = try Self.key(byKey.key)
            let signature: Signature = sk.signature(for: message)
            #expect(signature.mclString == byKey.mcl_str, "\(set.msg_name) by \(byKey.key)")
            let parsed: Signature = try Signature(mclString: byKey.mcl_str)
            #expect(sk.publicKey.isValidSignature(parsed, for: message))
        }
    }

    @Test func aggregation() throws {
        let agg = try #require(Self.file).aggregation
        let message: [UInt8] = hexBytes(agg.msg_hex)
        let all: [PublicKey] = try agg.all_keys.map { try Self.key($0).publicKey }
        let nonsigners: [PublicKey] = try agg.nonsigners.map { try Self.key($0).publicKey }
        let aggregateAll: PublicKey = try #require(PublicKey.aggregate(all))
        #expect(aggregateAll.mclString == agg.aggregate_pubkey_all_mcl)
        #expect(aggregateAll.pubkeyG2X == agg.aggregate_pubkey_all_eigen.pubkeyG2_X)
        #expect(aggregateAll.pubkeyG2Y == agg.aggregate_pubkey_all_eigen.pubkeyG2_Y)
        let signersKey: PublicKey = try #require(aggregateAll.subtracting(nonsigners))
        #expect(signersKey.mclString == agg.signers_pubkey_mcl)
        let signatures: [Signature] = try agg.signers.map { try Self.key($0).signature(for: message) }
        let aggregate: Signature = try #require(Signature.aggregate(signatures))
        #expect(aggregate.mclString == agg.aggregate_signature_mcl)
        #expect(signersKey.isValidSignature(aggregate, for: message) == agg.expected_valid)
        #expect(!aggregateAll.isValidSignature(aggregate, for: message))
    }

    @Test(arguments: Self.file?.negative_and_edge_cases ?? [])
    func negativeAndEdgeCases(_ c: EigenFile.EdgeCase) throws {
        switch c.name {
        case "g2_real_imag_swapped":
            let x = try #require(c.pubkeyG2_X), y = try #require(c.pubkeyG2_Y)
            #expect(throws: Never.self) { try PublicKey(pubkeyG2X: x, pubkeyG2Y: y) }
            #expect(throws: DecodingFailure.notOnCurve) { try PublicKey(mclString: try #require(c.wrong_mcl_str)) }
        case "g2_key_not_in_subgroup":
            #expect(c.on_curve == true && c.in_subgroup == false)
            #expect(throws: DecodingFailure.notInSubgroup) { try PublicKey(mclString: try #require(c.pubkey_g2_mcl)) }
        case "identity_signature_with_identity_key":
            #expect(c.pairing_equation_holds == true)
            // The bare equation holds for identities ...
            #expect(Pairing.productIsOne([(G1Affine.hashToCurve([0x61]), G2Affine.identity), (G1Affine.identity, G2Affine.generator)]))
            // ... which is why both decoders refuse them.
            #expect(throws: DecodingFailure.unexpectedIdentity) { try Signature(mclString: try #require(c.signature_mcl)) }
            #expect(throws: DecodingFailure.unexpectedIdentity) { try PublicKey(mclString: try #require(c.pubkey_g2_mcl)) }
        case "signature_not_on_curve":
            #expect(throws: DecodingFailure.notOnCurve) { try Signature(mclString: try #require(c.signature_mcl)) }
        case "signature_coordinate_ge_p":
            #expect(throws: DecodingFailure.nonCanonical) { try Signature(mclString: try #require(c.signature_mcl)) }
        default:
            let signature: Signature = try Signature(mclString: try #require(c.signature_mcl))
            let key: PublicKey = try PublicKey(mclString: try #require(c.pubkey_g2_mcl))
            let message: [UInt8] = hexBytes(try #require(c.verify_msg_hex))
            #expect(key.isValidSignature(signature, for: message) == c.expected_valid)
        }
        #expect(c.name == "valid_reference" || c.name == "try_and_increment_collision" || !c.expected_valid)
    }

    @Test func secretKeyParsingQuirk() throws {
        let entries = try #require(Self.file).secret_key_parsing_quirk.entries
        #expect(entries.count >= 4)
        for entry in entries {
            let bytes: [UInt8] = hexBytes(entry.input_hex)
            let raw: Scalar? = Scalar(bigEndian: bytes)
            #expect((raw == nil) == entry.input_ge_r)
            // Strict API refuses what eigensdk silently mangles.
            if entry.input_ge_r {
                #expect(throws: DecodingFailure.invalidSecretKey) { try PrivateKey(hexString: entry.input_hex) }
            }
            var words: [UInt64] = [0, 0, 0, 0]
            for (i, byte) in bytes.enumerated() { words[3 - i / 8] = words[3 - i / 8] << 8 | UInt64(byte) }
            let effective: Scalar = entry.input_ge_r
                ? Scalar(mclUncheckedLimbs: (words[0], words[1], words[2], words[3])) : raw!
            #expect(effective.decimal == entry.effective_sk_dec)
            let pk: PublicKey = try PrivateKey(scalar: effective).publicKey
            #expect(pk.pubkeyG2X == entry.pubkeyG2_X && pk.pubkeyG2Y == entry.pubkeyG2_Y)
        }
    }

    @Test func strictMCLParsing() throws {
        for bad in ["", " 0", "0 ", "00", "1 1  2", "1 01 2", "1 1 2 ", "2 1", "4 1 2 1", "1 +1 2", "1 1", "1 1 2 3", "garbage"] {
            #expect(throws: DecodingFailure.self, "\(bad)") { try G1Affine(mclString: bad) }
        }
        #expect(try G1Affine(mclString: "1 1 2") == .generator)
        #expect(try G1Affine(mclString: "0") == .identity)
    }
}
