import ArgusStore
import Foundation
import Logging
import ServiceLifecycle

/// Delivers proposals: sends every outbox entry to Zellular, and again every `resendAfter` until
/// the replication loop sees it (or a later event) finalized. Entries are durable, so a proposal
/// survives a crash of the node or an outage of the sequencer; ones older than `maxEventAge`,
/// which every replica would refuse, are abandoned.
public struct OutboxService: Service {
    let cluster: ClusterNode

    public init(cluster: ClusterNode) { self.cluster = cluster }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deliver()
                // A local SQLite read: cheap enough to look often, so a proposal leaves at once.
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func deliver() async {
        let settings = cluster.settings
        guard let pending = try? await cluster.store.pendingOutbox() else { return }
        for entry in pending {
            let now = cluster.now
            if now - Double(entry.change.timestamp) > settings.maxEventAge {
                try? await cluster.store.abandon(outbox: entry.id, reason: "older than max_event_age; replicas would refuse it")
                cluster.logger.warning("abandoned the proposal \(entry.change.address) \(entry.change.state)@\(entry.change.timestamp): too old")
                continue
            }
            if let last = entry.lastAttemptAt, now - last < settings.resendAfter { continue }
            do {
                try await cluster.zellular.send(entry.body)
                try await cluster.store.recordAttempt(outbox: entry.id)
                cluster.logger.debug("sent \(entry.change.address) \(entry.change.state)@\(entry.change.timestamp) (attempt \(entry.attempts + 1))")
            } catch {
                cluster.logger.warning("cannot send to Zellular (will retry): \(error)")
                return
            }
        }
    }
}
