import ArgusCore
import Crypto
import Foundation
import Synchronization

/// The targets this node monitors now: those its configuration lists, and those `targets_from`
/// discovered (an EigenLayer operator set), the configured ones first and winning any address
/// both name. Reloads and discovery replace either part; the drivers that check, attest, query
/// and settle read it here, and the scheduler follows its changes (`changes()`).
///
/// A target that leaves the set is *retired*: no longer checked, its history kept and still
/// queryable (`/downtime`, `/events`). So are addresses with history in the store that no
/// configuration names any more (`retired` at start).
public final class TargetSet: Sendable {
    /// What one replacement changed.
    public struct Change: Sendable, Hashable {
        public var added: [Target] = []
        public var removed: [String] = []
        /// Same address, another check or policy.
        public var changed: [Target] = []

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

        public init(added: [Target] = [], removed: [String] = [], changed: [Target] = []) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    private struct State {
        var configured: [Target]
        var discovered: [Target] = []
        var current: [Target] = []
        var byAddress: [String: Target] = [:]
        var retired: Set<String>
        /// `TargetSet.digest(of:)` of `current`, made when the set changes (every `/health` reads it).
        var digest = ""
        var subscribers: [Int: AsyncStream<Change>.Continuation] = [:]
        var nextSubscriber = 0

        mutating func merge() -> Change {
            var merged = configured
            var seen = Set(configured.map(\.address))
            for target in discovered where seen.insert(target.address).inserted { merged.append(target) }
            let old = byAddress
            var change = Change()
            for target in merged {
                if let before = old[target.address] {
                    if before != target { change.changed.append(target) }
                } else {
                    change.added.append(target)
                }
            }
            change.removed = current.map(\.address).filter { !seen.contains($0) }
            current = merged
            byAddress = Dictionary(merged.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            digest = TargetSet.digest(of: merged.map(\.address))
            retired.formUnion(change.removed)
            retired.subtract(seen)
            return change
        }
    }

    private let state: Mutex<State>

    /// - Parameter retired: addresses with history that `configured` does not name.
    public init(configured: [Target], retired: Set<String> = []) {
        var initial = State(configured: configured, retired: retired)
        _ = initial.merge()
        state = Mutex(initial)
    }

    /// Every current target, configured ones first, in the order they were listed.
    public var targets: [Target] { state.withLock { $0.current } }
    public var addresses: [String] { state.withLock { $0.current.map(\.address) } }
    public var count: Int { state.withLock { $0.current.count } }

    public func target(_ address: String) -> Target? {
        state.withLock { $0.byAddress[address] }
    }

    /// Current or retired: its history is queryable.
    public func isKnown(_ address: String) -> Bool {
        state.withLock { $0.byAddress[address] != nil || $0.retired.contains(address) }
    }

    public var retired: [String] { state.withLock { $0.retired.sorted() } }

    /// Current and retired addresses: whose events a replica admits.
    public var known: Set<String> { state.withLock { $0.retired.union($0.byAddress.keys) } }

    /// SHA-256 over the sorted current addresses, one per line (`/cluster` compares it across
    /// the members: every member must monitor the same set for their epoch reports to agree).
    public var digest: String { state.withLock { $0.digest } }

    public static func digest(of addresses: [String]) -> String {
        let text = addresses.sorted().map { $0 + "\n" }.joined()
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Replaces the configured targets (a reload).
    @discardableResult
    public func setConfigured(_ targets: [Target]) -> Change {
        publish { $0.configured = targets }
    }

    /// Replaces the discovered targets (`targets_from`).
    @discardableResult
    public func setDiscovered(_ targets: [Target]) -> Change {
        publish { $0.discovered = targets }
    }

    private func publish(_ update: (inout State) -> Void) -> Change {
        let (change, subscribers) = state.withLock { state in
            update(&state)
            return (state.merge(), Array(state.subscribers.values))
        }
        if !change.isEmpty { for subscriber in subscribers { subscriber.yield(change) } }
        return change
    }

    /// Every change from now on, until the stream is dropped.
    public func changes() -> AsyncStream<Change> {
        let (stream, continuation) = AsyncStream.makeStream(of: Change.self)
        let id = state.withLock { state in
            defer { state.nextSubscriber += 1 }
            state.subscribers[state.nextSubscriber] = continuation
            return state.nextSubscriber
        }
        continuation.onTermination = { [weak self] _ in _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) } }
        return stream
    }
}
