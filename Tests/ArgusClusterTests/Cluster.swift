import ArgusProof
import BLS12381

/// A three-member cluster with deterministic keys, for the core's suites.
enum Cluster {
    static let keys = (1...3).map { seed in try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(seed), count: 32)) }
    static let names = ["Node1", "Node2", "Node3"]
    static let registry = try! Registry(nodes: zip(names, keys).map { name, key in
        MonitoringNode(name: name, url: "http://127.0.0.1:5001", publicKey: key.publicKey, proofOfPossession: key.proofOfPossession())
    })

    /// Member name → signature over `statement`, by the members at `signers` (0-based).
    static func contributions(_ statement: String, by signers: [Int]) -> [String: Signature] {
        Dictionary(uniqueKeysWithValues: signers.map { (names[$0], keys[$0].signature(for: Array(statement.utf8))) })
    }
}
