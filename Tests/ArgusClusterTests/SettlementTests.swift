import ArgusCluster
import Testing

/// When a window may be signed: settled (ended `maxEventAge` ago) and the log applied that far.
struct SettlementTests {
    let settlement = Settlement(maxEventAge: 300)

    @Test func aWindowIsNotSettledUntilMaxEventAgeAfterItsEnd() {
        // Ends at 1000: settled at 1300. At 1299.5 there is half a second to go: ask again in 2 s.
        #expect(settlement.decide(windowEnd: 1000, now: 1299.5, appliedThrough: 2000) == .notSettled(retryAfter: 2))
        #expect(settlement.decide(windowEnd: 1000, now: 1000, appliedThrough: 2000) == .notSettled(retryAfter: 301))
        // The edge itself is settled.
        #expect(settlement.decide(windowEnd: 1000, now: 1300, appliedThrough: 1300) == .signable)
    }

    @Test func aLogThatEndsBeforeTheSettlementTimeNeedsTheHead() {
        #expect(settlement.decide(windowEnd: 1000, now: 1400, appliedThrough: 1299) == .confirmHead)
        // Everything finalized is applied: the log covers the window as of now.
        #expect(settlement.confirm(head: 41, cursor: 41) == .signable)
        #expect(settlement.confirm(head: 42, cursor: 41) == .catchingUp(retryAfter: 1))
        // The head unknown (the gateway does not answer): not yet.
        #expect(settlement.confirm(head: nil, cursor: 41) == .catchingUp(retryAfter: 1))
        // Nothing finalized yet (head 0) and nothing applied: settled. (A cluster that never
        // proved a change answered 503 here for ever; found under load by argus-chaos.)
        #expect(settlement.confirm(head: 0, cursor: 0) == .signable)
    }

    @Test func farFutureWindowsDoNotOverflowTheRetry() {
        #expect(settlement.decide(windowEnd: Int64.max / 2, now: 0, appliedThrough: 0) == .notSettled(retryAfter: 1_000_000_001))
    }
}
