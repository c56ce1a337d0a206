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

/// One finalized batch as admission judged it (`EventAdmission`): the events to apply, in order,
/// and the refused ones with their reasons. The store writes both, with the cursor, in one
/// transaction; it decides nothing.
public struct ReplicatedBatch: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
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
        /// A short category for metrics (`EventAdmission.Kind`).
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
    public var events: [Event]
    public var rejections: [Rejection]
    /// Maintenance windows admitted, each with its item as finalized (its proof).
    public var maintenance: [(window: MaintenanceWindow, body: String)]

    public init(cursor: ReplicationCursor, events: [Event], rejections: [Rejection], maintenance: [(window: MaintenanceWindow, body: String)] = []) {
        self.cursor = cursor
        self.events = events
        self.rejections = rejections
        self.maintenance = maintenance
    }

    public static func == (lhs: ReplicatedBatch, rhs: ReplicatedBatch) -> Bool {
        lhs.cursor == rhs.cursor && lhs.events == rhs.events && lhs.rejections == rhs.rejections
            && lhs.maintenance.map(\.window) == rhs.maintenance.map(\.window) && lhs.maintenance.map(\.body) == rhs.maintenance.map(\.body)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(cursor)
        hasher.combine(events)
        hasher.combine(maintenance.map(\.window))
    }
}

/// What happened to a batch's events.
public struct ApplyReport: Sendable, Hashable {
    public var applied: [StateChange] = []
    /// Maintenance windows recorded (not those already known).
    public var maintenance: [MaintenanceWindow] = []
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
