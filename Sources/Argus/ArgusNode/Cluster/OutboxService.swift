import ArgusCluster
import ArgusStore
import Logging
import ServiceLifecycle

/// Delivers proposals: sends every outbox entry to Zellular, and again every `resendAfter` until
/// the replication loop sees it (or a later event) finalized (`Proposer.delivery`). Entries are
/// durable, so a proposal survives a crash of the node or an outage of the sequencer; ones older
/// than `maxEventAge`, which every replica would refuse, are abandoned.
public struct OutboxService: Service {
    let store: EventStore
    let log: any ZellularLog
    let clock: any WallClock
    let rules: ClusterRules
    let proposals: ProposalService?
    let logger: Logger

    public init(store: EventStore, log: any ZellularLog, clock: any WallClock, rules: ClusterRules, proposals: ProposalService?, logger: Logger) {
        self.store = store
        self.log = log
        self.clock = clock
        self.rules = rules
        self.proposals = proposals
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var failures = 0
            while !Task.isCancelled {
                failures = await deliver() ? 0 : failures + 1
                // A local SQLite read: cheap enough to look often, so a proposal leaves at once;
                // while Zellular refuses, the pause grows (ClusterRules.outboxPause).
                try? await Task.sleep(for: .seconds(rules.outboxPause(afterFailures: failures)))
            }
        }
    }

    /// One pass over the pending entries; false if a send failed (the pass stops there).
    @discardableResult
    public func deliver() async -> Bool {
        guard let pending = try? await store.pendingOutbox() else { return true }
        for entry in pending {
            let change = entry.change
            switch Proposer.delivery(of: change, lastAttemptAt: entry.lastAttemptAt, now: clock.now(), rules: rules) {
            case .wait:
                continue
            case let .abandon(reason):
                try? await store.abandon(outbox: entry.id, reason: reason)
                proposals?.abandoned(change)
                logger.warning("abandoned the proposal \(change.address) \(change.state)@\(change.timestamp): \(reason)")
            case .send:
                do {
                    try await log.send(entry.body)
                    try await store.recordAttempt(outbox: entry.id)
                    logger.debug("sent \(change.address) \(change.state)@\(change.timestamp) (attempt \(entry.attempts + 1))")
                } catch {
                    logger.warning("cannot send to Zellular (will retry): \(error)")
                    return false
                }
            }
        }
        return true
    }
}
