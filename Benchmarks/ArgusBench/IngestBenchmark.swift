import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import AsyncHTTPClient
import BLS12381
import Foundation
import Logging
import Zellular
import ZellularHTTP

/// `argus-bench ingest [--events N]`: a replica ingesting N finalized, quorum-proven events
/// (100 targets; each event in its own Zellular batch, as proposers send them; signed by all three
/// members of a 3-node registry), verified and applied to a real SQLite store through
/// `ReplicationService`:
/// - Argus: a page of 100 batches at a time, the page's proofs checked with one multi-pairing
///   (random linear combination) and its verdicts written in one transaction;
/// - the anchor, in the same run: the same batches one at a time, each proof on its own and one
///   transaction per batch (the behaviour before batch ingest).
/// Also the verification alone, both ways. Every event must be applied, and both stores must end
/// with the same log.
func ingestBenchmark(_ options: Options) async throws {
    let count = options.events == 1_000_000 ? 2_000 : options.events
    let keys = try (1...3).map { try PrivateKey(keyGenSeed: [UInt8](repeating: UInt8($0), count: 32)) }
    let registry = try Registry(nodes: keys.enumerated().map { index, key in
        MonitoringNode(name: "Node\(index + 1)", url: "http://127.0.0.1:1", publicKey: key.publicKey, proofOfPossession: key.proofOfPossession())
    })
    let addresses = (0..<100).map { String(format: "0x%040x", $0 + 1) }
    let start = Int64(Date().timeIntervalSince1970) - Int64(count) - 100
    var state: [String: HealthState] = [:]
    var events: [StateEvent] = []
    for index in 0..<count {
        let address = addresses[index % addresses.count]
        let next = (state[address] ?? .up).flipped
        state[address] = next
        var event = StateEvent(address: address, state: next, timestamp: start + Int64(index))
        let message = Array(event.statement.utf8)
        event.aggregatedSignature = try Signature(aggregating: keys.map { $0.signature(for: message) })
        event.nonSigningNodes = []
        events.append(event)
    }
    let batches = events.enumerated().map { index, event in
        FinalizedStream.Batch(body: event.batchBody, timestamp: Int(event.timestamp) + 1, index: index + 1, chainingHash: "h\(index + 1)",
                              isSyncPoint: true)
    }

    // Verification alone.
    let verifier = ProofVerifier(registry: registry)
    var started = ContinuousClock.now
    var together = 0
    for page in stride(from: 0, to: events.count, by: 100) {
        together += verifier.verify(Array(events[page..<min(page + 100, events.count)])).filter { (try? $0.get()) != nil }.count
    }
    let verifyTogether = seconds(ContinuousClock.now - started)
    started = ContinuousClock.now
    var alone = 0
    for event in events where (try? verifier.verify(event)) != nil { alone += 1 }
    let verifyAlone = seconds(ContinuousClock.now - started)
    guard together == count, alone == count else {
        throw BenchmarkFailure(message: "verification failed: \(together) and \(alone) of \(count) proofs held")
    }

    // Verified and applied, through the replica's driver.
    func ingest(pageSize: Int) async throws -> (seconds: Double, applied: Int, log: [StateChange]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EventStore(directory: directory.path)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        // Batches are handed over directly: the client is never called.
        let log = ZellularClient(http: .shared, gateway: "http://127.0.0.1:1", appName: "bench", network: OperatorSet([]))
        let replica = ReplicationService(
            store: store, log: log, app: "bench",
            admission: EventAdmission(rules: ClusterRules(), addresses: Set(addresses), registry: registry, requiresProofs: true),
            proposals: nil, logger: logger, metrics: nil)
        let started = ContinuousClock.now
        for page in stride(from: 0, to: batches.count, by: pageSize) {
            let slice = Array(batches[page..<min(page + pageSize, batches.count)])
            if pageSize == 1 { try await replica.apply(slice[0]) } else { try await replica.apply(slice) }
        }
        let elapsed = seconds(ContinuousClock.now - started)
        var history: [StateChange] = []
        for address in addresses { history += try await store.changes(address: address, limit: count) }
        return (elapsed, try await store.eventCount(), history)
    }
    let paged = try await ingest(pageSize: 100)
    let single = try await ingest(pageSize: 1)
    guard paged.applied == count, single.applied == count, paged.log == single.log else {
        throw BenchmarkFailure(message: "ingest applied \(paged.applied) and \(single.applied) of \(count) events, logs equal: \(paged.log == single.log)")
    }
    let rows: [(String, Double, Double)] = [
        ("verify proofs (pages of 100 vs one by one)", verifyTogether, verifyAlone),
        ("verify and apply (pages of 100 vs batch by batch)", paged.seconds, single.seconds),
    ]
    if options.json {
        for (name, argus, anchor) in rows {
            let object: [String: Any] = ["benchmark": "ingest", "step": name, "events": count, "events_per_second": Double(count) / argus,
                                         "anchor_events_per_second": Double(count) / anchor, "speedup": anchor / argus]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
    } else {
        print("ingest: \(count) finalized events, 3-member quorum proofs, one event per Zellular batch (release build)")
        for (name, argus, anchor) in rows {
            print(String(format: "%@ %7.0f events/s   anchor %7.0f events/s   %.2f× faster",
                         name.padding(toLength: 52, withPad: " ", startingAt: 0) as NSString, Double(count) / argus, Double(count) / anchor,
                         anchor / argus))
        }
    }
}
