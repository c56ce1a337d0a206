import ArgusStore
import Zellular
import ZellularHTTP

/// The replicated log as the cluster drivers use it: send a batch, read verified finalized
/// batches from a cursor, ask for the last finalized index. `ZellularClient` is the real one; a
/// test may pass an in-memory log.
public protocol ZellularLog: Sendable {
    /// The node the log is read from and written to.
    var gateway: String { get }
    func send(_ body: String) async throws
    /// Verified finalized batches after `cursor`, in order.
    func batches(after cursor: ReplicationCursor) -> AsyncThrowingStream<FinalizedStream.Batch, any Error>
    /// The same, in pages of the batches that arrived together (what a replica applies at once).
    func pages(after cursor: ReplicationCursor) -> AsyncThrowingStream<[FinalizedStream.Batch], any Error>
    /// The index of the last finalized batch (`nil`: none yet).
    func lastFinalizedIndex() async throws -> Int?
}

extension ZellularLog {
    /// The sequencer's head as settlement needs it: 0 when nothing is finalized yet (a window
    /// nothing was ever proposed for is settled too), `nil` when the sequencer cannot say.
    func head() async -> Int? {
        do { return try await lastFinalizedIndex() ?? 0 } catch { return nil }
    }

    /// One batch per page, for a log that has no pages of its own.
    public func pages(after cursor: ReplicationCursor) -> AsyncThrowingStream<[FinalizedStream.Batch], any Error> {
        let batches = batches(after: cursor)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await batch in batches { continuation.yield([batch]) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension ZellularClient: ZellularLog {
    public func batches(after cursor: ReplicationCursor) -> AsyncThrowingStream<FinalizedStream.Batch, any Error> {
        batches(after: cursor.index, chainingHash: cursor.index == 0 ? nil : cursor.chainingHash, isSyncPoint: cursor.isSyncPoint)
    }

    public func pages(after cursor: ReplicationCursor) -> AsyncThrowingStream<[FinalizedStream.Batch], any Error> {
        pages(after: cursor.index, chainingHash: cursor.index == 0 ? nil : cursor.chainingHash, isSyncPoint: cursor.isSyncPoint)
    }

    public func lastFinalizedIndex() async throws -> Int? {
        try await lastFinalized()?.index
    }
}
