import ArgusTestSupport
import Foundation
import Testing
@testable import BLS12381

/// EIP-2537 point encodings (EIP2537Encoding.swift): the generators and the identity by their
/// published coordinates, and random multiples and decoded ZCash points against py_ecc
/// (`scripts/bls12381/eip2537_crosscheck.py`, skipped when py_ecc is missing, except under CI).
@Suite struct EIP2537EncodingTests {
    static let pad = String(repeating: "00", count: 16)

    /// G1's generator, as EIP-2537 and draft-irtf-cfrg-pairing-friendly-curves list it.
    @Test func g1Generator() {
        let x = "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
        let y = "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"
        #expect(Hex.encode(G1Affine.generator.eip2537Representation) == Self.pad + x + Self.pad + y)
    }

    /// G2's generator: x.c0, x.c1, y.c0, y.c1 (c0 first, where the ZCash form puts c1 first).
    @Test func g2Generator() {
        let coordinates = [
            "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
            "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e",
            "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801",
            "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be",
        ]
        let encoded = G2Affine.generator.eip2537Representation
        #expect(encoded.count == 256)
        #expect(Hex.encode(encoded) == coordinates.map { Self.pad + $0 }.joined())
        // The same coordinates as the uncompressed ZCash form, halves swapped.
        let zcash = Hex.encode(G2Affine.generator.uncompressedRepresentation)
        #expect(zcash == coordinates[1] + coordinates[0] + coordinates[3] + coordinates[2])
    }

    @Test func identity() {
        #expect(G1Affine.identity.eip2537Representation == [UInt8](repeating: 0, count: 128))
        #expect(G2Affine.identity.eip2537Representation == [UInt8](repeating: 0, count: 256))
        #expect(G1Affine(G1Projective.generator * Scalar.zero).eip2537Representation == [UInt8](repeating: 0, count: 128))
    }

    static let pyECCAvailable: Bool = Python.canImport("py_ecc")

    @Test(.enabled(if: pyECCAvailable, "py_ecc is not installed (pip install py_ecc)"))
    func agreesWithPyECC() throws {
        let seed = testSeed(fallback: propertySeed &+ 2537)
        var rng = SeededRNG(seed: seed)
        var scalars: [Scalar] = [.zero, .one, Scalar(2)]
        for _ in 0..<5 { scalars.append(Scalar.random(&rng)) }
        let multiples: [[String: Any]] = scalars.map { k in
            ["k": Hex.encode(k.bigEndianBytes),
             "g1": Hex.encode(G1Affine(G1Projective.generator * k).eip2537Representation),
             "g2": Hex.encode(G2Affine(G2Projective.generator * k).eip2537Representation)]
        }
        // Keys and signatures as the registry and the reports carry them: ZCash compressed, decoded strictly.
        var decoded: [[String: Any]] = []
        for _ in 0..<3 {
            let key = try PrivateKey(keyGenSeed: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let signature = key.signature(for: (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let publicKey = try PublicKey(hexString: key.publicKey.hexString)
            let parsed = try Signature(hexString: signature.hexString)
            decoded.append(["g1_compressed": publicKey.hexString, "g1": Hex.encode(publicKey.point.eip2537Representation)])
            decoded.append(["g2_compressed": parsed.hexString, "g2": Hex.encode(parsed.point.eip2537Representation)])
        }
        let input = try JSONSerialization.data(withJSONObject: ["multiples": multiples, "decoded": decoded])
        let (status, output) = Python.run([Python.script("scripts/bls12381/eip2537_crosscheck.py")], input: input)
        #expect(status == 0, "seed \(seed): \(output)")
        #expect(output.contains("OK \(2 * multiples.count + decoded.count)"), "seed \(seed): \(output)")
    }
}
