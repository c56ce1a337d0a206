import ArgusCore
@testable import ArgusStore
import Testing

/// Check results stay visible to reads from the moment they are recorded until their flush has
/// committed; a failed flush puts them back, merged with what came in since.
struct CheckBufferTests {
    func outcome(_ at: Double) -> ProbeOutcome { ProbeOutcome(startedAt: at, healthy: true, latency: 0.01) }

    @Test func resultsInFlightStayVisibleUntilDone() throws {
        let buffer = CheckBuffer()
        #expect(buffer.take() == nil)
        buffer.record(address: "a", outcome: outcome(1))
        buffer.record(address: "a", outcome: outcome(2))
        let first = try #require(buffer.take())
        #expect(first.entries["a"] == .init(checks: 2, last: outcome(2)))
        // In flight, and a new result arriving meanwhile: both counted.
        buffer.record(address: "a", outcome: outcome(3))
        #expect(buffer.unwritten("a") == .init(checks: 3, last: outcome(3)))
        let second = try #require(buffer.take())
        buffer.done(first.flush)
        #expect(buffer.unwritten("a") == .init(checks: 1, last: outcome(3)))
        // The second flush fails: its result is pending again, merged with a newer one.
        buffer.record(address: "a", outcome: outcome(4))
        buffer.restore(second.flush)
        #expect(buffer.unwritten("a") == .init(checks: 2, last: outcome(4)))
        #expect(buffer.take()?.entries["a"] == .init(checks: 2, last: outcome(4)))
        #expect(buffer.unwritten("b") == nil)
    }
}
