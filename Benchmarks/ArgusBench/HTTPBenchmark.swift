import ArgusCluster
import ArgusCore
import ArgusDemo
import ArgusHTTP
import ArgusNode
import ArgusProof
import ArgusStore
import ArgusTestSupport
import AsyncHTTPClient
import BLS12381
import Foundation
import Hummingbird
import Logging
import Zellular
import ZellularHTTP

/// `argus-bench http`: the node's HTTP ceiling under one fixed load generator (`wrk -t2 -c32`, a
/// separate process on loopback), every server up at once and the routes measured in alternating
/// rounds, in one run:
/// - `/health` and `/downtime` (a one-day window) on the same standalone server;
/// - signed `/downtime` for a settled window on a verifiable node (a cached answer after the first);
/// - the reference's stage-1 node (`reference_node.py`, FastAPI under uvicorn), the anchor, on
///   the same history and the same query.
/// The history: 100 targets with 30 days of changes, one every 40 minutes on average (about
/// 1,100 each, 108,000 in all); the query's window holds about 36 of them. Every answer is
/// checked to be a 2xx, and the three servers' downtime figures are checked to agree.
func httpBenchmark(_ options: Options) async throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
        FileHandle.standardError.write(Data("argus-bench http needs wrk (scripts/install-deps.sh --bench installs it)\n".utf8))
        exit(2)
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let now = Int64(Date().timeIntervalSince1970)
    var rng = SeededGenerator(seed: 14)
    let addresses = (0..<100).map { String(format: "0x%040x", $0 + 1) }
    var changes: [StateChange] = []
    for address in addresses {
        var time = now - 30 * 86_400
        var state = HealthState.up
        while true {
            time += Int64.random(in: 60...(80 * 60 - 60), using: &rng)
            guard time < now - 60 else { break }
            state = state.flipped
            changes.append(StateChange(address: address, state: state, timestamp: time))
        }
    }
    let address = addresses[41]
    let from = now - 86_400 - 3_600, to = now - 3_600
    let path = "/downtime?address=\(address)&from_timestamp=\(from)&to_timestamp=\(to)"

    // The standalone server: /health and the reference's unsigned /downtime.
    let standalone = try EventStore(directory: directory.appendingPathComponent("standalone").path)
    _ = try await standalone.append(contentsOf: changes)
    let targets = addresses.map { Target(address: $0, check: .tcp(host: "127.0.0.1", port: 1)) }
    let expected = try await standalone.storedDowntime(address: address, query: try DowntimeQuery(from: from, to: to))
    try await serving(NodeAPI(store: standalone, targets: targets)) { standalonePort in
        try await expectDowntime(port: standalonePort, path: path, expected)

        // A verifiable node: the same history as applied from Zellular, signed answers.
        let verifiable = try EventStore(directory: directory.appendingPathComponent("verifiable").path)
        _ = try await verifiable.apply(ReplicatedBatch(
            cursor: ReplicationCursor(index: 1, chainingHash: "bench", isSyncPoint: true, finalizedAt: now),
            events: changes.enumerated().map { .init(position: $0.offset, change: $0.element, body: "{}") }, rejections: []), app: "bench")
        let key = try PrivateKey(keyGenSeed: [UInt8](repeating: 14, count: 32))
        let registry = try Registry(nodes: [MonitoringNode(name: "Node1", url: "http://127.0.0.1:1", publicKey: key.publicKey,
                                                           proofOfPossession: key.proofOfPossession())])
        let signer = Signer(registry: registry, member: registry.nodes[0], key: key)
        let http = HTTPClient.shared
        // The window ends well before the cursor's finalization time, so it is settled without asking
        // the log: the client below is never called.
        let log = ZellularClient(http: http, gateway: "http://127.0.0.1:1", appName: "bench", network: OperatorSet([]))
        let rules = ClusterRules()
        let peers = PeerClient(http: http, timeout: 1)
        let downtime = DowntimeSigner(signer: signer, store: verifiable, log: log, app: "bench",
                                      settlement: Settlement(maxEventAge: rules.maxEventAge), peers: peers, metrics: nil)
        let status = ClusterStatus(role: .verifier(signer), app: "bench", maxEventAge: rules.maxEventAge, log: log, peers: peers)
        try await serving(NodeAPI(store: verifiable, targets: targets, cluster: .init(status: status, attester: nil, downtime: downtime))) { verifiablePort in
            try await expectDowntime(port: verifiablePort, path: path, expected, signed: true)

            // The anchor: the reference node, on the same history.
            let historyFile = directory.appendingPathComponent("history.json")
            var history: [String: [[String: Any]]] = [:]
            for change in changes { history[change.address, default: []].append(["state": change.state.rawValue, "timestamp": change.timestamp]) }
            try JSONSerialization.data(withJSONObject: history).write(to: historyFile)
            let port = try freeLoopbackPort()
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("reference_node.py")
            let python = ProcessInfo.processInfo.environment["ARGUS_PYTHON"] ?? "python3"
            let reference = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), [python, script.path, historyFile.path, "\(port)"])
            defer {
                // uvicorn's graceful shutdown waits on wrk's idle connections: end it at once.
                reference.kill(SIGKILL)
                reference.process.waitUntilExit()
            }
            var ready = false
            for _ in 0..<200 where !ready {
                guard reference.process.isRunning else {
                    throw BenchmarkFailure(message: "the reference node exited: \(reference.output.suffix(3).joined(separator: " | ")) (scripts/install-deps.sh --bench installs FastAPI and uvicorn)")
                }
                ready = (try? await expectDowntime(port: port, path: path, expected, timeout: 2)) != nil
                if !ready { try await Task.sleep(for: .milliseconds(100)) }
            }
            guard ready else { throw BenchmarkFailure(message: "the reference node did not answer \(path) with \(expected)") }

            // Alternating rounds: this machine's speed drifts between minutes, so each round
            // measures every route back to back and the ratios are taken within a round.
            let routes = [("/health", "http://127.0.0.1:\(standalonePort)/health"),
                          ("/downtime (1-day window)", "http://127.0.0.1:\(standalonePort)\(path)"),
                          ("/downtime signed, settled window (cached)", "http://127.0.0.1:\(verifiablePort)\(path)"),
                          ("reference /downtime (anchor)", "http://127.0.0.1:\(port)\(path)")]
            var rounds: [[WrkResult]] = []
            for _ in 0..<httpRounds { rounds.append(try routes.map { try wrk($0.1, seconds: httpRoundSeconds) }) }
            printHTTPRows(routes.map(\.0), rounds, options: options)
        }
    }
}

