import AsyncHTTPClient
import Foundation
import Zellular

/// Picks a gateway as the SDK does when none is given (`zellular-protocol.md` §9): asks every
/// posting operator for `/node/state` concurrently (5 s timeout), keeps the candidates of
/// `GatewaySelection`, and chooses one at random.
public struct GatewaySelector: Sendable {
    public let network: any ZellularNetwork
    public let appName: String
    public let http: HTTPClient
    public var timeout: Double = 5

    public struct NoActiveOperators: Error, Sendable, CustomStringConvertible {
        public var asked: Int
        public var description: String { "no active operators found (asked \(asked) posting operators for /node/state)" }
    }

    public init(network: any ZellularNetwork, appName: String, http: HTTPClient = .shared) {
        self.network = network
        self.appName = appName
        self.http = http
    }

    /// The candidates, in the network's order.
    public func candidates() async throws -> [Operator] {
        try await survey().candidates
    }

    func survey() async throws -> (asked: Int, candidates: [Operator]) {
        let set = try await network.currentOperators()
        let posting = set.ids.compactMap { set.operators[$0] }.filter { $0.roles.contains("posting") }
        let states = await withTaskGroup(of: (Int, NodeState?).self) { group in
            for (position, candidate) in posting.enumerated() {
                group.addTask { (position, await state(of: candidate)) }
            }
            var states = [NodeState?](repeating: nil, count: posting.count)
            for await (position, state) in group { states[position] = state }
            return states
        }
        return (posting.count, GatewaySelection.candidates(app: appName, states: Array(zip(posting, states))))
    }

    /// One candidate's socket, chosen at random.
    public func select<R: RandomNumberGenerator>(using generator: inout R) async throws -> String {
        let (asked, found) = try await survey()
        guard let chosen = found.randomElement(using: &generator) else { throw NoActiveOperators(asked: asked) }
        return chosen.socket
    }

    public func select() async throws -> String {
        var generator = SystemRandomNumberGenerator()
        return try await select(using: &generator)
    }

    func state(of candidate: Operator) async -> NodeState? {
        let socket = candidate.socket.hasSuffix("/") ? String(candidate.socket.dropLast()) : candidate.socket
        guard let response = try? await http.execute(HTTPClientRequest(url: "\(socket)/node/state"),
                                                    timeout: .milliseconds(Int64(timeout * 1000))),
              response.status.code == 200,
              let body = try? await response.body.collect(upTo: 1 << 20) else { return nil }
        return NodeState(json: Data(body.readableBytesView))
    }
}
