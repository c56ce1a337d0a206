import ArgusCore

/// Where a replica is in the replicated log: the last Zellular batch it applied.
public struct ReplicationCursor: Sendable, Hashable {
    public var index: Int
    public var chainingHash: String
    /// Whether `index` is a sync point (the stream then resumes without re-reading it).
    public var isSyncPoint: Bool
    /// Finalization time of the batch at `index`.
    public var finalizedAt: Int64

    public static let start = ReplicationCursor(index: 0, chainingHash: "", isSyncPoint: true, finalizedAt: 0)

    public init(index: Int, chainingHash: String, isSyncPoint: Bool, finalizedAt: Int64) {
        self.index = index
        self.chainingHash = chainingHash
        self.isSyncPoint = isSyncPoint
        self.finalizedAt = finalizedAt
    }
}

/// One finalized batch as a replica applies it: the events that passed every check that needs no
/// history (parsing, proof, quorum, age), and the ones that did not, with their reasons. The store
/// applies the first in order, refusing what its history rules out (not after the last applied
/// event of the address, or the same state again), all in one transaction with the cursor.
public struct ReplicatedBatch: Sendable, Hashable {
    public struct Candidate: Sendable, Hashable {
        public var position: Int
        public var change: StateChange
        /// The event object as finalized (with its proof).
        public var body: String

        public init(position: Int, change: StateChange, body: String) {
            self.position = position
            self.change = change
            self.body = body
        }
    }

    public struct Rejection: Sendable, Hashable {
        public var position: Int
        /// A short category for metrics: malformed, unknown_address, stale, future, proof,
        /// duplicate, out_of_order, same_state.
        public var kind: String
        public var reason: String
        public var body: String

        public init(position: Int, kind: String, reason: String, body: String) {
            self.position = position
            self.kind = kind
            self.reason = reason
            self.body = body
        }
    }

    public var cursor: ReplicationCursor
    public var candidates: [Candidate]
    public var rejections: [Rejection]

    public init(cursor: ReplicationCursor, candidates: [Candidate], rejections: [Rejection]) {
        self.cursor = cursor
        self.candidates = candidates
        self.rejections = rejections
    }
}

/// What happened to a batch's events.
public struct ApplyReport: Sendable, Hashable {
    public var applied: [StateChange] = []
    public var rejected: [ReplicatedBatch.Rejection] = []
    /// The batch was at or before the cursor: already applied, nothing done.
    public var alreadyApplied = false
}

/// A proposed event waiting to be seen finalized.
public struct OutboxEntry: Sendable, Hashable {
    public var id: Int64
    public var change: StateChange
    public var body: String
    public var attempts: Int
    public var lastAttemptAt: Double?
}

/// An applied event with where it came from.
public struct AppliedEvent: Sendable, Hashable {
    public var change: StateChange
    public var zellularIndex: Int?
    public var proof: String?
}
