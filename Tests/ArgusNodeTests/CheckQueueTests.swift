@testable import ArgusNode
import NIOPosix
import Synchronization
import Testing

/// The scheduler's queue of due targets: each address goes to exactly one worker, in the order
/// it fell due; a delayed one arrives after its delay; `finish()` releases every worker.
struct CheckQueueTests {
    let loop = MultiThreadedEventLoopGroup.singleton.any()

    @Test func handsEachDueAddressToOneWorkerInOrder() async {
        let queue = CheckQueue(loop: loop)
        for index in 0..<100 { queue.enqueue("t\(index)", after: 0) }
        final class Taken: Sendable { let list = Mutex([String]()) }
        let taken = Taken()
        await withDiscardingTaskGroup { group in
            for _ in 0..<4 {
                group.addTask {
                    while let address = await queue.next()?.address {
                        let count = taken.list.withLock { $0.append(address); return $0.count }
                        if count == 100 { queue.finish() }
                    }
                }
            }
        }
        let addresses = taken.list.withLock { $0 }
        #expect(addresses.count == 100)
        #expect(Set(addresses).count == 100, "no address handed out twice")
    }

    @Test func aDelayedAddressArrivesAfterItsDelay() async {
        let queue = CheckQueue(loop: loop)
        let start = ContinuousClock.now
        queue.enqueue("later", after: 0.2)
        queue.enqueue("now", after: 0)
        #expect(await queue.next()?.address == "now")
        #expect(await queue.next()?.address == "later")
        #expect(ContinuousClock.now - start >= .milliseconds(190))
    }

    @Test func finishReleasesWaitingWorkersAndDropsPendingTimers() async {
        let queue = CheckQueue(loop: loop)
        queue.enqueue("pending", after: 0.05)
        let waiting = Task { await queue.next()?.address }
        let waiting2 = Task { await queue.next()?.address }
        // Both wait on the queue (the first takes "pending" if its timer fires first).
        try? await Task.sleep(for: .milliseconds(20))
        queue.finish()
        let results = [await waiting.value, await waiting2.value]
        #expect(results.filter { $0 != nil }.count <= 1)
        try? await Task.sleep(for: .milliseconds(60))
        #expect(await queue.next() == nil, "after finish, nothing is handed out")
    }
}
