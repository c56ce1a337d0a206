import ArgusProof
import ArgusStore

/// What the dashboard, `/cluster` and `/metrics` show about the cluster right now.
public struct ClusterStatus: Sendable {
    public let role: NodeRole
    public let app: String
    public let maxEventAge: Double
    let log: any ZellularLog
    let peers: PeerClient

    public init(role: NodeRole, app: String, maxEventAge: Double, log: any ZellularLog, peers: PeerClient) {
        self.role = role
        self.app = app
        self.maxEventAge = maxEventAge
        self.log = log
        self.peers = peers
    }

    public var gateway: String { log.gateway }

    /// Every member and whether it answers `GET /health` within a second (this node: true).
    public func memberStatus() async -> [(member: MonitoringNode, answers: Bool)] {
        guard let registry = role.registry else { return [] }
        let me = role.signer?.member.name
        let probe = peers.with(timeout: 1)
        return await withTaskGroup(of: (Int, Bool).self) { group in
            for (position, node) in registry.nodes.enumerated() {
                group.addTask {
                    if node.name == me { return (position, true) }
                    return (position, await probe.health(of: node))
                }
            }
            var answers = [Bool](repeating: false, count: registry.nodes.count)
            for await (position, answered) in group { answers[position] = answered }
            return Array(zip(registry.nodes, answers))
        }
    }

    /// Finalized batches not applied yet (`nil` when the gateway does not answer).
    public func lag(cursor: Int) async -> Int? {
        do {
            return max(0, (try await log.lastFinalizedIndex() ?? 0) - cursor)
        } catch {
            return nil
        }
    }
}
