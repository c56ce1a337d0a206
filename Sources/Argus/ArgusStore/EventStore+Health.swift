import Foundation
import GRDB
import Synchronization

/// Whether the store can write (`/health`): every write goes through `write(_:)`, which remembers
/// the last failure until a later write succeeds. A node that cannot store (a full disk, a
/// read-only directory) says so, acknowledges nothing it did not store, and recovers by itself
/// when writes work again.
extension EventStore {
    /// The last write failure, when the latest write failed (`nil` once one succeeds).
    public var writeFailure: (error: String, at: Double)? {
        health.withLock { $0 }
    }

    /// `pool.write`, remembering whether it worked.
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            let value = try await pool.write(updates)
            health.withLock { $0 = nil }
            return value
        } catch {
            let message = "\(error)"
            let now = clock.now()
            health.withLock { $0 = (message, now) }
            throw error
        }
    }
}

/// The holder of the store's write health.
final class StoreHealth: Sendable {
    let failure = Mutex<(error: String, at: Double)?>(nil)

    func withLock<R>(_ body: (inout (error: String, at: Double)?) -> R) -> R {
        failure.withLock { body(&$0) }
    }
}
