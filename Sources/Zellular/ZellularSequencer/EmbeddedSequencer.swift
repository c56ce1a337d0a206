import BN254
import Foundation
import Zellular
import ZellularHash

/// A one-operator Zellular network in one process (`zellular-protocol.md` §12): batches are
/// appended in arrival order with their chaining hash, and a finalizer signs a sync point over
/// the newest batch with the operator's BN254 key (`nonsigners: []`, `tag: 0`, timestamps never
/// decreasing), so any client — ours or the Python SDK with a static network — verifies them.
public struct EmbeddedSequencer: Sendable {
    public let store: SequencerStore
    public let identity: SequencerIdentity
    public let apps: Set<String>

    public init(store: SequencerStore, identity: SequencerIdentity, apps: Set<String>) {
        self.store = store
        self.identity = identity
        self.apps = apps
    }

    /// Signs and stores a sync point over the newest batch of every app that has unfinalized
    /// batches. Returns how many sync points were made.
    @discardableResult
    public func finalizePending(now: Int) async throws -> Int {
        var made = 0
        for app in apps.sorted() {
            let progress = try await store.progress(app: app)
            guard progress.lastIndex > progress.lastFinalized else { continue }
            let timestamp = max(now, progress.lastFinalizedTimestamp)
            let message = SyncPointMessage.finalization(
                appName: app, index: progress.lastIndex, chainingHash: progress.lastChainingHash,
                timestamp: timestamp, parentIndex: progress.lastFinalized)
            let signature = identity.key.signature(for: message.signedBytes)
            try await store.finalize(app: app, FinalitySignature(
                signature: signature.mclString, chainingHash: progress.lastChainingHash, nonsigners: [],
                index: progress.lastIndex, parentIndex: progress.lastFinalized, tag: 0, timestamp: timestamp))
            made += 1
        }
        return made
    }

    /// Finalizes every `interval` seconds until cancelled. A short timer after acknowledging a
    /// PUT (never inside it) keeps the SDK's blocking `send` working (§14).
    public func runFinalizer(interval: Double = 0.1) async {
        while !Task.isCancelled {
            _ = try? await finalizePending(now: Int(Date().timeIntervalSince1970))
            try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
        }
    }
}
