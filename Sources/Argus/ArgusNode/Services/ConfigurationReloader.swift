import ArgusCore
import ArgusStore
import Crypto
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Reloads the configuration file without a restart: on `SIGHUP`, when the file's contents
/// change (looked at every `pollInterval` seconds), and on `POST /reload`. A file that does not
/// parse changes nothing: the error is logged and kept for `/health`, and the node runs on as
/// it was. What a reload applies is the composition root's business (`apply`): the targets and
/// `targets_from`; keys that need a restart are named in the log.
public final class ConfigurationReloader: Service, Sendable {
    /// What one reload did.
    public struct Outcome: Sendable {
        public var targets: Int
        public var change: TargetSet.Change
        /// Keys that changed but take effect only after a restart.
        public var needsRestart: [String]

        public init(targets: Int, change: TargetSet.Change, needsRestart: [String]) {
            self.targets = targets
            self.change = change
            self.needsRestart = needsRestart
        }
    }

    let path: String
    let pollInterval: Double
    let logger: Logger
    let apply: @Sendable (NodeConfiguration) -> Outcome
    private let state: Mutex<(digest: String?, lastError: String?)>

    public init(path: String, pollInterval: Double = 2, logger: Logger, apply: @escaping @Sendable (NodeConfiguration) -> Outcome) {
        self.path = path
        self.pollInterval = pollInterval
        self.logger = logger
        self.apply = apply
        self.state = Mutex((Self.digest(path), nil))
    }

    /// Why the last reload failed (`nil` once one succeeds).
    public var lastError: String? { state.withLock { $0.lastError } }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        _ = self.reload(reason: "SIGHUP")
                    }
                }
                group.addTask {
                    while (try? await Task.sleep(for: .milliseconds(Int64(self.pollInterval * 1000)))) != nil {
                        let digest = Self.digest(self.path)
                        if digest != nil, digest != self.state.withLock({ $0.digest }) { _ = self.reload(reason: "the file changed") }
                    }
                }
            }
        }
    }

    /// Reads the file and applies it; the error, with the file, line and key, if it does not parse.
    public func reload(reason: String) -> Result<Outcome, ConfigurationError> {
        let digest = Self.digest(path)
        let configuration: NodeConfiguration
        do {
            configuration = try NodeConfiguration.load(file: path)
        } catch {
            state.withLock { $0 = (digest, error.description) }
            logger.error("configuration not reloaded (\(reason)): \(error.description); running on as before")
            return .failure(error)
        }
        let outcome = apply(configuration)
        state.withLock { $0 = (digest, nil) }
        let change = outcome.change
        logger.notice("configuration reloaded (\(reason)): \(outcome.targets) targets; \(change.added.count) added, \(change.removed.count) removed, \(change.changed.count) changed")
        if !outcome.needsRestart.isEmpty {
            logger.warning("configuration: \(outcome.needsRestart.joined(separator: ", ")) changed; that takes effect after a restart")
        }
        return .success(outcome)
    }

    /// SHA-256 of the file's contents (`nil` if unreadable).
    static func digest(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
