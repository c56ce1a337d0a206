import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import ArgusProcessSupport
import ArgusTestSupport
import AsyncHTTPClient
import BLS12381
import Foundation
import Logging
import Synchronization
import Testing
import Zellular

/// The cluster drivers wired as `buildNode` wires them — proposal, outbox, replication, settlement
/// — around a real store, a manual clock and an in-memory replicated log: no sockets, no sleeps.
struct ClusterDriverTests {
    /// Zellular as the drivers see it: what is sent is finalized at once, at the log's clock.
    final class MemoryLog: ZellularLog {
        let clock: ManualClock
        let finalized = Mutex<[FinalizedStream.Batch]>([])
        /// While set, every send fails, as when the sequencer is down or answers 503.
        let refusing = Mutex(false)
        let gateway = "memory"

        init(clock: ManualClock) { self.clock = clock }

        struct Refused: Error {}

        func send(_ body: String) async throws {
            if refusing.withLock({ $0 }) { throw Refused() }
            finalized.withLock { $0.append(.init(body: body, timestamp: Int(clock.now()), index: $0.count + 1, chainingHash: "h\($0.count + 1)")) }
        }

        func batches(after cursor: ReplicationCursor) -> AsyncThrowingStream<FinalizedStream.Batch, any Error> {
            let batches = finalized.withLock { Array($0.dropFirst(cursor.index)) }
            return AsyncThrowingStream { continuation in
                for batch in batches { continuation.yield(batch) }
                continuation.finish()
            }
        }

        func lastFinalizedIndex() async throws -> Int? { finalized.withLock { $0.last?.index } }

        var bodies: [String] { finalized.withLock { $0.map(\.body) } }
    }

    /// A one-member cluster (its own signature is the quorum), so no peer is asked.
    struct Node {
        let clock = ManualClock(1_000_000)
        let directory: TemporaryDirectory
        let store: EventStore
        let log: MemoryLog
        let signer: Signer
        let proposals: ProposalService
        let outbox: OutboxService
        let replication: ReplicationService
        let downtime: DowntimeSigner
        let http = HTTPClient(eventLoopGroupProvider: .singleton)

        init() async throws {
            directory = try TemporaryDirectory()
            store = try EventStore(directory: directory.path, clock: clock)
            log = MemoryLog(clock: clock)
            let key = try PrivateKey(keyGenSeed: [UInt8](repeating: 7, count: 32))
            let registry = try Registry(nodes: [MonitoringNode(name: "Node1", url: "http://127.0.0.1:1", publicKey: key.publicKey,
                                                               proofOfPossession: key.proofOfPossession())])
            signer = Signer(registry: registry, member: registry.nodes[0], key: key)
            let rules = ClusterRules()
            let logger = Logger(label: "test")
            let peers = PeerClient(http: http, timeout: 1)
            let proposer = try await ProposalService.load(store: store, addresses: ["a"], rules: rules, signsEvents: true)
            proposals = ProposalService(proposer: proposer, signer: signer, peers: peers, store: store, clock: clock, logger: logger, metrics: nil)
            outbox = OutboxService(store: store, log: log, clock: clock, rules: rules, proposals: proposals, logger: logger)
            replication = ReplicationService(store: store, log: log, app: "app",
                                             admission: EventAdmission(rules: rules, addresses: ["a"], registry: registry, requiresProofs: true),
                                             proposals: proposals, logger: logger, metrics: nil)
            downtime = DowntimeSigner(signer: signer, store: store, log: log, app: "app", settlement: Settlement(maxEventAge: rules.maxEventAge),
                                      peers: peers, metrics: nil)
        }

        /// Applies everything finalized after the stored cursor.
        func replicate() async throws {
            for try await batch in log.batches(after: try await store.cursor(app: "app")) { try await replication.apply(batch) }
        }

        func close() async throws {
            try await http.shutdown()
            directory.remove()
        }
    }

