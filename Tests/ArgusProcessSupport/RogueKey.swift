import ArgusProof
import BLS12381

/// The rogue-key attack on same-message aggregation (security review finding 1): a member without
/// a proof of possession registers `a·G − pk1 − pk2`; the lone signature of `a` then verifies as
/// the aggregate of all three members.
public enum RogueKey {
    /// `a` (the attacker's real secret) and a registry `Node1`, `Node2` (with `pop`s) and the rogue
    /// `Node3` (without one).
    public static func registry() throws -> (json: String, attacker: PrivateKey) {
        let honest = try (1...2).map { seed in try PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(seed), count: 32)) }
        let secret = [UInt8](repeating: 0, count: 31) + [42]
        let attacker = try PrivateKey(rawRepresentation: secret)
        var rogue = G1Projective.generator * Scalar(bigEndianBytes: secret)!
        for key in honest { rogue = rogue - G1Projective(key.publicKey.point) }
        let entries = honest.enumerated().map { index, key in
            #""Node\#(index + 1)": {"url": "http://127.0.0.1:\#(5001 + index)", "pubkey": "\#(key.publicKey.hexString)", "pop": "\#(key.proofOfPossession().hexString)"}"#
        }
        let rogueKey = try PublicKey(point: G1Affine(rogue))
        return ("{" + entries.joined(separator: ", ") + #", "Node3": {"url": "http://127.0.0.1:5003", "pubkey": "\#(rogueKey.hexString)"}}"#, attacker)
    }
}
