import ArgusDemo
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging

/// `argus-bench fleet [--targets 1000,10000] [--seconds 60]`: a real `argus serve` process
/// monitoring N HTTP targets every 10 s (the default policy) for the given time, after a 15 s
/// warm-up. The targets are served by this process (one loopback server, a path per target,
/// 200 on every `GET`). Reported: the node's CPU share of one core (utime + stime from
/// /proc over the measured span), its peak RSS (VmHWM) and the checks it completed. In the same
/// run, the anchor: the same node writing every check at once (`check_flush_interval: 0`, one
/// fsync'd write per check, the behaviour before group commit).
func fleetBenchmark(_ options: Options) async throws {
    let counts = options.targets == [1_000, 10_000, 100_000] ? [1_000, 10_000] : options.targets
    let argus = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("argus")
    guard FileManager.default.isExecutableFile(atPath: argus.path) else {
        FileHandle.standardError.write(Data("fleet: no argus next to argus-bench (\(argus.path)); build it first\n".utf8))
        exit(2)
    }
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    let router = Router()
    router.get("/health/:target") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"up"}"#))) }
    let port = try freeLoopbackPort()
    let targets = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
    if !options.json {
        print("fleet: argus serve checking N HTTP targets every 10 s for \(options.seconds) s after a 15 s warm-up (release build)")
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await targets.runService() }
        defer { group.cancelAll() }
        for count in counts {
            var results: [(String, FleetRun)] = []
            for (name, flush) in [("grouped writes (1 s)", "1"), ("every check written (anchor)", "0")] {
                let run = try await fleetRun(argus: argus, targets: count, targetPort: port, flushInterval: flush, duration: options.seconds)
                results.append((name, run))
            }
            for (name, run) in results {
                if options.json {
                    let object: [String: Any] = ["benchmark": "fleet", "targets": count, "mode": name, "cpu_share": run.cpuShare,
                                                 "peak_rss_bytes": run.peakRSS, "checks_per_second": run.checksPerSecond,
                                                 "expected_checks_per_second": Double(count) / 10.5]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
                } else {
                    print(String(format: "%6d targets, %@ CPU %5.1f %% of a core   peak RSS %5.0f MB   %6.0f checks/s (expected %.0f)",
                                 count, name.padding(toLength: 30, withPad: " ", startingAt: 0) as NSString, run.cpuShare * 100,
                                 Double(run.peakRSS) / 1e6, run.checksPerSecond, Double(count) / 10.5))
                }
            }
        }
    }
}

struct FleetRun {
    var cpuShare: Double
    var peakRSS: Int
    var checksPerSecond: Double
}

func fleetRun(argus: URL, targets count: Int, targetPort: Int, flushInterval: String, duration: Int) async throws -> FleetRun {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("argus-bench-fleet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var yaml = """
        listen: 127.0.0.1:0
        data_dir: \(directory.appendingPathComponent("data").path)
        check_flush_interval: \(flushInterval)
        log_level: warning
        targets:

        """
    for index in 0..<count {
        yaml += "  - {address: \"\(String(format: "0x%040x", index + 1))\", url: \"http://127.0.0.1:\(targetPort)\", path: /health/\(index)}\n"
    }
    let config = directory.appendingPathComponent("argus.yml")
    try yaml.write(to: config, atomically: true, encoding: .utf8)
    let node = try ChildProcess(argus, ["serve", "--config", config.path])
    defer { node.stop() }
    let port = try await node.listeningPort()
    let pid = node.process.processIdentifier
    try await Task.sleep(for: .seconds(15))
    let (cpu0, checks0, wall0) = (try cpuSeconds(pid), try await completedChecks(port: port), ContinuousClock.now)
    try await Task.sleep(for: .seconds(duration))
    let (cpu1, checks1, wall1) = (try cpuSeconds(pid), try await completedChecks(port: port), ContinuousClock.now)
    let span = seconds(wall1 - wall0)
    return FleetRun(cpuShare: (cpu1 - cpu0) / span, peakRSS: try peakRSS(pid), checksPerSecond: Double(checks1 - checks0) / span)
}

/// utime + stime of `pid`, in seconds (fields 14 and 15 of /proc/PID/stat, in clock ticks).
func cpuSeconds(_ pid: Int32) throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    // The command name (field 2) may hold spaces: count from the closing parenthesis.
    let fields = stat[stat.range(of: ")", options: .backwards)!.upperBound...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
        throw BenchmarkFailure(message: "unreadable /proc/\(pid)/stat")
    }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The peak resident set of `pid` (VmHWM), in bytes.
func peakRSS(_ pid: Int32) throws -> Int {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { throw BenchmarkFailure(message: "no VmHWM in /proc/\(pid)/status") }
    return kilobytes * 1024
}

/// The checks the node has completed, all targets together (from `/targets`).
func completedChecks(port: Int) async throws -> Int {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/targets"), timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 30)
    guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
          let targets = object["targets"] as? [[String: Any]]
    else { throw BenchmarkFailure(message: "unreadable /targets") }
    return targets.reduce(0) { $0 + ((($1["checks"] as? NSNumber)?.intValue) ?? 0) }
}
