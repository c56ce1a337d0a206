import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusStore
import Logging
import ServiceLifecycle
import Zellular

/// The replica (stages 02–04), the driver of `EventAdmission`: reads verified finalized batches
/// from the stored cursor, reads the history of the addresses each batch names, has admission
/// judge every item, and has the store write the verdicts with the cursor in one transaction
/// (exactly once). A refused item is logged and recorded with its reason; nothing stops the loop.
public struct ReplicationService: Service {
    let store: EventStore
    let log: any ZellularLog
    let app: String
    let admission: EventAdmission
    let proposals: ProposalService?
    let webhooks: WebhookService?
    let logger: Logger
    let metrics: NodeMetrics?
    /// This node's own monitors: an event they contradict is refused.
    let monitors: Monitors?

    public init(store: EventStore, log: any ZellularLog, app: String, admission: EventAdmission, proposals: ProposalService?,
                webhooks: WebhookService?, logger: Logger, metrics: NodeMetrics?, monitors: Monitors? = nil) {
        self.monitors = monitors
        self.store = store
        self.log = log
        self.app = app
        self.admission = admission
        self.proposals = proposals
        self.webhooks = webhooks
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
        for try await batch in log.batches(after: try await store.cursor(app: app)) {
            try await apply(batch)
        }
    }

    /// Judges and writes one finalized batch.
    public func apply(_ batch: FinalizedStream.Batch) async throws {
        let body = FinalizedBody(batch.body)
        var history = try await store.lastChanges(addresses: body.addresses)
        var own: [String: TargetMonitor] = [:]
        if let monitors { for address in body.addresses { own[address] = monitors.machine(address) } }
        let admitted = admission.admit(body, finalizedAt: Int64(batch.timestamp), history: &history, own: own)
        var events: [ReplicatedBatch.Event] = []
        for item in admitted {
            if case let .apply(event) = item.verdict {
                events.append(.init(position: item.position, change: event.change, body: item.text))
            }
        }
        // One bounded record per batch, whatever the batch holds; metrics count every item.
        let rejections = EventAdmission.record(of: admitted).map { record in
            [ReplicatedBatch.Rejection(position: record.position, kind: record.kind.rawValue, reason: record.reason, body: record.excerpt)]
        } ?? []
        let cursor = ReplicationCursor(index: batch.index, chainingHash: batch.chainingHash, isSyncPoint: batch.isSyncPoint,
                                       finalizedAt: Int64(batch.timestamp))
        let report = try await store.apply(ReplicatedBatch(cursor: cursor, events: events, rejections: rejections), app: app)
        // Re-read after a restart from a sync point: already written, nothing to tell anyone.
        guard !report.alreadyApplied else { return }
        metrics?.applied(report.applied.count)
        for item in admitted { if let refusal = item.verdict.refusal { metrics?.rejected(kind: refusal.kind.rawValue) } }
        for event in events {
            proposals?.applied(event.change)
            logger.notice("applied \(event.change.address) \(event.change.state)@\(event.change.timestamp) (Zellular index \(batch.index))")
            webhooks?.notify(event.change, zellularIndex: batch.index, event: event.body)
        }
        for rejection in report.rejected {
            logger.warning("refused in batch \(batch.index): \(rejection.reason)")
        }
    }
}