let httpRounds = 5
let httpRoundSeconds = 4

/// Per route: the median rate and latencies over the rounds, and the median over the rounds of its
/// rate against `/health`'s (the first route) and the reference's (the last) in the same round.
private func printHTTPRows(_ names: [String], _ rounds: [[WrkResult]], options: Options) {
    if !options.json {
        print("HTTP ceiling, wrk -t2 -c32 on loopback, \(httpRounds) alternating rounds of \(httpRoundSeconds) s per route (release build; medians)")
    }
    for (index, name) in names.enumerated() {
        let results = rounds.map { $0[index] }
        let rate = median(results.map(\.requestsPerSecond)), p50 = median(results.map(\.p50)), p99 = median(results.map(\.p99))
        let vsHealth = median(rounds.map { $0[index].requestsPerSecond / $0[0].requestsPerSecond })
        let vsReference = median(rounds.map { $0[index].requestsPerSecond / $0[names.count - 1].requestsPerSecond })
        if options.json {
            let object: [String: Any] = ["benchmark": "http", "route": name, "requests_per_second": rate,
                                         "latency_p50_ms": p50 * 1e3, "latency_p99_ms": p99 * 1e3,
                                         "vs_health": vsHealth, "vs_reference": vsReference]
            print(String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print(String(format: "%@ %9.0f req/s   p50 %6.2f ms  p99 %6.2f ms   %.2f× /health   %5.1f× reference",
                         name.padding(toLength: 44, withPad: " ", startingAt: 0) as NSString, rate, p50 * 1e3, p99 * 1e3,
                         vsHealth, vsReference))
        }
    }
}

/// Checks that `path` answers 200 with `expected` seconds of downtime (and a signature if `signed`).
func expectDowntime(port: Int, path: String, _ expected: Int64, signed: Bool = false, timeout: Int64 = 5) async throws {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(timeout))
    let body = try await response.body.collect(upTo: 1 << 20)
    let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    guard response.status == .ok, (object?["total_downtime_seconds"] as? NSNumber)?.int64Value == expected,
          !signed || object?["signature"] is String
    else {
        throw BenchmarkFailure(message: "\(path) answered \(response.status): \(String(buffer: body)), expected \(expected) s")
    }
}

struct WrkResult {
    var requestsPerSecond: Double
    var p50: Double
    var p99: Double
}

/// Runs `wrk -t2 -c32 -d<seconds>s --latency URL` and reads its figures; any non-2xx answer or socket
/// error is a failure (a benchmark of refusals would measure nothing).
func wrk(_ url: String, seconds: Int) throws -> WrkResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
    process.arguments = ["-t2", "-c32", "-d\(seconds)s", "--latency", url]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0, !output.contains("Non-2xx"), !output.contains("Socket errors"),
          let rate = field(output, after: "Requests/sec:").flatMap(Double.init),
          let p50 = field(output, after: "50%").flatMap(duration), let p99 = field(output, after: "99%").flatMap(duration)
    else { throw BenchmarkFailure(message: "wrk on \(url) failed:\n\(output)") }
    return WrkResult(requestsPerSecond: rate, p50: p50, p99: p99)
}

/// The word after `label` on the line of wrk's report that starts with it.
private func field(_ output: String, after label: String) -> String? {
    for line in output.split(separator: "\n") {
        let words = line.split(whereSeparator: \.isWhitespace)
        if words.count > 1, words[0] == label { return String(words[1]) }
    }
    return nil
}

/// wrk's durations: "812.00us", "1.23ms", "2.01s".
private func duration(_ text: String) -> Double? {
    for (suffix, scale) in [("us", 1e-6), ("ms", 1e-3), ("s", 1.0)] where text.hasSuffix(suffix) {
        return Double(text.dropLast(suffix.count)).map { $0 * scale }
    }
    return nil
}