    @Test func aRefusedSendIsReportedAndKeptForTheNextPass() async throws {
        let node = try await Node()
        try await node.proposals.observed(address: "a", state: .down, since: Int64(node.clock.now()) - 2, change: nil)
        node.log.refusing.withLock { $0 = true }
        #expect(await node.outbox.deliver() == false)   // the run loop backs off on this
        #expect(node.log.bodies.isEmpty)
        #expect(try await node.store.pendingOutbox().count == 1)
        node.log.refusing.withLock { $0 = false }
        #expect(await node.outbox.deliver() == true)
        #expect(node.log.bodies.count == 1)
    }

    @Test func aConfirmedChangeIsProposedSentAppliedAndSigned() async throws {
        let node = try await Node()
        let now = node.clock.now()
        let since = Int64(now) - 2
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        // Proposed once, however often the monitor reports it.
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        #expect(try await node.store.pendingOutbox().count == 1)
        await node.outbox.deliver()
        await node.outbox.deliver()   // within resend_after: not sent again
        #expect(node.log.bodies.count == 1)
        let event = try #require(try StateEvent.parseBatch(node.log.bodies[0]).first?.get())
        #expect(event.change == StateChange(address: "a", state: .down, timestamp: since))
        #expect(try ProofVerifier(registry: node.signer.registry).verify(event).signers == ["Node1"])

        try await node.replicate()
        let applied = try await node.store.appliedEvents(address: "a")
        #expect(applied.map(\.change) == [event.change])
        // Stored byte for byte as finalized.
        #expect("[\(applied[0].proof ?? "")]" == node.log.bodies[0])
        #expect(try await node.store.pendingOutbox().isEmpty)
        // The replicated state now agrees with the monitor: nothing more to propose.
        node.clock.advance(by: 10)
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        #expect(try await node.store.pendingOutbox().isEmpty)

        // A resent copy is refused as a duplicate, with its reason.
        try await node.log.send(node.log.bodies[0])
        try await node.replicate()
        #expect(try await node.store.rejections().map { $0.reason } == ["a duplicate of the applied event a down@\(since)"])

        // The window [since - 100, since + 50) is signed only once settled.
        let query = try DowntimeQuery(from: since - 100, to: since + 50, asOf: Int64(node.clock.now()) + 400)
        await #expect(throws: DowntimeSigner.NotYet.notSettled(retryAfter: 60 + 50 - 12 + 1)) {
            _ = try await node.downtime.signedDowntime(address: "a", query: query, now: node.clock.now())
        }
        node.clock.advance(by: 400)
        let (report, asOf) = try await node.downtime.signedDowntime(address: "a", query: query, now: node.clock.now())
        #expect(report.totalDowntimeSeconds == 50 && asOf == 2)
        #expect(node.signer.registry.nodes[0].publicKey.isValidSignature(try #require(report.signature), for: Array(report.statement.utf8)))
        // Something finalized and not yet applied: the replica is catching up on a new window,
        // while a window it signed is answered from the cache (settled windows never change).
        try await node.log.send("[]")
        let other = try DowntimeQuery(from: since - 100, to: since + 51, asOf: Int64(node.clock.now()))
        await #expect(throws: DowntimeSigner.NotYet.catchingUp(retryAfter: 1)) {
            _ = try await node.downtime.signedDowntime(address: "a", query: other, now: node.clock.now())
        }
        #expect(try await node.downtime.signedDowntime(address: "a", query: query, now: node.clock.now()).report == report)
        try await node.close()
    }

    /// Regression (argus-chaos, load): with nothing ever finalized the sequencer's head is "none",
    /// which was read as "unknown", and every settled window answered 503 "catching up" for ever.
    @Test func aSettledWindowIsSignedBeforeAnythingIsFinalized() async throws {
        let node = try await Node()
        let now = Int64(node.clock.now())
        let query = try DowntimeQuery(from: now - 200, to: now - 100, asOf: now)
        let (report, asOf) = try await node.downtime.signedDowntime(address: "a", query: query, now: node.clock.now())
        #expect(report.totalDowntimeSeconds == 0 && asOf == 0)
        try await node.close()
    }

    @Test func anOldProposalIsAbandonedAndProposedAgain() async throws {
        let node = try await Node()
        let since = Int64(node.clock.now())
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        node.clock.advance(by: 61)
        await node.outbox.deliver()
        #expect(node.log.bodies.isEmpty)
        #expect(try await node.store.pendingOutbox().isEmpty)
        // Still confirmed down: proposed again, as of the earliest second the peers still sign.
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        #expect(try await node.store.pendingOutbox().map(\.change.timestamp) == [since + 61 - 7])
        try await node.close()
    }

    /// A node restarted with a proposal in its outbox does not propose it twice.
    @Test func theOutboxSurvivesARestart() async throws {
        let node = try await Node()
        let since = Int64(node.clock.now())
        try await node.proposals.observed(address: "a", state: .down, since: since, change: nil)
        let reloaded = try await ProposalService.load(store: node.store, addresses: ["a"], rules: ClusterRules(), signsEvents: true)
        #expect(reloaded.pending["a"]?.map(\.timestamp) == [since])
        var proposer = reloaded
        #expect(proposer.observed(address: "a", state: .down, since: since, now: node.clock.now() + 60) == .none)
        try await node.close()
    }

    /// A page of finalized batches applied together (one multi-pairing, one transaction) leaves
    /// the store exactly as the same batches applied one at a time: the same events, the same
    /// refusals, the same cursor; and applying the page again changes nothing.
    @Test func aPageIsAppliedAsItsBatchesOneByOne() async throws {
        let key = try PrivateKey(keyGenSeed: [UInt8](repeating: 7, count: 32))
        func event(_ state: HealthState, at timestamp: Int64, signing statement: String? = nil) -> String {
            let event = StateEvent(address: "a", state: state, timestamp: timestamp)
            return StateEvent(address: "a", state: state, timestamp: timestamp,
                              aggregatedSignature: key.signature(for: Array((statement ?? event.statement).utf8)), nonSigningNodes: []).batchBody
        }
        let bodies = [event(.down, at: 999_990), event(.down, at: 999_990), event(.up, at: 999_992, signing: "Address: a, State: down, Timestamp: 999992"),
                      event(.up, at: 999_993), "junk", event(.down, at: 999_995)]
        let page = bodies.enumerated().map { FinalizedStream.Batch(body: $1, timestamp: 1_000_000, index: $0 + 1, chainingHash: "h\($0 + 1)") }
        let together = try await Node()
        let alone = try await Node()
        try await together.replication.apply(page)
        for batch in page { try await alone.replication.apply(batch) }
        for node in [together, alone] {
            #expect(try await node.store.changes(address: "a").map { "\($0.state)@\($0.timestamp)" } == ["down@999990", "up@999993", "down@999995"])
            #expect(try await node.store.cursor(app: "app").index == 6)
        }
        #expect(try await together.store.rejections().map { $0.reason } == (try await alone.store.rejections().map { $0.reason }))
        #expect(try await together.store.rejections().count == 3)
        try await together.replication.apply(page)
        #expect(try await together.store.eventCount() == 3)
        try await together.close()
        try await alone.close()
    }
}

