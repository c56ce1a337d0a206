import Foundation

/// Polls until `done` holds, every `interval`, up to `timeout` seconds; then throws a timeout
/// naming `what`. With `cluster`, the tails of its logs are printed first: a multi-process test
/// that times out on CI says why in its own output.
public func eventually(_ what: String, timeout: Double = 30, interval: Duration = .milliseconds(100),
                       logs cluster: LocalCluster? = nil, _ done: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? await done()) == true { return }
        try await Task.sleep(for: interval)
    }
    if let cluster { print("timed out: \(what)\n\(cluster.logTails())") }
    throw ChildProcess.Timeout(description: "timed out: \(what)")
}
