import ArgusDemo
import ArgusHTTP
import AsyncHTTPClient
import Hummingbird
import Logging

/// What the HTTP benchmarks share: a node's API served on loopback while a measurement runs, and
/// the error a benchmark stops with when a result is wrong.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Serves `api` on a free loopback port while `body` runs.
func serving(_ api: NodeAPI, _ body: (Int) async throws -> Void) async throws {
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    let port = try freeLoopbackPort()
    let app = Application(router: api.router(), configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService() }
        defer { group.cancelAll() }
        for _ in 0..<100 where (try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(1))) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await body(port)
    }
}

