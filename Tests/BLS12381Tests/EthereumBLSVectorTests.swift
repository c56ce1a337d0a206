import ArgusTestSupport
import Testing
@testable import BLS12381

/// All 104 cases of ethereum/bls12-381-tests (../shared/vectors/ethereum-bls12-381-tests).
@Suite struct EthereumBLSVectorTests {
    static let base = "ethereum-bls12-381-tests/"
    static func load(_ handler: String, _ file: String) -> (input: Any, output: Any) {
        let doc = Vectors.json(base + handler + "/" + file) as! [String: Any]
        return (doc["input"]!, doc["output"]!)
    }
    static func hex(_ s: Any) -> [UInt8] { Vectors.bytes(s as! String) }
    static func pks(_ list: Any) -> [PublicKey]? {
        var out = [PublicKey]()
        for s in list as! [String] {
            guard let pk = try? PublicKey(compressedRepresentation: Vectors.bytes(s)) else { return nil }
            out.append(pk)
        }
        return out
    }

    @Test func allCasesPresent() {
        let handlers = ["sign", "verify", "aggregate", "fast_aggregate_verify", "aggregate_verify", "batch_verify",
                        "hash_to_G2", "deserialization_G1", "deserialization_G2"]
        #expect(handlers.map { Vectors.files(in: Self.base + $0).count }.reduce(0, +) == 104)
    }

    @Test(arguments: Vectors.files(in: base + "sign"))
    func sign(file: String) {
        let (input, output) = Self.load("sign", file)
        let i = input as! [String: Any]
        let key = try? PrivateKey(rawRepresentation: Self.hex(i["privkey"]!))
        if let expected = output as? String {
            let sig = key?.signature(for: Self.hex(i["message"]!))
            #expect(sig.map { "0x" + $0.hexString } == expected)
        } else {
            #expect(key == nil)
        }
    }

    @Test(arguments: Vectors.files(in: base + "verify"))
    func verify(file: String) {
        let (input, output) = Self.load("verify", file)
        let i = input as! [String: Any]
        var ok = false
        if let pk = try? PublicKey(compressedRepresentation: Self.hex(i["pubkey"]!)),
           let sig = try? Signature(compressedRepresentation: Self.hex(i["signature"]!)) {
            ok = pk.isValidSignature(sig, for: Self.hex(i["message"]!))
        }
        #expect(ok == (output as! Bool))
    }

    @Test(arguments: Vectors.files(in: base + "aggregate"))
    func aggregate(file: String) {
        let (input, output) = Self.load("aggregate", file)
        let sigs = (input as! [String]).map { try! Signature(compressedRepresentation: Vectors.bytes($0)) }
        let agg = try? Signature(aggregating: sigs)
        if let expected = output as? String {
            #expect(agg.map { "0x" + $0.hexString } == expected)
        } else {
            #expect(agg == nil)
        }
    }

    @Test(arguments: Vectors.files(in: base + "fast_aggregate_verify"))
    func fastAggregateVerify(file: String) {
        let (input, output) = Self.load("fast_aggregate_verify", file)
        let i = input as! [String: Any]
        var ok = false
        if let keys = Self.pks(i["pubkeys"]!), let sig = try? Signature(compressedRepresentation: Self.hex(i["signature"]!)) {
            ok = PopScheme.fastAggregateVerify(publicKeys: keys, message: Self.hex(i["message"]!), signature: sig)
        }
        #expect(ok == (output as! Bool))
    }

    @Test(arguments: Vectors.files(in: base + "aggregate_verify"))
    func aggregateVerify(file: String) {
        let (input, output) = Self.load("aggregate_verify", file)
        let i = input as! [String: Any]
        var ok = false
        if let keys = Self.pks(i["pubkeys"]!), let sig = try? Signature(compressedRepresentation: Self.hex(i["signature"]!)) {
            let msgs = (i["messages"] as! [String]).map { Vectors.bytes($0) }
            ok = PopScheme.aggregateVerify(publicKeys: keys, messages: msgs, signature: sig)
        }
        #expect(ok == (output as! Bool))
    }

    @Test(arguments: Vectors.files(in: base + "batch_verify"))
    func batchVerify(file: String) {
        let (input, output) = Self.load("batch_verify", file)
        let i = input as! [String: Any]
        var ok = false
        let sigs = (i["signatures"] as! [String]).compactMap { try? Signature(compressedRepresentation: Vectors.bytes($0)) }
        if let keys = Self.pks(i["pubkeys"]!), sigs.count == keys.count {
            let msgs = (i["messages"] as! [String]).map { Vectors.bytes($0) }
            var rng = SeededRNG(seed: 42)
            let items = (0..<keys.count).map { (publicKey: keys[$0], message: msgs[$0], signature: sigs[$0]) }
            ok = PopScheme.batchVerify(items, using: &rng)
        }
        #expect(ok == (output as! Bool))
    }

    @Test(arguments: Vectors.files(in: base + "hash_to_G2"))
    func hashToG2(file: String) {
        let (input, output) = Self.load("hash_to_G2", file)
        let msg = Array(((input as! [String: Any])["msg"] as! String).utf8)
        let o = output as! [String: Any]
        let p = G2Affine(G2Projective.hash(msg, dst: Array("QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_".utf8)))
        #expect(p.x == RFC9380HashToCurveTests.fp2(o.str("x")))
        #expect(p.y == RFC9380HashToCurveTests.fp2(o.str("y")))
    }

    @Test(arguments: Vectors.files(in: base + "deserialization_G1"))
    func deserializationG1(file: String) {
        let (input, output) = Self.load("deserialization_G1", file)
        let bytes = ((try? Hex.decode((input as! [String: Any])["pubkey"] as! String, allowingPrefix: true)) ?? [])
        let ok = (try? G1Affine(compressedRepresentation: bytes)) != nil
        #expect(ok == (output as! Bool))
    }

    @Test(arguments: Vectors.files(in: base + "deserialization_G2"))
    func deserializationG2(file: String) {
        let (input, output) = Self.load("deserialization_G2", file)
        let bytes = ((try? Hex.decode((input as! [String: Any])["signature"] as! String, allowingPrefix: true)) ?? [])
        let ok = (try? G2Affine(compressedRepresentation: bytes)) != nil
        #expect(ok == (output as! Bool))
    }
}
