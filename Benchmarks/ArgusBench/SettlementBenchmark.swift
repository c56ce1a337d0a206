import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import ArgusTestSupport
import BLS12381
import Foundation

/// CPU seconds this process has used (all threads: GRDB reads on its own queue count too).
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Settling one epoch as a verifiable node does it (EpochSettler.computed and settle), for 1k,
/// 10k and 100k targets in a real SQLite store: read every target's downtime in one transaction,
/// build the leaves, the Merkle tree and the statement, sign it and store it, aggregate the
/// members' signatures (a 5-member registry, one non-signer), write the report JSON and store it.
/// Then inclusion proofs: generation from the tree, and checking a served proof (parse, rebuild
/// the leaf, fold the path, match the report). The anchor is the independent Python verifier
/// (scripts/argus/verify_epoch.py: pycryptodome's keccak, blspy) checking the same report — it
/// rebuilds the same leaves, tree and statement and verifies the same signature — and the same
/// proofs; its root must equal Argus's.
func settlementBenchmark(_ options: Options) async throws {
    let keys = try (1...5).map { seed in try PrivateKey(keyGenSeed: [UInt8](repeating: UInt8(seed), count: 32)) }
    let members = keys.enumerated().map { index, key in
        MonitoringNode(name: "Node\(index + 1)", url: "http://127.0.0.1:\(6001 + index)", publicKey: key.publicKey,
                       proofOfPossession: key.proofOfPossession())
    }
    let registry = try Registry(nodes: members)
    let registryJSON = "{" + members.map(\.entryLine).joined(separator: ", ") + "}"
    let domain = Bytes32(hex: "0x" + String(repeating: "a5", count: 32))!
    let registryRoot = EpochStatement.registryRoot(registry)
    let (epoch, length) = (UInt64(1_000), UInt64(3_600))
    let (from, to) = (epoch * length, (epoch + 1) * length)
    if !options.json { print("settling one epoch of \(length) s (release build; CPU time of this process, wall time in brackets)") }

    for count in options.targets {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EventStore(directory: directory.path)
        // Every target: its state before the epoch, then 0–3 changes inside it; half are 0x addresses.
        var rng = SeededGenerator(seed: UInt64(count))
        var changes: [StateChange] = []
        let addresses = (0..<count).map { index in
            index.isMultiple(of: 2) ? String(format: "0x%040x", index + 1) : "node-\(index).operators.example:9000"
        }
        for address in addresses {
            var state: HealthState = Bool.random(using: &rng) ? .down : .up
            changes.append(StateChange(address: address, state: state, timestamp: Int64(from) - Int64.random(in: 1...86_400, using: &rng)))
            let inside = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int64(from) + Int64.random(in: 1..<Int64(length), using: &rng) }
            for timestamp in Set(inside).sorted() {
                state = state == .up ? .down : .up
                changes.append(StateChange(address: address, state: state, timestamp: timestamp))
            }
        }
        for start in stride(from: 0, to: changes.count, by: 100_000) {
            try await store.append(contentsOf: Array(changes[start..<min(start + 100_000, changes.count)]))
        }
        // The peers' signatures arrive over HTTP; they are computed here, untimed.
        let query = try DowntimeQuery(from: Int64(from), to: Int64(to))
        let expected = try EpochContent(epoch: epoch, from: from, to: to, domain: domain, registryRoot: registryRoot,
                                        leaves: try await store.downtimes(addresses: addresses, query: query).map {
                                            EpochLeaf(address: $0.key, downtimeSeconds: UInt64($0.value))
                                        })
        let peerSignatures = Dictionary(uniqueKeysWithValues: (1..<4).map { (members[$0].name, keys[$0].signature(for: expected.statement.bytes)) })

        // Settle: what the node does, stage by stage.
        var stages: [(String, cpu: Double, wall: Double)] = []
        func stage<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
            let (cpu, wall) = (processCPUSeconds(), ContinuousClock.now)
            let result = try await body()
            stages.append((name, processCPUSeconds() - cpu, seconds(ContinuousClock.now - wall)))
            return result
        }
        let totals = try await stage("read downtimes (SQLite)") { try await store.downtimes(addresses: addresses, query: query) }
        let content = try await stage("leaves, tree, statement") {
            try EpochContent(epoch: epoch, from: from, to: to, domain: domain, registryRoot: registryRoot,
                             leaves: addresses.map { EpochLeaf(address: $0, downtimeSeconds: UInt64(max(0, totals[$0] ?? 0))) })
        }
        precondition(content.statement == expected.statement)
        let signature = try await stage("sign, store computed") {
            let signature = keys[0].signature(for: content.statement.bytes)
            _ = try await store.saveComputed(EpochSettler.record(content, signature: signature, asOfIndex: 0, computedAt: 0))
            return signature
        }
        let proof = try await stage("aggregate 4 of 5 signatures") {
            var contributions = peerSignatures
            contributions[members[0].name] = signature
            return try SignatureAggregator.aggregate(message: content.statement.bytes, contributions: contributions, registry: registry)
        }
        let reportJSON = try await stage("report JSON, store report") {
            let json = EpochReport(content: content, proof: proof, registry: registry).json
            _ = try await store.saveReport(epoch: epoch, report: json)
            return json
        }
        let settleCPU = stages.reduce(0) { $0 + $1.cpu }
        let settleWall = stages.reduce(0) { $0 + $1.wall }

        // Verify the report as a consumer does: parse, rebuild, check registry and signature.
        let verifyCPU = processCPUSeconds()
        let parsed = try EpochReport(json: Data(reportJSON.utf8))
        _ = try parsed.verify(with: registry, domain: domain)
        let argusVerify = processCPUSeconds() - verifyCPU

        // Proofs for 1 000 targets (or all): generation from the tree, then a served proof's check.
        let sample = Array(addresses.shuffled(using: &rng).prefix(1_000))
        var started = processCPUSeconds()
        let proofs = sample.map { content.proof(address: $0)! }
        let generate = (processCPUSeconds() - started) / Double(sample.count)
        let proofJSON = proofs.map(\.json)
        started = processCPUSeconds()
        for text in proofJSON { try InclusionProof(json: Data(text.utf8)).verify(against: parsed) }
        let check = (processCPUSeconds() - started) / Double(sample.count)

        let anchor = try pythonEpochCheck(registry: registryJSON, report: reportJSON, proofs: Array(proofJSON.prefix(100)), domain: domain)
        if let anchor { precondition(anchor.root == content.root.hex, "the Python verifier rebuilt another root") }

        if !options.json {
            print("\n\(count) targets (\(changes.count) changes), report \(reportJSON.utf8.count / 1024) KiB, proof path \(proofs[0].proof.count)")
            for (name, cpu, wall) in stages { print("  \(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(format(cpu).leftPadded(10))  [\(format(wall))]") }
        }
        report("settle \(count) targets (CPU)", argus: settleCPU, anchor: nil, anchorName: "", options: options)
        if !options.json { print("  (wall \(format(settleWall)); goal for 10k: under 1 s of CPU)") }
        report("verify report, \(count) targets (CPU)", argus: argusVerify, anchor: anchor?.report, anchorName: "verify_epoch.py", options: options)
        report("inclusion proof, generate (\(count))", argus: generate, anchor: nil, anchorName: "", options: options)
        report("inclusion proof, check served JSON (\(count))", argus: check, anchor: anchor?.proof, anchorName: "verify_epoch.py", options: options)
    }
}

/// Times scripts/argus/verify_epoch.py's check_report and check_proof in one Python process.
func pythonEpochCheck(registry: String, report: String, proofs: [String], domain: Bytes32) throws -> (report: Double, proof: Double, root: String)? {
    let request: [String: Any] = ["registry": registry, "report": report, "proofs": proofs, "domain": domain.hex]
    let (status, output) = Python.run([Python.script("Benchmarks/settlement_anchor.py")],
                                      input: try JSONSerialization.data(withJSONObject: request))
    guard status == 0, let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
          let reportSeconds = object["report_seconds"] as? Double, let proofSeconds = object["proof_seconds"] as? Double,
          let root = object["root"] as? String
    else {
        FileHandle.standardError.write(Data("the Python anchor did not run (make deps installs pycryptodome and blspy into .venv)\n".utf8))
        return nil
    }
    return (reportSeconds, proofSeconds, root)
}
