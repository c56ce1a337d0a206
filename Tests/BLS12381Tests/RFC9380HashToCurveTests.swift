import ArgusTestSupport
import Testing
@testable import BLS12381

@Suite struct RFC9380HashToCurveTests {
    @Test(arguments: ["expand_message_xmd_SHA256_38.json", "expand_message_xmd_SHA256_256.json"])
    func expandMessageXMD(file: String) {
        let doc = Vectors.json("rfc9380/" + file) as! [String: Any]
        let dst = Array(doc.str("DST").utf8)
        let tests = doc.arr("tests") as! [[String: Any]]
        #expect(tests.count > 0)
        for t in tests {
            let len = Int(t.str("len_in_bytes").dropFirst(2), radix: 16)!
            let out = ExpandMessage.xmd(msg: Array(t.str("msg").utf8), dst: dst, lenInBytes: len)
            #expect(Hex.encode(out) == t.str("uniform_bytes"), "msg \(t.str("msg").prefix(20)) len \(len)")
        }
    }

    static func fp2(_ s: String) -> Fp2 {
        let parts = s.split(separator: ",").map { String($0.dropFirst(2)) }
        return Fp2(c0: Fp(bigEndianBytes: (try! Hex.decode(parts[0])))!, c1: Fp(bigEndianBytes: (try! Hex.decode(parts[1])))!)
    }

    @Test func hashToG2Vectors() {
        let doc = Vectors.json("rfc9380/BLS12381G2_XMD_SHA-256_SSWU_RO_.json") as! [String: Any]
        let dst = Array(doc.str("dst").utf8)
        let vectors = doc.arr("vectors") as! [[String: Any]]
        #expect(vectors.count == 5)
        for v in vectors {
            let msg = Array(v.str("msg").utf8)
            let u = MapToG2.hashToField(msg, dst: dst)
            let us = (v["u"] as! [String]).map(Self.fp2)
            #expect(u.0 == us[0] && u.1 == us[1], "u for msg \(v.str("msg").prefix(16))")
            let q0 = MapToG2.isoMap(MapToG2.mapToCurveSSWU(u.0))
            #expect(q0.x == Self.fp2(v.dict("Q0").str("x")) && q0.y == Self.fp2(v.dict("Q0").str("y")))
            let q1 = MapToG2.isoMap(MapToG2.mapToCurveSSWU(u.1))
            #expect(q1.x == Self.fp2(v.dict("Q1").str("x")) && q1.y == Self.fp2(v.dict("Q1").str("y")))
            let p = G2Affine(G2Projective.hash(msg, dst: dst))
            #expect(p.x == Self.fp2(v.dict("P").str("x")) && p.y == Self.fp2(v.dict("P").str("y")), "P for msg \(v.str("msg").prefix(16))")
        }
    }
}
