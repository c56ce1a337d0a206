/// The SDK's choice of a gateway among a network's operators (`zellular-protocol.md` §9), given
/// what each answered at `/node/state`: posting operators that are not the sequencer and serve the
/// app, running the highest version, caught up with the most advanced of them. The caller picks
/// one of the candidates at random. Unlike the SDK, a node whose version is not PEP 440 is
/// skipped instead of aborting the whole selection.
public enum GatewaySelection {
    /// The operators a client may use as its gateway, in the network's order.
    /// - Parameter states: each posting operator with its `/node/state` (`nil` if it did not answer).
    public static func candidates(app: String, states: [(Operator, NodeState?)]) -> [Operator] {
        let serving: [(Operator, PackageVersion, NodeState.AppProgress)] = states.compactMap { item in
            let (candidate, state) = item
            guard candidate.roles.contains("posting"), let state, !state.sequencer,
                  let progress = state.apps[app], let version = state.version.flatMap(PackageVersion.init) else { return nil }
            return (candidate, version, progress)
        }
        guard let highest = serving.map(\.1).max() else { return [] }
        let current = serving.filter { $0.1 == highest }
        let finalized = current.map(\.2.lastFinalizedIndex).max() ?? 0
        return current.filter { $0.2.lastLockedIndex >= finalized }.map(\.0)
    }
}
