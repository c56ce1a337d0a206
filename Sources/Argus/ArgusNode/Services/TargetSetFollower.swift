import Logging
import ServiceLifecycle

/// What follows the target set besides the scheduler: the answers conditions refer to are
/// tracked for the current targets, and the proposer learns the replicated state of an added
/// target that has history (re-added, or already proven by the others). In a cluster it also
/// compares the set with the members' every `watchInterval` seconds (`/health`'s `target_set`),
/// and logs when which members differ changes.
public struct TargetSetFollower: Service {
    let targets: TargetSet
    let references: References
    let proposals: ProposalService?
    let cluster: ClusterStatus?
    let metrics: NodeMetrics?
    let watchInterval: Double
    let logger: Logger

    public init(targets: TargetSet, references: References, proposals: ProposalService?, cluster: ClusterStatus? = nil,
                metrics: NodeMetrics? = nil, watchInterval: Double = 30, logger: Logger) {
        self.targets = targets
        self.references = references
        self.proposals = proposals
        self.cluster = cluster
        self.metrics = metrics
        self.watchInterval = watchInterval
        self.logger = logger
    }

    public func run() async throws {
        let changes = targets.changes()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await change in changes {
                        references.track(targets.targets)
                        do {
                            try await proposals?.track(change.added.map(\.address))
                        } catch {
                            logger.error("cannot read the history of the added targets: \(error)")
                        }
                    }
                }
                if let cluster {
                    group.addTask { await watch(cluster) }
                }
            }
        }
    }

    func watch(_ cluster: ClusterStatus) async {
        var reported: [String] = []
        while (try? await Task.sleep(for: .milliseconds(Int64(watchInterval * 1000)))) != nil {
            let digest = targets.digest
            let differing = await cluster.memberStatus(targetSet: digest)
                .filter { $0.answers && $0.targetSet != nil && $0.targetSet != digest }.map(\.member.name)
            metrics?.targetSetAgreement(differing.isEmpty)
            if differing != reported {
                if differing.isEmpty {
                    logger.notice("target sets agree again: every member that answers monitors the same \(targets.count) targets")
                } else {
                    logger.warning("target sets differ: \(differing.joined(separator: ", ")) monitor another set than this node (\(targets.count) targets, \(digest.prefix(12))…); epoch reports will not agree until they match")
                }
                reported = differing
            }
        }
    }
}
