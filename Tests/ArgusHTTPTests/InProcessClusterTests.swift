import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusProof
import ArgusSimulator
import ArgusStore
import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import BLS12381
import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing
import ZellularSequencer

/// A whole verifiable cluster built by the composition root in one process — the embedded
/// sequencer, a simulated target and three nodes from `buildNode`, talking HTTP on loopback —
/// with no `argus` process started: the same wiring `argus serve` runs.
struct InProcessClusterTests {
    @Test
    func threeNodesProveAnOutage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let logger = { var logger = Logger(label: "in-process"); logger.logLevel = .critical; return logger }()

        // The sequencer and the target.
        let sequencerDirectory = directory.url.appendingPathComponent("sequencer")
        try FileManager.default.createDirectory(at: sequencerDirectory, withIntermediateDirectories: true)
        let sequencer = EmbeddedSequencer(store: try SequencerStore(path: sequencerDirectory.appendingPathComponent("s.sqlite").path),
                                          identity: try SequencerIdentity.loadOrCreate(keyFile: sequencerDirectory.appendingPathComponent("key").path),
                                          apps: ["downtime-monitoring"])
        let sequencerPort = try freeLoopbackPort()
        let networkFile = sequencerDirectory.appendingPathComponent("nodes.json")
        try sequencer.identity.nodesJSON(socket: "http://127.0.0.1:\(sequencerPort)").write(to: networkFile, atomically: true, encoding: .utf8)
        let target = SimulatedTarget()
        let targetPort = try freeLoopbackPort()

        // Three members: keys, registry, configurations.
        let names = ["Node1", "Node2", "Node3"]
        let ports = try names.map { _ in try freeLoopbackPort() }
        let keys = names.map { _ in PrivateKey() }
        let registryFile = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Registry.document(zip(zip(names, ports), keys).map { entry, key in
            MonitoringNode(name: entry.0, url: "http://127.0.0.1:\(entry.1)", publicKey: key.publicKey, proofOfPossession: key.proofOfPossession())
        }).write(to: registryFile, atomically: true, encoding: .utf8)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // However the test ends, the servers stop (else the group would wait for them).
            defer { group.cancelAll() }
            group.addTask {
                try await Application(router: SequencerAPI(sequencer: sequencer).router(),
                                      configuration: .init(address: .hostname("127.0.0.1", port: sequencerPort)), logger: logger).runService()
            }
            group.addTask { await sequencer.runFinalizer() }
            group.addTask {
                try await Application(router: target.router(), configuration: .init(address: .hostname("127.0.0.1", port: targetPort)),
                                      logger: logger).runService()
            }
            // The nodes, built once the sequencer answers (each chooses it as its gateway).
            var nodes: [ArgusNodeApplication] = []
            for (index, name) in names.enumerated() {
                let keyFile = directory.url.appendingPathComponent("\(name).key")
                try keys[index].hexString.write(to: keyFile, atomically: true, encoding: .utf8)
                var configuration = NodeConfiguration(listenPort: ports[index], dataDirectory: directory.url.appendingPathComponent(name).path, targets: [
                    Target(address: "0xNodeA123", check: .http(baseURL: "http://127.0.0.1:\(targetPort)", path: "/health", expectedStatus: 200),
                           policy: CheckPolicy(interval: 0.5, retryInterval: 0.25, timeout: 0.5, failuresBeforeDown: 2)),
                ])
                var cluster = ClusterSettings()
                cluster.name = name
                cluster.keyFile = keyFile.path
                cluster.registryFile = registryFile.path
                cluster.requireProofsOfPossession = true
                cluster.attestDeadline = 1
                cluster.maxEventAge = 5
                cluster.resendAfter = 2
                cluster.zellular.networkFile = networkFile.path
                cluster.zellular.pollInterval = 0.1
                configuration.cluster = cluster
                nodes.append(try await buildNode(configuration: configuration, transport: http, logger: logger))
            }
            #expect(nodes.map { $0.role.mode } == [.verifiable, .verifiable, .verifiable])
            for node in nodes { group.addTask { try await node.application.runService() } }

