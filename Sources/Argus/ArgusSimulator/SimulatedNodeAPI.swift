/// What a simulated EigenLayer node answers on the node API (the AVS Node Specification):
/// `GET /eigen/node/health` is 200 when healthy, 206 when partially healthy, 503 when unhealthy,
/// and `GET /eigen/node/services` lists two services whose states agree with it.
public enum SimulatedNodeAPI: String, Sendable, Hashable, Codable, CaseIterable {
    case healthy
    case partial
    case unhealthy

    public var status: Int {
        switch self {
        case .healthy: 200
        case .partial: 206
        case .unhealthy: 503
        }
    }

    struct Service: Codable, Sendable {
        var id: String
        var name: String
        var description: String
        var status: String
    }

    /// The services, as `GET /eigen/node/services` lists them: the operator's signer is down
    /// when partially healthy, and both are down when unhealthy.
    var services: [Service] {
        [
            Service(id: "sequencer", name: "Sequencer", description: "Orders and finalizes batches",
                    status: self == .unhealthy ? "Down" : "Up"),
            Service(id: "signer", name: "BLS signer", description: "Signs finalization messages",
                    status: self == .healthy ? "Up" : "Down"),
        ]
    }
}

/// A chain head that advances (`blocksPerSecond`) or stalls, served as
/// `GET /status {"block_number": N, "syncing": false}` so conditions on a node's height can be tested.
public struct SimulatedChain: Sendable, Hashable {
    public var start: Double
    public var blocksPerSecond: Double
    /// The height it stopped at, when stalled.
    public var stalledAt: Int?

    public init(start: Double = 1_000, blocksPerSecond: Double = 1, stalledAt: Int? = nil) {
        self.start = start
        self.blocksPerSecond = blocksPerSecond
        self.stalledAt = stalledAt
    }

    /// The height `elapsed` seconds after the simulator started.
    public func height(atElapsed elapsed: Double) -> Int {
        stalledAt ?? Int(start + blocksPerSecond * elapsed)
    }
}
