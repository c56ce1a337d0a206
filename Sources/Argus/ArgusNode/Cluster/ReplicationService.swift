import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import Logging
import ServiceLifecycle
import Zellular

/// The replica (stages 02–04), the driver of `EventAdmission`: reads verified finalized batches
/// from the stored cursor a page at a time, reads the history of the addresses the page names,
/// has admission judge every item (the page's proofs checked together), and has the store write
/// the verdicts with the cursor in one transaction (exactly once). A refused item is logged and recorded with its reason; nothing stops the loop.
public struct ReplicationService: Service {
    let store: EventStore
    let log: any ZellularLog
    let app: String
    let admission: EventAdmission
    let proposals: ProposalService?
    let logger: Logger
    let metrics: NodeMetrics?
    /// This node's own monitors: an event they contradict is refused.
    let monitors: Monitors?
    /// The addresses admission knows, read for each page (reloads and discovery change them);
    /// `nil`: the admission's own.
    let knownAddresses: (@Sendable () -> Set<String>)?

    public init(store: EventStore, log: any ZellularLog, app: String, admission: EventAdmission, proposals: ProposalService?,
                logger: Logger, metrics: NodeMetrics?, monitors: Monitors? = nil,
                knownAddresses: (@Sendable () -> Set<String>)? = nil) {
        self.monitors = monitors
        self.knownAddresses = knownAddresses
        self.store = store
        self.log = log
        self.app = app
        self.admission = admission
        self.proposals = proposals
        self.logger = logger
        self.metrics = metrics
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var backoff = 0.25
            while !Task.isCancelled {
                do {
                    try await follow()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("replication paused: \(error); resuming from the stored cursor")
                    try? await Task.sleep(for: .milliseconds(Int64(backoff * 1000)))
                    backoff = min(10, backoff * 2)
                }
            }
        }
    }

    func follow() async throws {
        for try await page in log.pages(after: try await store.cursor(app: app)) {
            try await apply(page)
        }
    }

    /// Judges and writes one finalized batch.
    public func apply(_ batch: FinalizedStream.Batch) async throws {
        try await apply([batch])
    }

    /// Judges and writes consecutive finalized batches (a page of the log) together: their
    /// proofs checked with one multi-pairing, their verdicts written in one transaction. Each
    /// batch is judged against the history as the batches before it leave it, exactly as if
    /// they came one at a time.
    public func apply(_ page: [FinalizedStream.Batch]) async throws {
        guard !page.isEmpty else { return }
        var admission = self.admission
        if let knownAddresses { admission.addresses = knownAddresses() }
        let bodies = await Self.parse(page.map(\.body))
        let addresses = bodies.reduce(into: Set<String>()) { $0.formUnion($1.addresses) }
        var history = try await store.lastChanges(addresses: addresses)
        var own: [String: TargetMonitor] = [:]
        if let monitors { for address in addresses { own[address] = monitors.machine(address) } }
        let proofs = admission.proofVerdicts(zip(bodies, page).map { ($0, Int64($1.timestamp)) })
        var judged: [[EventAdmission.Admitted]] = []
        var replicated: [ReplicatedBatch] = []
        for (index, batch) in page.enumerated() {
            let admitted = admission.admit(bodies[index], finalizedAt: Int64(batch.timestamp), history: &history, own: own,
                                           proofs: proofs[index])
            var events: [ReplicatedBatch.Event] = []
            var maintenance: [(window: MaintenanceWindow, body: String)] = []
            for item in admitted {
                switch item.verdict {
                case let .apply(event): events.append(.init(position: item.position, change: event.change, body: item.text))
                case let .applyMaintenance(event): maintenance.append((event.window, item.text))
                case .refuse: break
                }
            }
            // One bounded record per batch, whatever the batch holds; metrics count every item.
            let rejections = EventAdmission.record(of: admitted).map { record in
                [ReplicatedBatch.Rejection(position: record.position, kind: record.kind.rawValue, reason: record.reason, body: record.excerpt)]
            } ?? []
            let cursor = ReplicationCursor(index: batch.index, chainingHash: batch.chainingHash, isSyncPoint: batch.isSyncPoint,
                                           finalizedAt: Int64(batch.timestamp))
            judged.append(admitted)
            replicated.append(ReplicatedBatch(cursor: cursor, events: events, rejections: rejections, maintenance: maintenance))
        }
        let reports = try await store.apply(replicated, app: app)
        for (index, report) in reports.enumerated() {
            // Re-read after a restart from a sync point: already written, nothing to tell anyone.
            guard !report.alreadyApplied else { continue }
            let batch = page[index]
            metrics?.applied(report.applied.count)
            for item in judged[index] { if let refusal = item.verdict.refusal { metrics?.rejected(kind: refusal.kind.rawValue) } }
            for event in replicated[index].events {
                proposals?.applied(event.change)
                logger.notice("applied \(event.change.address) \(event.change.state)@\(event.change.timestamp) (Zellular index \(batch.index))")
            }
            for window in report.maintenance {
                logger.notice("maintenance of \(window.address) in [\(window.from), \(window.to)) applied (announced \(window.announced): \(window.reason))")
            }
            for rejection in report.rejected {
                logger.warning("refused in batch \(batch.index): \(rejection.reason)")
            }
        }
    }

    /// Parses the bodies of a page on all cores (decoding a proof's signature checks its
    /// subgroup, the costly part), in order.
    static func parse(_ bodies: [String]) async -> [FinalizedBody] {
        guard bodies.count > 1 else { return bodies.map(FinalizedBody.init) }
        return await withTaskGroup(of: (Int, FinalizedBody).self) { group in
            for (index, body) in bodies.enumerated() { group.addTask { (index, FinalizedBody(body)) } }
            var parsed = [FinalizedBody?](repeating: nil, count: bodies.count)
            for await (index, body) in group { parsed[index] = body }
            return parsed.map { $0! }
        }
    }
}
