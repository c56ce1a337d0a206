import ArgusProcessSupport
import ArgusProof
import ArgusTestSupport
import Foundation
import Testing

/// `argus keygen` and `argus verify` as a user runs them.
struct KeygenVerifyCommandTests {
    struct Reference: Decodable {
        struct Member: Decodable { var url: String; var pubkey: String }
        struct Event: Decodable { var name: String; var batch_body: String }
        var monitoring_nodes_json: [String: Member]
        var aggregate_downtime_response_json: String
        var stage3_events: [Event]
    }

    func argus(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runCommand(try Executables.argus, arguments, environment: environment)
    }

    @Test func keygenWritesAKeystoreAndARegistryEntry() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("node1.json").path
        let made = try argus(["keygen", "--out", file, "--name", "Node1", "--url", "http://127.0.0.1:5001"],
                             environment: ["ARGUS_KEY_PASSWORD": "correct horse"])
        #expect(made.status == 0, "\(made.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let registry = try Registry.parse(json: "{\(made.stdout)}", requireProofsOfPossession: true)
        let key = try Keystore.decrypt(json: try String(contentsOfFile: file, encoding: .utf8), password: "correct horse")
        #expect(registry.node(named: "Node1")?.publicKey == key.publicKey)

        let raw = directory.url.appendingPathComponent("node2.key").path
        #expect(try argus(["keygen", "--raw", "--out", raw, "--name", "Node2", "--url", "http://127.0.0.1:5002"]).status == 0)
        #expect(try String(contentsOfFile: raw, encoding: .utf8).count == 65)

        let again = try argus(["keygen", "--raw", "--out", raw, "--name", "Node2", "--url", "http://127.0.0.1:5002"])
        #expect(again.status == 2 && again.stderr.contains("refusing to overwrite"))
        let noPassword = try argus(["keygen", "--out", directory.url.appendingPathComponent("x").path, "--name", "N", "--url", "http://h:1"])
        #expect(noPassword.status == 2 && noPassword.stderr.contains("needs a password"), "\(noPassword.stderr)")
        #expect(try argus(["keygen", "--raw", "--out", directory.url.appendingPathComponent("y").path, "--name", "N", "--url", "ftp://h"]).status == 2)
    }

    @Test func verifyChecksTheReferencesProofsOffline() throws {
        let vectors = try loadVector(Reference.self, "downtime-reference.json")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let registry = directory.url.appendingPathComponent("monitoring_nodes.json")
        let text = "{" + vectors.monitoring_nodes_json.keys.sorted().map {
            "\"\($0)\": {\"url\": \"\(vectors.monitoring_nodes_json[$0]!.url)\", \"pubkey\": \"\(vectors.monitoring_nodes_json[$0]!.pubkey)\"}"
        }.joined(separator: ", ") + "}"
        try Data(text.utf8).write(to: registry)
        func check(_ proof: String) throws -> (status: Int32, stdout: String, stderr: String) {
            let file = directory.url.appendingPathComponent("proof-\(UUID().uuidString).json")
            try Data(proof.utf8).write(to: file)
            return try argus(["verify", "--registry", registry.path, "--allow-missing-pop", file.path])
        }
        let valid = try check(vectors.aggregate_downtime_response_json)
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.hasPrefix("VALID: 2 of 3 monitoring nodes (Node1, Node2) signed that 0xNodeA123 was down for 1060 s (17 min 40 s)"), "\(valid.stdout)")
        let tampered = try check(vectors.aggregate_downtime_response_json.replacingOccurrences(of: "1060", with: "1061"))
        #expect(tampered.status == 1 && tampered.stderr.contains("does not verify"), "\(tampered.stderr)")
        let lone = try check(try #require(vectors.stage3_events.first { $0.name == "single_signer_two_nonsigners" }).batch_body)
        #expect(lone.status == 1 && lone.stderr.contains("only 1 of 3 members signed"), "\(lone.stderr)")
        let event = try check(try #require(vectors.stage3_events.first { $0.name == "two_signed" }).batch_body)
        #expect(event.status == 0 && event.stdout.contains("signed that they observed 0xNodeA123 down"), "\(event.stdout)")
        // A stricter rule chosen by the verifier: 2 of 3 is not 3/4.
        let file = directory.url.appendingPathComponent("aggregate.json")
        try Data(vectors.aggregate_downtime_response_json.utf8).write(to: file)
        let strict = try argus(["verify", "--registry", registry.path, "--allow-missing-pop", "--fraction", "3/4", file.path])
        #expect(strict.status == 1 && strict.stderr.contains("only 2 of 3 members signed"), "\(strict.stderr)")
        #expect(try argus(["verify", "--registry", registry.path, "--allow-missing-pop", "--fraction", "5/4", file.path]).status == 2)
        let garbage = try check("not json")
        #expect(garbage.status == 2 && garbage.stderr.contains("not JSON"), "\(garbage.stderr)")
        // The reference's registry has no proofs of possession: refused unless the verifier opts out.
        let needsPop = try argus(["verify", "--registry", registry.path, file.path])
        #expect(needsPop.status == 2 && needsPop.stderr.contains("has no proof of possession"), "\(needsPop.stderr)")
        #expect(try argus(["verify", "--registry", directory.url.appendingPathComponent("none").path, "-"]).status == 2)
    }

    /// A node whose configuration does not match its registry refuses to start, saying why.
    @Test func serveRefusesAMismatchedClusterConfiguration() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = directory.url.appendingPathComponent("node1.key").path
        let other = directory.url.appendingPathComponent("node2.key").path
        let first = try argus(["keygen", "--raw", "--out", key, "--name", "Node1", "--url", "http://127.0.0.1:5001"])
        let second = try argus(["keygen", "--raw", "--out", other, "--name", "Node2", "--url", "http://127.0.0.1:5002"])
        try Data("{\(first.stdout), \(second.stdout)}".utf8).write(to: directory.url.appendingPathComponent("monitoring_nodes.json"))
        func serve(name: String, key: String) throws -> (status: Int32, stdout: String, stderr: String) {
            let config = directory.url.appendingPathComponent("argus.yml")
            try Data("""
                listen: 127.0.0.1:0
                targets: {"0xNodeA123": "http://127.0.0.1:9"}
                cluster: {name: \(name), key: \(key), registry: monitoring_nodes.json}
                zellular: {network: nodes.json}
                """.utf8).write(to: config)
            return try argus(["serve", "--config", config.path])
        }
        let unknown = try serve(name: "Node9", key: key)
        #expect(unknown.status == 2 && unknown.stderr.contains("cluster.name Node9 is not in"), "\(unknown.stderr)")
        let mismatched = try serve(name: "Node1", key: other)
        #expect(mismatched.status == 2 && mismatched.stderr.contains("is not the one"), "\(mismatched.stderr)")
        let noNetwork = try serve(name: "Node1", key: key)
        #expect(noNetwork.status == 2 && noNetwork.stderr.contains("nodes.json"), "\(noNetwork.stderr)")
    }
}

