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

    /// Every member, whether it answers `GET /health` within a second, and the digest of its
    /// target set (this node: `targetSet`).
    public func memberStatus(targetSet: String? = nil) async -> [(member: MonitoringNode, answers: Bool, targetSet: String?)] {
        guard let registry = role.registry else { return [] }
        let me = role.signer?.member.name
        let probe = peers.with(timeout: 1)
        return await withTaskGroup(of: (Int, Bool, String?).self) { group in
            for (position, node) in registry.nodes.enumerated() {
                group.addTask {
                    if node.name == me { return (position, true, targetSet) }
                    let (answers, digest) = await probe.healthAndTargetSet(of: node)
                    return (position, answers, digest)
                }
            }
            var answers = [(Bool, String?)](repeating: (false, nil), count: registry.nodes.count)
            for await (position, answered, digest) in group { answers[position] = (answered, digest) }
            return zip(registry.nodes, answers).map { ($0, $1.0, $1.1) }
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