/// A replica (or any signing node) refuses to start on a registry with a rogue member, under the
/// default `require_pop: true`; the opt-out starts, and `buildNode` warns about it.
struct RogueRegistryTests {
    @Test func aNodeRefusesARegistryWithoutProofsOfPossession() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (json, attacker) = try RogueKey.registry()
        let registry = directory.url.appendingPathComponent("monitoring_nodes.json")
        try Data(json.utf8).write(to: registry)
        let keyFile = directory.url.appendingPathComponent("key")
        try Data(attacker.rawRepresentation.map { String(format: "%02x", $0) }.joined().utf8).write(to: keyFile)
        var settings = ClusterSettings()
        settings.name = "Node1"
        settings.registryFile = registry.path
        settings.keyFile = keyFile.path
        for mode in [ClusterMode.replicated, .attested, .verifiable] {
            settings.mode = mode
            #expect { try ClusterSetup.role(settings: settings, environment: [:]) } throws: {
                "\($0)".contains("Node3 has no proof of possession")
            }
        }
        settings.mode = .replicated
        settings.requireProofsOfPossession = false
        guard case let .replica(loaded) = try ClusterSetup.role(settings: settings, environment: [:]) else {
            Issue.record("expected a replica")
            return
        }
        #expect(loaded?.nodes.count == 3)
    }
}