/// Key files are never readable by others, at any moment: checked on the system call that
/// creates them, not only on the final mode.
struct KeyFileTests {
    @Test func keysAreCreatedPrivateAndExclusiveByTheOpenCall() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else {
            #expect(!Python.isRequired, "strace is required under CI (make deps installs it)")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = directory.url.appendingPathComponent("node.key").path
        let trace = directory.url.appendingPathComponent("trace").path
        let run = try runCommand(URL(fileURLWithPath: "/usr/bin/strace"),
                                 ["-f", "-e", "trace=openat,open,creat,rename,renameat,renameat2,chmod,fchmod,fchmodat", "-o", trace,
                                  try Executables.argus.path, "keygen", "--raw", "--out", key, "--name", "N", "--url", "http://127.0.0.1:1"])
        #expect(run.status == 0, "\(run.stderr)")
        let calls = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").filter { $0.contains(key) }
        #expect(calls.count == 1, "\(calls)")
        let create = try #require(calls.first)
        for flag in ["O_CREAT", "O_EXCL", "O_NOFOLLOW", "0600"] { #expect(create.contains(flag), "\(create)") }
        #expect(!create.contains("rename") && !create.contains("chmod"))
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // A planted symlink is not followed, and nothing is written through it.
        let victim = directory.url.appendingPathComponent("victim").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
        let link = directory.url.appendingPathComponent("link.key").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let planted = try runCommand(try Executables.argus, ["keygen", "--raw", "--out", link, "--name", "N", "--url", "http://127.0.0.1:1"])
        #expect(planted.status == 2 && planted.stderr.contains("refusing to overwrite"), "\(planted.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
    }
}

/// The rogue-key forgery is refused by the default `argus verify`, for a state event and for a
/// downtime proof; only the explicit opt-out accepts it (and warns).
struct RogueKeyTests {
    @Test func theDefaultVerifierRefusesARegistryWithoutProofsOfPossession() throws {
        let (json, attacker) = try RogueKey.registry()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let registry = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data(json.utf8).write(to: registry)
        let event = StateEvent(address: "0xNodeA123", state: .down, timestamp: 1_700_000_000,
                               aggregatedSignature: attacker.signature(for: Array(Statement.state(address: "0xNodeA123", state: .down, timestamp: 1_700_000_000).utf8)),
                               nonSigningNodes: [])
        let statement = Statement.downtime(address: "0xNodeA123", total: 100, from: 0, to: 100)
        let proof = DowntimeProof(address: "0xNodeA123", from: 0, to: 100, totalDowntimeSeconds: 100,
                                  aggregatedSignature: attacker.signature(for: Array(statement.utf8)), nonSigningNodes: [])
        for (name, document) in [("event", event.batchBody), ("downtime", proof.json)] {
            let file = directory.url.appendingPathComponent("\(name).json")
            try Data(document.utf8).write(to: file)
            let refused = try runCommand(try Executables.argus, ["verify", "--registry", registry.path, file.path])
            #expect(refused.status == 2 && refused.stderr.contains("Node3 has no proof of possession"), "\(name): \(refused.stderr)")
            // The opt-out shows why it is one: the lone attacker "proves" all three members.
            let waived = try runCommand(try Executables.argus, ["verify", "--registry", registry.path, "--allow-missing-pop", file.path])
            #expect(waived.status == 0 && waived.stdout.contains("3 of 3") && waived.stderr.contains("warning"), "\(name): \(waived.stdout)")
        }
    }
}

/// Numbers from outside at their extremes end in exit 1 or 2, never a trap (finding 6).
struct ExtremeNumberTests {
    @Test func hugeStakesAndFractionsAreDecidedNotTrapped() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var entries: [String] = []
        var keys: [String] = []
        for index in 1...3 {
            let key = directory.url.appendingPathComponent("n\(index).key").path
            let made = try runCommand(try Executables.argus, ["keygen", "--raw", "--out", key, "--name", "Node\(index)", "--url", "http://127.0.0.1:\(5000 + index)",
                                                              "--stake", "18446744073709551615"])
            #expect(made.status == 0, "\(made.stderr)")
            entries.append(made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            keys.append(key)
        }
        let registry = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data("{\(entries.joined(separator: ", "))}".utf8).write(to: registry)
        let statement = "Address: 0xNodeA123, State: down, Timestamp: 9223372036854775807"
        var signatures: [String] = []
        for key in keys.prefix(2) {
            let signed = try runCommand(try Executables.argus, ["bls", "sign", "--secret-file", key, "--message", statement])
            signatures.append(signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let aggregate = try runCommand(try Executables.argus, ["bls", "aggregate-signatures"] + signatures).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let event = directory.url.appendingPathComponent("event.json")
        try Data(#"[{"address": "0xNodeA123", "state": "down", "timestamp": 9223372036854775807, "aggregated_signature": "\#(aggregate)", "non_signing_nodes": ["Node3"]}]"#.utf8).write(to: event)
        let max = "18446744073709551615"
        let all = try runCommand(try Executables.argus, ["verify", "--registry", registry.path, "--fraction", "\(max)/\(max)", event.path])
        #expect(all.status == 1 && all.stderr.contains("only 2 of 3 members signed"), "\(all.status) \(all.stderr)")
        let twoThirds = try runCommand(try Executables.argus, ["verify", "--registry", registry.path, event.path])
        #expect(twoThirds.status == 0, "\(twoThirds.stderr)")
        let tooBig = try runCommand(try Executables.argus, ["verify", "--registry", registry.path, "--fraction", "1/18446744073709551616", event.path])
        #expect(tooBig.status == 2)
        try Data(#"{"Node1": {"url": "http://127.0.0.1:1", "pubkey": "00", "stake": 18446744073709551616}}"#.utf8).write(to: registry)
        #expect(try runCommand(try Executables.argus, ["verify", "--registry", registry.path, "--allow-missing-pop", event.path]).status == 2)
    }
}
