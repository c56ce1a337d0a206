import ArgusCore
import ArgusProcessSupport
import ArgusStore
import Foundation
import Testing

/// The store on a disk that fills up: a real SQLite file on a 1 MB tmpfs (mounting one needs
/// root; elsewhere the suite is skipped), filled to the last byte so that the COMMIT itself fails.
struct EventStoreFailureTests {
    static let canMount = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Regression (argus-chaos, disk full): a change whose COMMIT failed reached the in-memory log
    /// when the next transaction committed (GRDB's after-transaction hook is left pending by a
    /// failed COMMIT), so the store said it held a change the file did not, and the monitor's retry
    /// took it as already written: the change was lost.
    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func aChangeWhoseCommitFailedIsNeitherRememberedNorLost() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try #require(Self.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory.path]) == 0)
        defer { _ = Self.run(["umount", "-l", directory.path]) }
        let store = try EventStore(directory: directory.path)
        let down = StateChange(address: "a", state: .down, timestamp: 100)
        let up = StateChange(address: "a", state: .up, timestamp: 200)
        #expect(try await store.append(down) == .appended)

        let junk = directory.url.appendingPathComponent("junk").path
        _ = Self.run(["dd", "if=/dev/zero", "of=\(junk)", "bs=4k"])
        await #expect(throws: (any Error).self) { try await store.append(up) }
        #expect(store.writeFailure != nil)
        #expect(try await store.lastChange(address: "a") == down)

        // Space returns; the next transaction commits (another address). The failed change must
        // not appear with it, in memory or in the file.
        try FileManager.default.removeItem(atPath: junk)
        #expect(try await store.append(StateChange(address: "b", state: .down, timestamp: 300)) == .appended)
        #expect(store.writeFailure == nil)
        #expect(try await store.lastChange(address: "a") == down)
        #expect(try await store.changes(address: "a") == [down])
        #expect(try await store.downtime(address: "a", query: try DowntimeQuery(from: 0, to: 400, asOf: 1000)) == 300)

        // The retry stores it, once.
        #expect(try await store.append(up) == .appended)
        #expect(try await store.changes(address: "a") == [down, up])
        #expect(try await store.lastChange(address: "a") == up)
    }
}
