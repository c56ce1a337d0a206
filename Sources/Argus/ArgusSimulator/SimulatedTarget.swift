import Foundation
import Hummingbird

/// A stand-in for a monitored node: serves `GET /health` according to a schedule or to what it
/// was last told through `POST /control`. A control request replaces the schedule from then on.
public actor SimulatedTarget {
    private let schedule: HealthSchedule?
    private let startedAt: ContinuousClock.Instant
    private var override: SimulatedHealth?
    private let initial: SimulatedHealth

    public init(initial: SimulatedHealth = .up, schedule: HealthSchedule? = nil) {
        self.initial = initial
        self.schedule = schedule
        self.startedAt = .now
    }

    public var health: SimulatedHealth {
        if let override { return override }
        guard let schedule else { return initial }
        let elapsed = ContinuousClock.now - startedAt
        return schedule.health(atElapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    public func set(_ health: SimulatedHealth) {
        override = health
    }

    struct ControlBody: Codable {
        var state: SimulatedHealth
    }

    struct DetailBody: Encodable {
        var detail: String
    }

    /// `GET /health`, `GET /control`, `POST /control {"state": "up" | "down" | "hang"}`.
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
        router.get("/control") { _, _ in Self.json(ControlBody(state: await self.health), status: .ok) }
        router.post("/control") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4096)
            guard let body = try? JSONDecoder().decode(ControlBody.self, from: Data(buffer.readableBytesView)) else {
                return Self.json(DetailBody(detail: #"Expected a JSON body {"state": "up" | "down" | "hang"}"#), status: .badRequest)
            }
            await self.set(body.state)
            return Self.json(body, status: .ok)
        }
        return router
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
