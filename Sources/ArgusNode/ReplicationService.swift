import ArgusCore
import ArgusProof
import ArgusStore
import Foundation
import Logging
import ServiceLifecycle
import Zellular

/// The replica (stages 02–04): reads verified finalized batches from the stored cursor and applies
/// each event that passes every check — strict parsing, a known address, the quorum proof and the
/// re-checked quorum (attested and verifiable modes), a timestamp within `maxEventAge` before and
/// `maxFutureSkew` after its finalization — and that the history admits (after the address's last
/// applied event, and a change of state). Events and cursor commit together: exactly once. A bad
/// batch or event is logged with its reason and recorded; nothing stops the loop.
public struct ReplicationService: Service {
    let cluster: ClusterNode
    let webhooks: WebhookService?

    public init(cluster: ClusterNode, webhooks: WebhookService? = nil) {
        self.cluster = cluster
        self.webhooks = webhooks
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
                    cluster.logger.error("replication paused: \(error); resuming from the stored cursor")
                    try? await Task.sleep(for: .milliseconds(Int64(backoff * 1000)))
                    backoff = min(10, backoff * 2)
                }
            }
        }
    }

    func follow() async throws {
        let app = cluster.settings.zellular.app
        let cursor = try await cluster.store.cursor(app: app)
        let stream = cluster.zellular.batches(after: cursor.index, chainingHash: cursor.index == 0 ? nil : cursor.chainingHash,
                                              isSyncPoint: cursor.isSyncPoint)
        for try await batch in stream {
            let replicated = review(batch)
            let report = try await cluster.store.apply(replicated, app: app)
            cluster.metrics?.applied(report.applied.count)
            for rejection in report.rejected { cluster.metrics?.rejected(kind: rejection.kind) }
            for change in report.applied {
                cluster.logger.notice("applied \(change.address) \(change.state)@\(change.timestamp) (Zellular index \(batch.index))")
                webhooks?.notify(change, zellularIndex: batch.index, event: replicated.candidates.first { $0.change == change }?.body)
            }
            for rejection in report.rejected {
                cluster.logger.warning("refused event \(rejection.position) of batch \(batch.index): \(rejection.reason)")
            }
        }
    }

    /// The checks that need no history, for every event of a batch.
    func review(_ batch: FinalizedStream.Batch) -> ReplicatedBatch {
        let settings = cluster.settings
        let cursor = ReplicationCursor(index: batch.index, chainingHash: batch.chainingHash, isSyncPoint: batch.isSyncPoint,
                                       finalizedAt: Int64(batch.timestamp))
        var candidates: [ReplicatedBatch.Candidate] = []
        var rejections: [ReplicatedBatch.Rejection] = []
        let parsed: [Result<StateEvent, StateEvent.ParseError>]
        do {
            parsed = try StateEvent.parseBatch(batch.body)
        } catch {
            return ReplicatedBatch(cursor: cursor, candidates: [],
                                   rejections: [.init(position: 0, kind: "malformed", reason: "\(error)", body: String(batch.body.prefix(2000)))])
        }
        for (position, result) in parsed.enumerated() {
            let event: StateEvent
            switch result {
            case let .success(value): event = value
            case let .failure(error):
                rejections.append(.init(position: position, kind: "malformed", reason: "\(error)", body: String(batch.body.prefix(2000))))
                continue
            }
            if let (kind, reason) = problem(with: event, finalizedAt: Double(batch.timestamp), settings: settings) {
                rejections.append(.init(position: position, kind: kind, reason: reason, body: event.json))
            } else {
                candidates.append(.init(position: position, change: event.change, body: event.json))
            }
        }
        return ReplicatedBatch(cursor: cursor, candidates: candidates, rejections: rejections)
    }

    /// Why `event` cannot be applied (kind, reason), or `nil`.
    func problem(with event: StateEvent, finalizedAt: Double, settings: ClusterSettings) -> (String, String)? {
        guard cluster.targets[event.address] != nil else { return ("unknown_address", "unknown address \(event.address)") }
        let time = Double(event.timestamp)
        if time < finalizedAt - settings.maxEventAge {
            return ("stale", "timestamp \(event.timestamp) is more than \(Int(settings.maxEventAge)) s before its finalization (\(Int(finalizedAt))): a replay or a stale proposal")
        }
        if time > finalizedAt + settings.maxFutureSkew {
            return ("future", "timestamp \(event.timestamp) is more than \(Int(settings.maxFutureSkew)) s after its finalization (\(Int(finalizedAt)))")
        }
        guard settings.mode.requiresProofs else { return nil }
        guard let registry = cluster.registry else { return ("proof", "no registry to verify proofs") }
        do throws(ProofVerifier.Failure) {
            _ = try ProofVerifier(registry: registry).verify(event)
            return nil
        } catch {
            return ("proof", "proof: \(error)")
        }
    }
}
