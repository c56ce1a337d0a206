import ArgusCore
import ArgusStore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// The driver of the notifications (README, "Notifications"): turns every applied event into one
/// durable notification per channel that hears its target (`EventStore.enqueueNotifications`),
/// and delivers each channel's in order, one at a time — so PagerDuty sees a target's trigger
/// before its resolve — retrying what fails with backoff (and the receiver's `Retry-After`) for a
/// day, across restarts. Nothing here waits on monitoring or replication: the event log is the
/// queue's source.
public final class NotificationService: Service, Sendable {
    let channels: [String: NotificationChannel]
    let routing: NotificationRouting
    let store: EventStore
    let http: HTTPClient
    let clock: any WallClock
    let logger: Logger
    let node: String?
    let poll: Duration

    public init(channels: [NotificationChannel], routing: NotificationRouting, store: EventStore, http: HTTPClient, clock: any WallClock = SystemClock(),
                logger: Logger, node: String?, poll: Duration = .milliseconds(250)) {
        self.channels = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.routing = routing
        self.store = store
        self.http = http
        self.clock = clock
        self.logger = logger
        self.node = node
        self.poll = poll
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.pass()
                try? await Task.sleep(for: self.poll)
            }
        }
    }

    /// Enqueues what the log added, then sends what is due, channel by channel (each channel's
    /// oldest first; a channel that fails waits for its next attempt, the others go on).
    public func pass() async {
        let routing = self.routing
        do {
            try await store.enqueueNotifications(channels: { routing.channels(for: $0) })
        } catch {
            logger.error("notifications: cannot read the event log: \(error)")
            return
        }
        guard let pending = try? await store.pendingNotifications(), !pending.isEmpty else { return }
        var blocked = Set<String>()
        for entry in pending where !blocked.contains(entry.channel) {
            let now = clock.now()
            guard entry.nextAttemptAt <= now else {
                blocked.insert(entry.channel)
                continue
            }
            guard let channel = channels[entry.channel] else {
                try? await store.notificationFailed(entry.id, error: "the channel \(entry.channel) is no longer configured", nextAttemptAt: nil)
                continue
            }
            if !(await deliver(entry, to: channel, now: now)) { blocked.insert(entry.channel) }
        }
    }

    /// One attempt; whether the channel may go on to its next notification.
    func deliver(_ entry: EventStore.PendingNotification, to channel: NotificationChannel, now: Double) async -> Bool {
        let notice = StateNotice(eventID: entry.eventID, change: entry.change, zellularIndex: entry.zellularIndex, event: entry.proof, node: node)
        let outgoing = NotificationMessage.request(notice, channel: channel, now: Int64(now))
        var request = HTTPClientRequest(url: outgoing.url)
        request.method = .POST
        for (name, value) in outgoing.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: outgoing.body))
        let outcome: NotificationMessage.Outcome
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(channel.timeout * 1000)))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            outcome = NotificationMessage.outcome(channel, status: Int(response.status.code), retryAfterHeader: response.headers.first(name: "Retry-After"),
                                                  body: body)
        } catch {
            outcome = .retry(reason: "\(error)", after: nil)
        }
        let what = "\(channel.name) (\(channel.kind.name)): \(entry.change.address) \(entry.change.state)@\(entry.change.timestamp)"
        do {
            switch outcome {
            case .delivered:
                try await store.notificationDelivered(entry.id)
                logger.info("notified \(what)")
                return true
            case let .permanent(reason):
                try await store.notificationFailed(entry.id, error: reason, nextAttemptAt: nil)
                logger.error("notification to \(what) given up: the receiver refused it for good (\(reason))")
                return true
            case let .retry(reason, after):
                if now - entry.createdAt > NotificationMessage.giveUpAfter {
                    try await store.notificationFailed(entry.id, error: reason, nextAttemptAt: nil)
                    logger.error("notification to \(what) given up after a day of failures (\(reason))")
                    return true
                }
                let next = now + NotificationMessage.backoff(afterAttempt: entry.attempts + 1, retryAfter: after)
                try await store.notificationFailed(entry.id, error: reason, nextAttemptAt: next)
                logger.warning("notification to \(what) failed (attempt \(entry.attempts + 1): \(reason)); next attempt in \(Int(next - now)) s")
                return false
            }
        } catch {
            logger.error("notifications: cannot record a delivery: \(error)")
            return false
        }
    }
}
