import ArgusCore
import ArgusStore
import Logging
import ServiceLifecycle

/// Settles epochs in the background: every second, each epoch from the oldest not yet settled up
/// to the newest settled one whose retry time has come, oldest first (at most `batch` a tick, so
/// a node catching up on many epochs still answers its peers).
public struct SettlementService: Service {
    let settler: EpochSettler
    let clock: any WallClock
    let logger: Logger
    let batch = 32

    public init(settler: EpochSettler, clock: any WallClock, logger: Logger) {
        self.settler = settler
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var next = settler.firstEpoch
            while !Task.isCancelled {
                next = await tick(from: next)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// One pass; returns the oldest epoch still not settled (where the next pass starts).
    func tick(from start: UInt64) async -> UInt64 {
        let now = clock.now()
        guard let last = settler.schedule.lastSettled(now: now), start <= last else { return start }
        var oldestOpen: UInt64?
        var tried = 0
        for epoch in start...last {
            if Task.isCancelled { break }
            guard settler.due(epoch, now: now), tried < batch else {
                oldestOpen = oldestOpen ?? epoch
                continue
            }
            tried += 1
            do {
                if case .settled = try await settler.settle(epoch, now: now) { continue }
            } catch {
                logger.debug("epoch \(epoch): \(error)")
            }
            oldestOpen = oldestOpen ?? epoch
        }
        return oldestOpen ?? last + 1
    }
}
