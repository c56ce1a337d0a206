import ArgusProof
import AsyncHTTPClient

/// What the dashboard and `/cluster` show about the cluster right now.
extension ClusterNode {
    /// Every member and whether it answers `GET /health` within a second (this node: true).
    public func memberStatus() async -> [(member: MonitoringNode, answers: Bool)] {
        guard let registry else { return [] }
        return await withTaskGroup(of: (Int, Bool).self) { group in
            for (position, node) in registry.nodes.enumerated() {
                group.addTask {
                    if node.name == self.member?.name { return (position, true) }
                    return (position, await PeerClient(http: self.peers.http, timeout: 1).get("\(PeerClient.base(node.url))/health") != nil)
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
            let last = try await zellular.lastFinalized()
            return max(0, (last?.index ?? 0) - cursor)
        } catch {
            return nil
        }
    }
}
