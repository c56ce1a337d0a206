import ArgusCore

struct HealthBody: Encodable {
    /// `ok`, or `degraded` when the store cannot write (the answer is then a 503).
    var status: String
    var targets: Int
    /// `TargetSet.digest`: members compare it (`/cluster`).
    var targetSet: String
    var time: Int64
    /// Why the latest write failed, and when (a full disk, a read-only directory).
    var storeError: String?
    var storeErrorSince: Int64?

    enum CodingKeys: String, CodingKey {
        case status, targets, time
        case targetSet = "target_set"
        case storeError = "store_error"
        case storeErrorSince = "store_error_since"
    }
}

struct TargetListBody: Encodable {
    var targets: [TargetBody]
    var retired: [String]
}

struct TargetBody: Encodable {
    struct LastCheck: Encodable {
        var at: Double
        var healthy: Bool
        var degraded: Bool
        var latencyMs: Double
        var error: String?

        enum CodingKeys: String, CodingKey {
            case at, healthy, degraded, error
            case latencyMs = "latency_ms"
        }
    }

    var address: String
    var check: String
    var endpoint: String
    var state: HealthState
    var since: Int64
    /// The latest check found the target up but not fully (EigenLayer's 206).
    var degraded: Bool
    var checks: Int64
    var lastCheck: LastCheck?

    enum CodingKeys: String, CodingKey {
        case address, check, endpoint, state, since, degraded, checks
        case lastCheck = "last_check"
    }

    init(target: Target, status: TargetStatus) {
        address = target.address
        check = target.check.kind
        endpoint = target.check.description
        state = status.state
        since = status.since
        degraded = status.lastCheck?.degraded ?? false
        checks = status.checks
        lastCheck = status.lastCheck.map {
            LastCheck(at: $0.startedAt, healthy: $0.healthy, degraded: $0.degraded, latencyMs: ($0.latency * 1000 * 10).rounded() / 10,
                      error: $0.failureReason)
        }
    }
}

struct EventsBody: Encodable {
    struct Event: Encodable {
        var state: HealthState
        var timestamp: Int64
        /// Replicated modes: where the event was finalized, and the event as finalized (its proof).
        var zellularIndex: Int?
        var proof: String?

        enum CodingKeys: String, CodingKey {
            case state, timestamp, proof
            case zellularIndex = "zellular_index"
        }
    }

    var address: String
    var state: HealthState
    var since: Int64
    var events: [Event]
}
