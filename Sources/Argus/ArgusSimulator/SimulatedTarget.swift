import Foundation
import Hummingbird

/// A stand-in for a monitored node: serves `GET /health` according to a schedule or to what it
/// was last told through `POST /control`. A control request replaces the schedule from then on.
/// It also serves EigenLayer's node API (`/eigen/node/…`, `SimulatedNodeAPI`) and a chain head
/// that advances or stalls (`GET /status`, `SimulatedChain`), each switchable through `/control`.
public actor SimulatedTarget {
    private let schedule: HealthSchedule?
    private let startedAt: ContinuousClock.Instant
    private var override: SimulatedHealth?
    private let initial: SimulatedHealth
    private var nodeAPI: SimulatedNodeAPI
    private var chain: SimulatedChain

    public init(initial: SimulatedHealth = .up, schedule: HealthSchedule? = nil, nodeAPI: SimulatedNodeAPI = .healthy,
                chain: SimulatedChain = SimulatedChain()) {
        self.initial = initial
        self.schedule = schedule
        self.startedAt = .now
        self.nodeAPI = nodeAPI
        self.chain = chain
    }

    var elapsed: Double {
        let elapsed = ContinuousClock.now - startedAt
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    var height: Int { chain.height(atElapsed: elapsed) }

    /// Stops the chain at its current height, or lets it advance again from there.
    func setChain(stalled: Bool) {
        if stalled {
            chain.stalledAt = height
        } else if let stalledAt = chain.stalledAt {
            chain = SimulatedChain(start: Double(stalledAt) - chain.blocksPerSecond * elapsed, blocksPerSecond: chain.blocksPerSecond)
        }
    }

    public var health: SimulatedHealth {
        if let override { return override }
        guard let schedule else { return initial }
        return schedule.health(atElapsed: elapsed)
    }

    public func set(_ health: SimulatedHealth) {
        override = health
    }

    func control(_ body: ControlBody) {
        if let state = body.state { override = state }
        if let eigen = body.eigen { nodeAPI = eigen }
        if let chain = body.chain { setChain(stalled: chain == "stall") }
    }

    struct ControlBody: Codable {
        var state: SimulatedHealth?
        var eigen: SimulatedNodeAPI?
        /// "stall" or "advance".
        var chain: String?
    }

    struct StatusBody: Codable {
        var block_number: Int
        var syncing: Bool
    }

    struct DetailBody: Encodable {
        var detail: String
    }

    /// `GET /health`, `GET /status`, the node API, `GET /control`, and
    /// `POST /control {"state": "up" | "down" | "hang", "eigen": "healthy" | "partial" | "unhealthy", "chain": "stall" | "advance"}`
    /// (any of the three keys).
    public nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/health") { _, _ -> Response in
            switch await self.health {
            case .up:
                return Self.json(["status": "up"], status: .ok)
            case .down:
                return Self.json(["status": "down"], status: .serviceUnavailable)
            case .hang:
                // Stay silent until told otherwise (or for at most ten minutes).
                for _ in 0..<6000 where await self.health == .hang {
                    try await Task.sleep(for: .milliseconds(100))
                }
                return Self.json(["status": "\(await self.health)"], status: await self.health == .up ? .ok : .serviceUnavailable)
            }
        }
        router.get("/status") { _, _ in Self.json(StatusBody(block_number: await self.height, syncing: false), status: .ok) }
        router.get("/eigen/node") { _, _ in
            Self.json(["node_name": "argus-target", "spec_version": "v0.0.1", "node_version": "v1.0.0"], status: .ok)
        }
        router.get("/eigen/node/health") { _, _ in Response(status: .init(code: await self.nodeAPI.status)) }
        router.get("/eigen/node/services") { _, _ in Self.json(["services": await self.nodeAPI.services], status: .ok) }
        router.get("/eigen/node/services/:id/health") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let service = await self.nodeAPI.services.first(where: { $0.id == id }) else { return Response(status: .notFound) }
            return Response(status: service.status == "Up" ? .ok : .serviceUnavailable)
        }
        router.get("/control") { _, _ in
            Self.json(ControlBody(state: await self.health, eigen: await self.nodeAPI, chain: await self.chain.stalledAt == nil ? "advance" : "stall"),
                      status: .ok)
        }
        router.post("/control") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4096)
            guard let body = try? JSONDecoder().decode(ControlBody.self, from: Data(buffer.readableBytesView)),
                  body.state != nil || body.eigen != nil || body.chain != nil, body.chain.map({ ["stall", "advance"].contains($0) }) ?? true else {
                return Self.json(DetailBody(detail: #"Expected a JSON body with any of {"state": "up" | "down" | "hang", "eigen": "healthy" | "partial" | "unhealthy", "chain": "stall" | "advance"}"#),
                                 status: .badRequest)
            }
            await self.control(body)
            return Self.json(body, status: .ok)
        }
        return router
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
