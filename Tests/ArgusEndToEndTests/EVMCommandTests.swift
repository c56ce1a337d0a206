import ArgusProcessSupport
import ArgusProof
import BLS12381
import Foundation
import Testing

/// `argus evm calldata`, `rotate-sign` and `rotate` as a user runs them: the JSON shapes of
/// docs/PROOFS.md "On-chain calldata (argus evm)", the proofs and indices they carry, and the refusals.
@Suite struct EVMCommandTests {
    static let keys = (1...4).map { seed in try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(60 + seed), count: 32)) }
    static let names = ["Node1", "Node2", "Node3", "Node4"]
    static let domain = Bytes32(hex: "0x" + String(repeating: "5a", count: 32))!
    static let addresses = ["0xNodeA123", "0xNodeB456", "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01", "ünïcode target", "0xNodeD012"]

    static func members(stakes: [UInt64]? = nil) -> [MonitoringNode] {
        zip(names, keys).enumerated().map { i, pair in
            MonitoringNode(name: pair.0, url: "http://127.0.0.1:\(5001 + i)", publicKey: pair.1.publicKey,
                           proofOfPossession: pair.1.proofOfPossession(), stake: stakes?[i])
        }
    }

    /// A report signed by `signers` (0-based) under `registry`, as a settling node stores it.
    static func report(registry: Registry, signers: [Int]) throws -> EpochReport {
        let leaves = zip(addresses, [8, 0, 10, 3, 1] as [UInt64]).map { EpochLeaf(address: $0, downtimeSeconds: $1) }
        let content = try EpochContent(epoch: 172_800_000, from: 1_728_000_000, to: 1_728_000_010, domain: domain,
                                       registryRoot: EpochStatement.registryRoot(registry), leaves: leaves)
        let contributions = Dictionary(uniqueKeysWithValues: signers.map { (names[$0], keys[$0].signature(for: content.statement.bytes)) })
        return try EpochReport(content: content, aggregating: contributions, registry: registry)
    }

    func argus(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runCommand(try Executables.argus, arguments, environment: environment)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func word(_ value: Any?) throws -> Bytes32 {
        let text = try #require(value as? String)
        return try #require(Bytes32(hex: text))
    }

    static func eip(_ bytes: [UInt8]) -> String { "0x" + Hex.encode(bytes) }

    @Test func calldataCarriesTheReportForTheContract() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let registry = try Registry(nodes: Self.members())
        let registryFile = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data(Registry.document(registry.nodes).utf8).write(to: registryFile)
        let report = try Self.report(registry: registry, signers: [0, 2, 3])
        let epoch = directory.url.appendingPathComponent("epoch.json")
        try Data(report.json.utf8).write(to: epoch)

        let run = try argus(["evm", "calldata", "--registry", registryFile.path, epoch.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{\"constructor\":{\"domain\":") && run.stdout.split(separator: "\n").count == 1)
        let json = try Self.object(run.stdout)
        let constructor = try #require(json["constructor"] as? [String: Any])
        #expect(try Self.word(constructor["domain"]) == Self.domain)
        #expect(constructor["pubkeys"] as? [String] == Self.keys.map { Self.eip($0.publicKey.point.eip2537Representation) })
        #expect((constructor["pubkeys"] as? [String])?.allSatisfy { $0.count == 2 + 256 } == true)
        #expect(constructor["stakes"] as? [Int] == [1, 1, 1, 1])
        #expect(constructor["quorum_numerator"] as? Int == 2 && constructor["quorum_denominator"] as? Int == 3)
        #expect(constructor["epoch_seconds"] as? Int == 10)

        let submit = try #require(json["submit_epoch"] as? [String: Any])
        #expect(submit["epoch"] as? Int == 172_800_000 && submit["from_ts"] as? Int == 1_728_000_000 && submit["to_ts"] as? Int == 1_728_000_010)
        #expect(submit["leaf_count"] as? Int == 5)
        let root = try Self.word(submit["root"])
        #expect(root == report.content.root)
        #expect(submit["non_signers"] as? [Int] == [1])
        #expect(submit["signature"] as? String == Self.eip(report.aggregatedSignature.point.eip2537Representation))
        #expect((submit["signature"] as? String)?.count == 2 + 512)

        // One claim per leaf, in the report's order, each proof leading to the root.
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.map { $0["address"] as? String } == report.content.leaves.map(\.address))
        for claim in claims {
            let address = try #require(claim["address"] as? String)
            let targetID = try Self.word(claim["target_id"])
            #expect(targetID == TargetID.of(address))
            let downtime = try #require(claim["downtime"] as? Int)
            #expect(UInt64(downtime) == report.content.leaf(address: address)?.downtimeSeconds)
            let proof = try (claim["proof"] as? [Any] ?? []).map(Self.word)
            #expect(proof == report.content.proof(address: address)?.proof)
            let leaf = EpochLeaf.hash(targetID: targetID, from: 1_728_000_000, to: 1_728_000_010, downtimeSeconds: UInt64(downtime))
            #expect(MerkleTree.verify(proof: proof, root: root, leaf: leaf), "\(address)")
        }

        // A pure conversion: a tampered non-signer list (out of order, a signer named) and a
        // decodable signature over something else still convert; only the indices follow.
        let wrongSignature = Self.keys[0].signature(for: Array("something else".utf8))
        let tampered = EpochReport(content: report.content, aggregatedSignature: wrongSignature, nonSigningNodes: ["Node4", "Node1", "Node2"],
                                   signers: ["Node3"], quorum: report.quorum)
        try Data(tampered.json.utf8).write(to: epoch)
        let converted = try argus(["evm", "calldata", "--registry", registryFile.path, epoch.path])
        #expect(converted.status == 0, "\(converted.stderr)")
        let submitted = try #require(try Self.object(converted.stdout)["submit_epoch"] as? [String: Any])
        #expect(submitted["non_signers"] as? [Int] == [0, 1, 3])
        #expect(submitted["signature"] as? String == Self.eip(wrongSignature.point.eip2537Representation))
    }

    /// Stake weighting: the stakes registry_root hashes, and the registry's rule by default; a
    /// rule other than the report's still converts but warns that the contract will refuse it.
    @Test func calldataUnderAStakeQuorum() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let registry = try Registry(nodes: Self.members(stakes: [10, 20, 30, 18_446_744_073_709_551_615]))
        #expect(registry.quorum.weighting == .stake)
        let registryFile = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data(Registry.document(registry.nodes).utf8).write(to: registryFile)
        let epoch = directory.url.appendingPathComponent("epoch.json")
        try Data(try Self.report(registry: registry, signers: [3]).json.utf8).write(to: epoch)
        let run = try argus(["evm", "calldata", "--registry", registryFile.path, epoch.path])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("\"stakes\":[10,20,30,18446744073709551615],\"quorum_numerator\":2,\"quorum_denominator\":3"), "\(run.stdout)")
        #expect(run.stdout.contains("\"non_signers\":[0,1,2]"))

        let counted = try argus(["evm", "calldata", "--registry", registryFile.path, "--quorum", "count", "--fraction", "3/4", epoch.path])
        #expect(counted.status == 0 && counted.stderr.contains("warning: the report's registry_root"), "\(counted.stderr)")
        #expect(counted.stdout.contains("\"stakes\":[1,1,1,1],\"quorum_numerator\":3,\"quorum_denominator\":4"), "\(counted.stdout)")
    }

    @Test func calldataRefusesUndecodableInput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let registry = try Registry(nodes: Self.members())
        let registryFile = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data(Registry.document(registry.nodes).utf8).write(to: registryFile)
        let report = try Self.report(registry: registry, signers: [0, 1, 2])
        func convert(_ text: String, registry: String? = nil, _ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
            let file = directory.url.appendingPathComponent("epoch-\(UUID().uuidString).json")
            try Data(text.utf8).write(to: file)
            return try argus(["evm", "calldata", "--registry", registry ?? registryFile.path] + extra + [file.path])
        }
        let signature = report.aggregatedSignature.hexString
        let cases: [(String, String)] = [
            ("not json", "not valid JSON"),
            (report.json.replacingOccurrences(of: "\"non_signing_nodes\":[\"Node4\"]", with: "\"non_signing_nodes\":[\"Node9\"]"), "Node9 is not a member"),
            (report.json.replacingOccurrences(of: "\"signers\":[\"Node1\"", with: "\"signers\":[\"Node7\""), "Node7 is not a member"),
            (report.json.replacingOccurrences(of: "\"non_signing_nodes\":[\"Node4\"]", with: "\"non_signing_nodes\":[\"Node4\",\"Node4\"]"), "listed twice"),
            (report.json.replacingOccurrences(of: signature, with: "ff" + signature.dropFirst(2)), "aggregated_signature"),
            (report.json.replacingOccurrences(of: signature, with: String(signature.dropLast(2))), "aggregated_signature"),
        ]
        for (text, reason) in cases {
            let refused = try convert(text)
            #expect(refused.status == 2 && refused.stderr.contains(reason) && refused.stdout.isEmpty, "\(reason): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        }
        let badRegistry = directory.url.appendingPathComponent("bad.json")
        try Data("{\"Node1\": {\"url\": \"http://h:1\", \"pubkey\": \"00\"}}".utf8).write(to: badRegistry)
        #expect(try convert(report.json, registry: badRegistry.path).status == 2)
        #expect(try convert(report.json, registry: directory.url.appendingPathComponent("missing.json").path).status == 2)
        #expect(try convert(report.json, ["--fraction", "4/3"]).status == 2)
        // Without proofs of possession the registry is refused unless the caller opts out.
        let noPop = directory.url.appendingPathComponent("nopop.json")
        try Data(Registry.document(registry.nodes.map { MonitoringNode(name: $0.name, url: $0.url, publicKey: $0.publicKey) }).utf8).write(to: noPop)
        #expect(try convert(report.json, registry: noPop.path).status == 2)
        #expect(try convert(report.json, registry: noPop.path, ["--allow-missing-pop"]).status == 0)
        // A report whose root is not its leaves' is not a report the proofs could serve: invalid.
        let otherRoot = report.json.replacingOccurrences(of: report.content.root.hex, with: Bytes32.zero.hex)
        let invalid = try convert(otherRoot)
        #expect(invalid.status == 1 && invalid.stderr.contains("INVALID"), "\(invalid.stderr)")
    }

    /// rotate-sign by two of three old members (a keystore and a raw key), rotate aggregates them
    /// into the contract's arguments; forged, foreign and too few signatures are refused.
    @Test func rotationRoundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func path(_ name: String) -> String { directory.url.appendingPathComponent(name).path }
        try Data("rotation password\n".utf8).write(to: URL(fileURLWithPath: path("password")))
        var entries: [String] = []
        for (index, name) in ["Node1", "Node2", "Node3", "Node4"].enumerated() {
            let raw = index > 0
            let made = try argus(["keygen", "--out", path("\(name).key"), "--name", name, "--url", "http://127.0.0.1:\(5001 + index)", "--stake", "\(index + 1)"]
                                 + (raw ? ["--raw"] : ["--password-file", path("password")]))
            #expect(made.status == 0, "\(made.stderr)")
            entries.append(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // Old: Node1–3 by count; new: Node2–4 by stake, 3/4.
        try Data("{\(entries[0...2].joined(separator: ", "))}".utf8).write(to: URL(fileURLWithPath: path("old.json")))
        try Data("{\(entries[1...3].joined(separator: ", "))}".utf8).write(to: URL(fileURLWithPath: path("new.json")))
        let domain = Self.domain.hex
        let flags = ["--registry", path("old.json"), "--quorum", "count", "--new-registry", path("new.json"), "--new-fraction", "3/4", "--domain", domain]
        func sign(_ name: String, _ extra: [String] = [], domain other: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
            var arguments = ["evm", "rotate-sign"] + flags + ["--key", path("\(name).key")] + extra
            if let other { arguments[arguments.firstIndex(of: domain)!] = other }
            return try argus(arguments)
        }
        let first = try sign("Node1", ["--password-file", path("password")])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try sign("Node2")
        #expect(second.status == 0, "\(second.stderr)")

        let old = try Registry.parse(json: try String(contentsOfFile: path("old.json"), encoding: .utf8)).with(quorum: .twoThirdsByCount)
        let new = try Registry.parse(json: try String(contentsOfFile: path("new.json"), encoding: .utf8)).with(quorum: ClusterQuorum(weighting: .stake, numerator: 3, denominator: 4)!)
        let oldRoot = EpochStatement.registryRoot(old), newRoot = EpochStatement.registryRoot(new)
        let statement = Bytes32.keccak(Bytes32.keccak(Array("argus.rotate.v1".utf8)).bytes + Self.domain.bytes + oldRoot.bytes + newRoot.bytes)
        let signed = try Self.object(first.stdout)
        #expect(Array(signed.keys).count == 5 && signed["node"] as? String == "Node1")
        #expect(try Self.word(signed["old_registry_root"]) == oldRoot)
        #expect(try Self.word(signed["new_registry_root"]) == newRoot)
        #expect(try Self.word(signed["statement"]) == statement)
        let signature1 = try Signature(hexString: try #require(signed["signature"] as? String))
        #expect(try #require(old.node(named: "Node1")).publicKey.isValidSignature(signature1, for: statement.bytes))
        #expect(first.stdout.hasPrefix("{\"node\":\"Node1\",\"old_registry_root\":"))

        let noPassword = try sign("Node1")
        #expect(noPassword.status == 2 && noPassword.stderr.contains("password"), "\(noPassword.stderr)")
        let outsider = try sign("Node4")
        #expect(outsider.status == 2 && outsider.stderr.contains("is not a member"), "\(outsider.stderr)")
        #expect(try sign("Node2", domain: "0x1234").status == 2)

        try Data(first.stdout.utf8).write(to: URL(fileURLWithPath: path("sig1.json")))
        try Data(second.stdout.utf8).write(to: URL(fileURLWithPath: path("sig2.json")))
        let rotated = try argus(["evm", "rotate"] + flags + [path("sig1.json"), path("sig2.json")])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.hasPrefix("{\"old_registry_root\":\"\(oldRoot.hex)\",\"new_registry_root\":\"\(newRoot.hex)\",\"statement\":\"\(statement.hex)\",\"rotate\":{\"pubkeys\":"))
        let rotate = try #require(try Self.object(rotated.stdout)["rotate"] as? [String: Any])
        #expect(rotate["pubkeys"] as? [String] == new.nodes.map { Self.eip($0.publicKey.point.eip2537Representation) })
        #expect(rotate["stakes"] as? [Int] == [2, 3, 4])
        #expect(rotate["quorum_numerator"] as? Int == 3 && rotate["quorum_denominator"] as? Int == 4)
        #expect(rotate["non_signers"] as? [Int] == [2])
        let signature2 = try Signature(hexString: try #require(try Self.object(second.stdout)["signature"] as? String))
        let aggregate = try Signature(aggregating: [signature1, signature2])
        #expect(rotate["signature"] as? String == Self.eip(aggregate.point.eip2537Representation))
        #expect(PopScheme.fastAggregateVerify(publicKeys: [old.nodes[0].publicKey, old.nodes[1].publicKey], message: statement.bytes, signature: aggregate))

        // One of three is under the old 2/3.
        let alone = try argus(["evm", "rotate"] + flags + [path("sig1.json")])
        #expect(alone.status == 1 && alone.stderr.contains("under quorum"), "\(alone.stderr)")
        // Node2's file carrying Node1's signature: forged.
        try Data(second.stdout.replacingOccurrences(of: signature2.hexString, with: signature1.hexString).utf8).write(to: URL(fileURLWithPath: path("forged.json")))
        let forged = try argus(["evm", "rotate"] + flags + [path("sig1.json"), path("forged.json")])
        #expect(forged.status == 1 && forged.stderr.contains("Node2") && forged.stderr.contains("does not verify"), "\(forged.stderr)")
        // Node2 signing another rotation (another domain): the wrong statement.
        let elsewhere = try sign("Node2", domain: "0x" + String(repeating: "77", count: 32))
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        try Data(elsewhere.stdout.utf8).write(to: URL(fileURLWithPath: path("elsewhere.json")))
        let wrong = try argus(["evm", "rotate"] + flags + [path("sig1.json"), path("elsewhere.json")])
        #expect(wrong.status == 1 && wrong.stderr.contains("Node2 signed statement"), "\(wrong.stderr)")
        // The same member twice, and a file that is not a rotation signature.
        let twice = try argus(["evm", "rotate"] + flags + [path("sig1.json"), path("sig1.json")])
        #expect(twice.status == 1 && twice.stderr.contains("Node1 signed twice"), "\(twice.stderr)")
        try Data("{\"node\": \"Node1\"}".utf8).write(to: URL(fileURLWithPath: path("garbage.json")))
        let garbage = try argus(["evm", "rotate"] + flags + [path("sig1.json"), path("garbage.json")])
        #expect(garbage.status == 2 && garbage.stderr.contains("not a rotation signature"), "\(garbage.stderr)")
    }
}
