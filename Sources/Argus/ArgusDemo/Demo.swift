import ArgusProof
import Foundation

/// The main job (`argus demo`): a local verifiable cluster — embedded sequencer, three monitoring
/// nodes with fresh keys and proofs of possession, four simulated targets — a scripted outage
/// (one target answers 503, one hangs), progress as the replicated events arrive, and at the end
/// each node's signed downtime per target and one aggregated proof per target, checked with the
/// offline verifier's code.
public struct Demo: Sendable {
    public let argus: URL
    public let directory: URL
    public var outage: Double = 8
    public let say: @Sendable (String) -> Void

    public init(argus: URL, directory: URL, say: @escaping @Sendable (String) -> Void) {
        self.argus = argus
        self.directory = directory
        self.say = say
    }

    struct Events: Decodable {
        struct Event: Decodable { var state: String; var timestamp: Int64; var zellular_index: Int?; var proof: String? }
        var events: [Event]
    }

    /// Runs the script; returns whether every proof verified. The cluster is left running for
    /// `keepRunning` (the caller stops it with `cluster.shutdown()`).
    public func run(cluster: LocalCluster) async throws -> Bool {
        let started = Date()
        func elapsed() -> String { String(format: "%5.1f s", Date().timeIntervalSince(started)) }
        say("Argus demo in \(directory.path)")
        try await cluster.prepare()
        say("[\(elapsed())] embedded Zellular sequencer at \(cluster.sequencerURL); \(cluster.targetPorts.count) simulated targets")
        say("[\(elapsed())] keys, proofs of possession and the registry: \(cluster.registryFile.path)")
        try await cluster.startAll()
        for member in cluster.members { say("[\(elapsed())] \(member.name) listening on \(member.url)") }
        let targets = cluster.options.targets
        let (healthy, failing, hanging) = (targets[0], targets[1], targets[2])

        // Let every node settle on "up" for everything, then script the outage.
        try await Task.sleep(for: .seconds(2))
        let from = Int64(Date().timeIntervalSince1970)
        try await Task.sleep(for: .seconds(1))
        try await cluster.set(failing, "down")
        try await cluster.set(hanging, "hang")
        let outageStart = Date()
        say("[\(elapsed())] outage begins: \(failing) answers 503, \(hanging) stops answering (\(healthy) and \(targets[3]) stay up)")

        var seen: Set<String> = []
        func report() async {
            for member in cluster.members {
                for address in [failing, hanging] {
                    guard let (status, body) = try? await cluster.get(member.name, "/events?address=\(address)"), status == 200,
                          let events = try? JSONDecoder().decode(Events.self, from: Data(body.utf8)) else { continue }
                    for event in events.events where seen.insert("\(member.name) \(address) \(event.timestamp)").inserted {
                        let nonSigners = event.proof.flatMap { try? StateEvent.parse(object: Data($0.utf8)).nonSigningNodes } ?? []
                        say("[\(elapsed())] \(member.name) applied \(address) \(event.state) @\(event.timestamp) "
                            + "(Zellular index \(event.zellular_index ?? 0), non-signers: \(nonSigners.isEmpty ? "none" : nonSigners.joined(separator: ", ")))")
                    }
                }
            }
        }
        while Date().timeIntervalSince(outageStart) < outage {
            await report()
            try await Task.sleep(for: .milliseconds(500))
        }
        try await cluster.set(failing, "up")
        try await cluster.set(hanging, "up")
        say("[\(elapsed())] outage ends after \(String(format: "%.1f", Date().timeIntervalSince(outageStart))) s")
        let recovered = Date()
        while seen.count < cluster.members.count * 4, Date().timeIntervalSince(recovered) < 20 {
            await report()
            try await Task.sleep(for: .milliseconds(250))
        }
        await report()
        try await Task.sleep(for: .seconds(1))
        let to = Int64(Date().timeIntervalSince1970)

        // Nodes sign a window once it is settled: max_event_age after its end.
        let settle = cluster.options.maxEventAge + 1.5
        say("[\(elapsed())] window [\(from), \(to)]: waiting \(settle) s until it is settled (max_event_age \(cluster.options.maxEventAge) s)")
        try await Task.sleep(for: .milliseconds(Int64(settle * 1000)))

        let registry = try Registry.parse(json: String(contentsOf: cluster.registryFile, encoding: .utf8), requireProofsOfPossession: true)
        let names = cluster.members.map(\.name)
        var rows: [[String]] = []
        var allValid = true
        let proofs = directory.appendingPathComponent("proofs")
        try FileManager.default.createDirectory(at: proofs, withIntermediateDirectories: true)
        var verdicts: [String] = []
        for address in targets {
            var row = [address]
            for name in names {
                let (status, body) = try await cluster.get(name, "/downtime?address=\(address)&from_timestamp=\(from)&to_timestamp=\(to)")
                struct Body: Decodable { var total_downtime_seconds: Int64 }
                row.append(status == 200 ? (try? JSONDecoder().decode(Body.self, from: Data(body.utf8))).map { "\($0.total_downtime_seconds) s" } ?? "?" : "HTTP \(status)")
            }
            let (status, body) = try await cluster.get(names[0], "/aggregate_downtime?address=\(address)&from_timestamp=\(from)&to_timestamp=\(to)")
            let file = proofs.appendingPathComponent("\(address).json")
            try Data(body.utf8).write(to: file)
            if status == 200, let document = try? ProofDocument(json: Data(body.utf8)), let verified = try? document.verify(with: registry) {
                row.append("valid (\(verified.signers.count)/\(verified.members))")
                verdicts.append(document.summary(verified))
            } else {
                row.append("INVALID (HTTP \(status))")
                verdicts.append("\(address): \(body)")
                allValid = false
            }
            rows.append(row)
        }
        let header = ["target"] + names + ["aggregated proof"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        say("")
        say("Downtime in [\(from), \(to)] (scripted outage: \(String(format: "%.1f", outage)) s on \(failing) and \(hanging)), as each node signs it:")
        say(line(header))
        for row in rows { say(line(row)) }
        say("")
        for verdict in verdicts { say(verdict) }
        say("")
        say("Check any proof offline: argus verify --registry \(cluster.registryFile.path) \(proofs.appendingPathComponent("\(failing).json").path)")
        if let length = cluster.options.epoch {
            say("")
            allValid = try await settledEpoch(cluster: cluster, registry: registry, length: length, outage: outageStart, address: failing,
                                              into: proofs, elapsed: elapsed) && allValid
        }
        say("[\(elapsed())] done")
        return allValid
    }

    /// Waits for the epoch that holds the start of the outage to be settled, checks that every
    /// node serves the same report, verifies it and the inclusion proof of `address`, and prints them.
    func settledEpoch(cluster: LocalCluster, registry: Registry, length: Int, outage: Date, address: String, into folder: URL,
                      elapsed: () -> String) async throws -> Bool {
        let epoch = UInt64(outage.timeIntervalSince1970) / UInt64(length)
        let settledAt = Double((epoch + 1) * UInt64(length)) + cluster.options.maxEventAge
        say("[\(elapsed())] epoch \(epoch) ([\(epoch * UInt64(length)), \((epoch + 1) * UInt64(length))), \(length) s) holds the outage's start; "
            + "it is settled \(cluster.options.maxEventAge) s after it ends")
        var bodies: [String: String] = [:]
        let deadline = max(Date().timeIntervalSince1970, settledAt) + 30
        while bodies.count < cluster.members.count, Date().timeIntervalSince1970 < deadline {
            for member in cluster.members where bodies[member.name] == nil {
                if let (status, body) = try? await cluster.get(member.name, "/epochs/\(epoch)"), status == 200 { bodies[member.name] = body }
            }
            if bodies.count < cluster.members.count { try await Task.sleep(for: .milliseconds(500)) }
        }
        guard let body = bodies[cluster.members[0].name], let report = try? EpochReport(json: Data(body.utf8)) else {
            say("epoch \(epoch) was not settled in time")
            return false
        }
        let identical = Set(bodies.values).count == 1 && bodies.count == cluster.members.count
        let reportFile = folder.appendingPathComponent("epoch-\(epoch).json")
        try Data(body.utf8).write(to: reportFile)
        let (status, proofBody) = try await cluster.get(cluster.members[0].name, "/epochs/\(epoch)/proof?address=\(address)")
        let proofFile = folder.appendingPathComponent("epoch-\(epoch)-\(address).json")
        try Data(proofBody.utf8).write(to: proofFile)
        guard let domain = Bytes32(hex: cluster.options.domain) else { return false }
        do {
            let verified = try report.verify(with: registry, domain: domain)
            guard status == 200 else { throw InclusionProof.Failure.invalid("HTTP \(status): \(proofBody)") }
            let proof = try InclusionProof(json: Data(proofBody.utf8))
            try proof.verify(against: report)
            say("[\(elapsed())] epoch \(epoch) settled: root \(report.content.root) over \(report.content.leafCount) targets, signed by "
                + "\(verified.signers.joined(separator: ", ")) (\(verified.signers.count) of \(verified.members)); "
                + (identical ? "the same report on every node" : "THE NODES SERVE DIFFERENT REPORTS"))
            for leaf in report.content.leaves { say("  \(leaf.address.padding(toLength: 12, withPad: " ", startingAt: 0))  \(leaf.downtimeSeconds) s down") }
            say("inclusion proof of \(address): \(proof.downtimeSeconds) s down, leaf \(proof.leaf), \(proof.proof.count) steps to the root — VALID")
            say("Check them offline: argus verify --registry \(cluster.registryFile.path) --domain \(domain) --epoch \(reportFile.path) \(proofFile.path)")
            return identical
        } catch {
            say("epoch \(epoch): INVALID: \(error)")
            return false
        }
    }
}