            // Up first, then an outage: every node applies the same proven down event.
            try await Task.sleep(for: .seconds(1.5))
            await target.set(.down)
            var logs: [[AppliedEvent]] = []
            for _ in 0..<200 {
                logs = []
                for node in nodes { logs.append(try await node.store.appliedEvents(address: "0xNodeA123")) }
                if logs.allSatisfy({ $0.map(\.change.state) == [.down] }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(logs.allSatisfy { $0.map(\.change.state) == [.down] }, "\(logs)")
            #expect(Set(logs.map { $0.map(\.proof) }).count == 1, "the replicas disagree")
            let event = try StateEvent.parse(object: Data(try #require(logs.first?.first?.proof).utf8))
            let registry = try Registry.parse(json: String(contentsOf: registryFile, encoding: .utf8), requireProofsOfPossession: true)
            #expect(try ProofVerifier(registry: registry).verify(event).signers.count >= 2)

            // A reference-style proposer (stage 03's Python node): right after it sees a change it
            // asks every peer's /state at int(time.time()), before they have confirmed it
            // themselves. Each node checks as its own rule needs, confirms, and signs: 3 of 3.
            for (state, health) in [(HealthState.up, SimulatedHealth.up), (.down, .down)] {
                await target.set(health)
                // Its timestamp is a whole second after the change (as when it detects the change
                // a moment later): ask at the start of the next second.
                let changedAt = Date().timeIntervalSince1970
                try await Task.sleep(for: .milliseconds(Int64((changedAt.rounded(.down) + 1.02 - changedAt) * 1000)))
                let timestamp = Int64(Date().timeIntervalSince1970)
                var contributions: [String: Signature] = [:]
                for (index, name) in names.enumerated() {
                    let response = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(ports[index])/state?address=0xNodeA123&timestamp=\(timestamp)"),
                                                          timeout: .seconds(3))
                    let body = try await response.body.collect(upTo: 1 << 16)
                    let answer = try #require(StateAttestation(json: Data(body.readableBytesView)), "\(name): \(response.status) \(String(buffer: body))")
                    #expect(answer.state == state, "\(name) signed \(answer.state)")
                    contributions[name] = answer.signature
                }
                let proof = try SignatureAggregator.aggregate(statement: Statement.state(address: "0xNodeA123", state: state, timestamp: timestamp),
                                                              contributions: contributions, registry: registry)
                #expect(proof.signers == names)

                // And it proposes what it gathered, as the reference does for every change, while
                // the Argus members propose once among themselves: whichever copy is finalized
                // first is applied by every node, a second is refused, and the change is in every
                // log exactly once.
                let event = StateEvent(address: "0xNodeA123", state: state, timestamp: timestamp, aggregatedSignature: proof.signature,
                                       nonSigningNodes: proof.nonSigners)
                var put = HTTPClientRequest(url: "http://127.0.0.1:\(sequencerPort)/node/downtime-monitoring/batches")
                put.method = .PUT
                put.headers.add(name: "Content-Type", value: "text/plain")
                put.body = .bytes(ByteBuffer(string: event.batchBody))
                let sent = try await http.execute(put, timeout: .seconds(5))
                #expect(sent.status == .ok)
                var applied: [[HealthState]] = []
                for _ in 0..<100 {
                    applied = []
                    for node in nodes { applied.append(try await node.store.appliedEvents(address: "0xNodeA123").map(\.change.state)) }
                    if applied.allSatisfy({ $0.last == state }) { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await Task.sleep(for: .seconds(1))   // a second copy, if any, is finalized meanwhile
                for node in nodes {
                    let states = try await node.store.appliedEvents(address: "0xNodeA123").map(\.change.state)
                    #expect(states.last == state && zip(states, states.dropFirst()).allSatisfy { $0 != $1 }, "\(states)")
                    for rejection in try await node.store.rejections() {
                        // The same change again: at the same second, an earlier one, or a later one.
                        let secondCopy = ["a duplicate of the applied event", "not after the last applied event", "0xNodeA123 is already"]
                        #expect(secondCopy.contains { rejection.reason.hasPrefix($0) }, "\(rejection.reason)")
                    }
                }
            }
        }
        try await http.shutdown()
    }
}
