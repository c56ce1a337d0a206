import ArgusProof
import ArgusTestSupport
import BLS12381
import Foundation
import Testing

/// Epoch reports: the Merkle layout, the encodings, the report's own checks, tampering, and the
/// independent Python check (pycryptodome's keccak + blspy, scripts/argus/verify_epoch.py).
@Suite struct EpochReportTests {
    static let keys = (1...4).map { seed in try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(40 + seed), count: 32)) }
    static let names = ["Node1", "Node2", "Node3", "Node4"]
    static let registry = try! Registry(nodes: zip(names, keys).map { name, key in
        MonitoringNode(name: name, url: "http://127.0.0.1:5001", publicKey: key.publicKey, proofOfPossession: key.proofOfPossession())
    })
    static let domain = Bytes32(hex: "0x" + String(repeating: "a5", count: 32))!
    static let addresses = ["0xNodeA123", "0xNodeB456", "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01",
                            "0x00000000000000000000000000000000000000ff", "ünïcode target"]

    /// A report of 5 targets for epoch 172800000 (10-s epochs), signed by `signers` (0-based).
    static func report(signers: [Int] = [0, 1, 2], downtimes: [UInt64] = [8, 0, 10, 3, 1]) throws -> EpochReport {
        let leaves = zip(addresses, downtimes).map { EpochLeaf(address: $0, downtimeSeconds: $1) }
        let content = try EpochContent(epoch: 172_800_000, from: 1_728_000_000, to: 1_728_000_010, domain: domain,
                                       registryRoot: EpochStatement.registryRoot(registry), leaves: leaves)
        let contributions = Dictionary(uniqueKeysWithValues: signers.map { (names[$0], keys[$0].signature(for: content.statement.bytes)) })
        return try EpochReport(content: content, aggregating: contributions, registry: registry)
    }

    static func word(_ byte: UInt8) -> Bytes32 { Bytes32([UInt8](repeating: 0, count: 31) + [byte])! }

    @Test func targetIDs() {
        // An Ethereum address is its uint160, left-padded; case does not matter.
        #expect(TargetID.of("0xAbCdEf0123456789aBcDeF0123456789AbCdEf01").hex
                == "0x000000000000000000000000abcdef0123456789abcdef0123456789abcdef01")
        #expect(TargetID.of("0xabcdef0123456789abcdef0123456789abcdef01") == TargetID.of("0xABCDEF0123456789ABCDEF0123456789ABCDEF01"))
        // Anything else is keccak256(utf8): keccak256("abc").
        #expect(TargetID.of("abc").hex == "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        // 41 hex digits, a 0X prefix, or a non-hex digit are not addresses.
        for other in ["0x" + String(repeating: "1", count: 41), "0X" + String(repeating: "1", count: 40), "0x" + String(repeating: "g", count: 40)] {
            #expect(TargetID.of(other) == Bytes32.keccak(Array(other.utf8)))
        }
    }

    /// OpenZeppelin's layout for 3 leaves l0 < l1 < l2: `[node(node(l0, l1), l2), node(l0, l1), l2, l1, l0]`.
    @Test func openZeppelinLayout() {
        let (l0, l1, l2) = (Self.word(1), Self.word(2), Self.word(3))
        let tree = MerkleTree(leaves: [l2, l0, l1])
        let n01 = MerkleTree.node(l0, l1)
        #expect(tree.nodes == [MerkleTree.node(n01, l2), n01, l2, l1, l0])
        #expect(tree.proof(for: l0) == [l1, l2])
        #expect(tree.proof(for: l2) == [n01])
        #expect(MerkleTree(leaves: [l1]).root == l1)
        #expect(MerkleTree(leaves: [l1]).proof(for: l1) == [])
        #expect(MerkleTree(leaves: []).root == .zero)
        #expect(MerkleTree.node(l0, l1) == MerkleTree.node(l1, l0))
    }

    /// Every leaf's proof verifies, for trees of 1 to 40 leaves; a wrong leaf or path does not.
    @Test func proofsVerify() {
        var generator = SeededGenerator(seed: 3)
        for count in 1...40 {
            let leaves = (0..<count).map { _ in Bytes32((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })! }
            let tree = MerkleTree(leaves: leaves)
            for leaf in leaves {
                let path = tree.proof(for: leaf)!
                #expect(MerkleTree.verify(proof: path, root: tree.root, leaf: leaf))
                #expect(!MerkleTree.verify(proof: path, root: tree.root, leaf: Self.word(7)))
                if !path.isEmpty {
                    var bent = path
                    bent[bent.count / 2] = Self.word(9)
                    #expect(!MerkleTree.verify(proof: bent, root: tree.root, leaf: leaf))
                }
            }
        }
    }

    @Test func reportRoundTripsAndVerifies() throws {
        let report = try Self.report()
        let parsed = try EpochReport(json: Data(report.json.utf8))
        #expect(parsed.json == report.json)
        let verified = try parsed.verify(with: Self.registry, domain: Self.domain)
        #expect(verified.signers == ["Node1", "Node2", "Node3"])
        #expect(verified.nonSigners == ["Node4"])
        for address in Self.addresses {
            let proof = try #require(report.content.proof(address: address))
            let read = try InclusionProof(json: Data(proof.json.utf8))
            #expect(read == proof)
            try read.verify(against: parsed)
        }
        #expect(report.content.proof(address: "0xNotATarget") == nil)
    }

    /// Each tampering is caught, with the reason.
    @Test func tamperedReportsFail() throws {
        let report = try Self.report()
        func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
            var object = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
            edit(&object)
            return try JSONSerialization.data(withJSONObject: object)
        }
        func fails(_ data: Data, domain: Bytes32? = Self.domain, _ expected: String) {
            do {
                _ = try EpochReport(json: data).verify(with: Self.registry, domain: domain)
                Issue.record("accepted a report with \(expected)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
        }
        fails(try edited { object in
            var leaves = object["leaves"] as! [[String: Any]]
            leaves[0]["downtime_seconds"] = (leaves[0]["downtime_seconds"] as! Int) + 1
            object["leaves"] = leaves
        }, "is not the root of the listed leaves")
        fails(try edited { object in object["leaves"] = Array((object["leaves"] as! [[String: Any]]).dropLast()) }, "leaf_count is 5 but")
        fails(try edited { object in
            object["leaves"] = Array((object["leaves"] as! [[String: Any]]).dropLast())
            object["leaf_count"] = 4
        }, "is not the root of the listed leaves")
        fails(Data(report.json.utf8), domain: Self.word(1), "domain")
        fails(try edited { object in object["domain"] = Self.word(1).hex }, "is not the statement of these fields")
        fails(try edited { object in object["non_signing_nodes"] = ["Node4", "Node3"] }, "only 2 of 4 members signed")
        fails(try edited { object in object["non_signing_nodes"] = [String]() }, "does not verify")
        fails(try edited { object in object["non_signing_nodes"] = ["Node9"] }, "not a member")
        fails(try edited { object in object["signers"] = ["Node1", "Node2"] }, "lists signers")
        // Another registry (one key fewer): the registry root no longer matches.
        let smaller = try Registry(nodes: Array(Self.registry.nodes.prefix(3)))
        do {
            _ = try report.verify(with: smaller)
            Issue.record("accepted a report of another registry")
        } catch {
            #expect("\(error)".contains("registry_root"))
        }
        // A changed fraction changes the registry root too.
        #expect(EpochStatement.registryRoot(try Self.registry.with(quorum: ClusterQuorum(numerator: 3, denominator: 4)!))
                != EpochStatement.registryRoot(Self.registry))
    }

    @Test func tamperedProofsFail() throws {
        let report = try Self.report()
        let proof = try #require(report.content.proof(address: Self.addresses[2]))
        var changedDowntime = proof
        changedDowntime.downtimeSeconds += 1
        var changedPath = proof
        changedPath.proof[0] = Self.word(5)
        var otherAddress = proof
        otherAddress.address = Self.addresses[0]
        var otherEpoch = proof
        otherEpoch.epoch += 1
        for (bad, expected) in [(changedDowntime, "is not the hash of these fields"), (changedPath, "does not lead"),
                                (otherAddress, "is not the id of"), (otherEpoch, "the proof is for epoch")] {
            #expect(throws: InclusionProof.Failure.self, "\(expected)") { try bad.verify(against: report) }
            do { try bad.verify(against: report) } catch { #expect("\(error)".contains(expected), "\(error)") }
        }
        // A leaf rebuilt with a changed downtime and re-rooted is not the report's root.
        var forged = try Self.report(downtimes: [8, 0, 9, 3, 1]).content.proof(address: Self.addresses[2])!
        forged.epoch = proof.epoch
        do { try forged.verify(against: report) } catch { #expect("\(error)".contains("is not the report's root")) }
    }

    @Test func malformedInputIsNamed() {
        for (text, expected) in [("{}", "missing"), ("[1]", "not an epoch report"), ("{\"epoch\": -1}", "not an epoch report")] {
            do {
                _ = try EpochReport(json: Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
            }
        }
        #expect(throws: InclusionProof.Failure.self) { try InclusionProof(json: Data("{\"epoch\":1}".utf8)) }
    }

    /// The documented encodings, rebuilt by a script that shares no code with Argus
    /// (pycryptodome's keccak and blspy): leaves, root, registry root, statement, the aggregated
    /// signature and every inclusion proof — and the tampered report fails there too.
    @Test func independentPythonCheck() throws {
        guard Python.canImport("blspy") && Python.canImport("Crypto.Hash.keccak") else { return }
        let report = try Self.report()
        let registryText = Registry.document(Self.registry.nodes)
        func run(_ reportText: String) throws -> (Int32, String) {
            let request: [String: Any] = [
                "registry": registryText, "report": reportText, "domain": Self.domain.hex,
                "proofs": Self.addresses.map { report.content.proof(address: $0)!.json },
            ]
            return Python.run([Python.script("scripts/argus/verify_epoch.py")], input: try JSONSerialization.data(withJSONObject: request))
        }
        let (status, output) = try run(report.json)
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK report epoch=172800000 leaves=5 root=\(report.content.root.hex)"), "\(output)")
        #expect(output.contains("statement=\(report.content.statement.hex)"), "\(output)")
        #expect(output.components(separatedBy: "OK proof").count == 6, "\(output)")
        let (badStatus, badOutput) = try run(report.json.replacingOccurrences(of: "\"non_signing_nodes\":[\"Node4\"]", with: "\"non_signing_nodes\":[]"))
        #expect(badStatus == 1 && badOutput.hasPrefix("FAIL"), "\(badOutput)")
    }
}
