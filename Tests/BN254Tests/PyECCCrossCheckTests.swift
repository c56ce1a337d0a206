import ArgusTestSupport
import BN254
import Foundation
import Testing

/// Differential test against py_ecc's `optimized_bn128` (PyPI `py_ecc`) on seeded random inputs:
/// public keys in G1 and G2, hash to G1, signatures, verification verdicts (half of them on
/// tampered signatures) and one full pairing value in 𝔽ₚ¹². Driven through
/// `scripts/bn254/pyecc_crosscheck.py`; skipped when py_ecc is missing, except under CI.
@Suite struct PyECCCrossCheckTests {
    static let pyECCAvailable: Bool = Python.canImport("py_ecc")

    @Test(.enabled(if: pyECCAvailable, "py_ecc is not installed (pip install py_ecc)"))
    func crossCheck() throws {
        var g = SeededGenerator(seed: testSeed &+ 7)
        var cases: [[String: Any]] = []
        for i in 0..<6 {
            let sk = PrivateKey(using: &g)
            let length = Int(g.next() % 40)
            let message: [UInt8] = (0..<length).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            let h = G1Affine.hashToCurve(message)
            let signature = sk.signature(for: message)
            let g1 = sk.publicKeyG1
            let g2 = sk.publicKey.point
            // Odd cases check a tampered signature (σ + G1), which must be rejected by both.
            let checked: G1Affine = i % 2 == 0 ? signature.point : (signature.point.projective + .generator).affine
            let valid = sk.publicKey.isValidSignature(try Signature(checked), for: message)
            cases.append([
                "sk": sk.scalar.decimal, "msg_hex": hexString(message),
                "pub_g1": [g1.x.decimal, g1.y.decimal],
                "pub_g2": [g2.x.c0.decimal, g2.x.c1.decimal, g2.y.c0.decimal, g2.y.c1.decimal],
                "hash": [h.x.decimal, h.y.decimal],
                "sig": [signature.point.x.decimal, signature.point.y.decimal],
                "sig_checked": [checked.x.decimal, checked.y.decimal],
                "valid": valid,
            ])
        }
        let a = Scalar.random(using: &g), b = Scalar.random(using: &g)
        let gt = Pairing.pairing((G1Projective.generator * a).affine, (G2Projective.generator * b).affine).value
        let slots: [Fp2] = [gt.c0.c0, gt.c1.c0, gt.c0.c1, gt.c1.c1, gt.c0.c2, gt.c1.c2]
        let payload: [String: Any] = [
            "cases": cases,
            "pairing": ["a": a.decimal, "b": b.decimal, "gt": slots.map { [$0.c0.decimal, $0.c1.decimal] }],
        ]
        let input = try JSONSerialization.data(withJSONObject: payload)
        let (status, output) = Python.run([Python.script("scripts/bn254/pyecc_crosscheck.py")], input: input)
        #expect(status == 0, "seed \(testSeed): \(output)")
        #expect(output.contains("OK 6"), "seed \(testSeed): \(output)")
    }
}
