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
    /// The index of the last finalized batch (`nil`: none yet).
    func lastFinalizedIndex() async throws -> Int?
}

extension ZellularClient: ZellularLog {
    public func batches(after cursor: ReplicationCursor) -> AsyncThrowingStream<FinalizedStream.Batch, any Error> {
        batches(after: cursor.index, chainingHash: cursor.index == 0 ? nil : cursor.chainingHash, isSyncPoint: cursor.isSyncPoint)
    }

    public func lastFinalizedIndex() async throws -> Int? {
        try await lastFinalized()?.index
    }
}
