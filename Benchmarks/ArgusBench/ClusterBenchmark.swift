import ArgusDemo
import AsyncHTTPClient
import Foundation

/// `argus-bench cluster --nodes 3,7,15,31 [--changes K]`: real `argus` processes on loopback
/// (`LocalCluster`: one embedded sequencer, simulated targets), each cluster size run twice in
/// the same run: one proposer per change (`proposers: one`, the default) and every member
/// proposing (`proposers: all`, the reference's behaviour: the anchor). K scripted changes
/// (targets going down, then up, one at a time); per change: Zellular batches, `/state` requests
/// served (all nodes), the time from the target's flip to the event applied on every node, and
/// the nodes' CPU.
func clusterBenchmark(_ options: Options) async throws {
    let argus = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("argus")
    guard FileManager.default.isExecutableFile(atPath: argus.path) else {
        FileHandle.standardError.write(Data("cluster: no argus next to argus-bench (\(argus.path)); build it first\n".utf8))
        exit(2)
    }
    if !options.json {
        print("cluster: \(options.changes) changes per run; checks every 0.5 s, down after 2 failures 0.25 s apart; flip→applied bounds confirmation→applied from above")
        print("nodes  proposers  batches/change  /state per change (2N)  flip→applied on all: median / max  CPU per node (mean, max)")
    }
    for nodes in options.nodes {
        for proposers in ["one", "all"] {
            let run = try await clusterRun(argus: argus, nodes: nodes, proposers: proposers, changes: options.changes)
            if options.json {
                let object: [String: Any] = [
                    "benchmark": "cluster", "nodes": nodes, "proposers": proposers, "changes": options.changes,
                    "batches_per_change": run.batchesPerChange, "state_requests_per_change": run.stateRequestsPerChange,
                    "applied_on_all_median_seconds": median(run.latencies), "applied_on_all_max_seconds": run.latencies.max() ?? 0,
                    "cpu_per_node_mean": run.cpuMean, "cpu_per_node_max": run.cpuMax, "unapplied": run.unapplied,
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print(String(format: "%5d  %-9@  %14.2f  %12.1f (%3d)            %6.2f s / %5.2f s           %4.1f %%, %4.1f %%%@",
                             nodes, proposers as NSString, run.batchesPerChange, run.stateRequestsPerChange, 2 * nodes,
                             median(run.latencies), run.latencies.max() ?? 0, run.cpuMean * 100, run.cpuMax * 100,
                             (run.unapplied > 0 ? "   \(run.unapplied) changes NOT applied on all within 30 s" : "") as NSString))
            }
        }
    }
}

struct ClusterRun {
    var batchesPerChange: Double
    var stateRequestsPerChange: Double
    var latencies: [Double]
    var cpuMean: Double
    var cpuMax: Double
    var unapplied: Int
}

func clusterRun(argus: URL, nodes: Int, proposers: String, changes: Int) async throws -> ClusterRun {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("argus-bench-cluster-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var options = LocalCluster.Options()
    options.nodes = nodes
    options.targets = ["0xBench1", "0xBench2", "0xBench3"]
    options.maxEventAge = 30
    options.proposers = proposers
    let cluster = LocalCluster(argus: argus, directory: directory, options: options)
    defer { cluster.shutdown() }
    try await cluster.prepare()
    try await cluster.startAll()
    let names = cluster.members.map(\.name)
    try await Task.sleep(for: .seconds(2))

    let batchesBefore = try await cluster.lastFinalizedIndex()
    let stateBefore = try await stateRequests(cluster, names)
    let cpuBefore = names.map { cpuSeconds(cluster.processIdentifier(of: $0)) }
    let started = Date()
    var latencies: [Double] = []
    var unapplied = 0
    for index in 0..<changes {
        let address = options.targets[index % options.targets.count]
        let state = (index / options.targets.count) % 2 == 0 ? "down" : "up"
        let flipped = Date()
        try await cluster.set(address, state)
        let deadline = flipped.addingTimeInterval(30)
        var done = false
        while !done, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            done = true
            for name in names where try await appliedState(cluster, name, address) != state {
                done = false
                break
            }
        }
        if done { latencies.append(Date().timeIntervalSince(flipped)) } else { unapplied += 1 }
        // In-flight second proposals, if any, land before the next change.
        try await Task.sleep(for: .seconds(2))
    }
    let wall = Date().timeIntervalSince(started)
    let batches = try await cluster.lastFinalizedIndex() - batchesBefore
    let stateCalls = try await stateRequests(cluster, names) - stateBefore
    let cpu = zip(names, cpuBefore).map { (cpuSeconds(cluster.processIdentifier(of: $0.0)) - $0.1) / wall }
    return ClusterRun(batchesPerChange: Double(batches) / Double(changes), stateRequestsPerChange: stateCalls / Double(changes),
                      latencies: latencies.isEmpty ? [0] : latencies, cpuMean: cpu.reduce(0, +) / Double(cpu.count),
                      cpuMax: cpu.max() ?? 0, unapplied: unapplied)
}

func appliedState(_ cluster: LocalCluster, _ node: String, _ address: String) async throws -> String? {
    struct Events: Decodable { var state: String }
    let (status, body) = try await cluster.get(node, "/events?address=\(address)&limit=1")
    return status == 200 ? try? JSONDecoder().decode(Events.self, from: Data(body.utf8)).state : nil
}

/// `/state` requests the nodes answered (`argus_state_requests_total`, every outcome).
func stateRequests(_ cluster: LocalCluster, _ names: [String]) async throws -> Double {
    var total = 0.0
    for name in names {
        for line in try await cluster.get(name, "/metrics").body.split(separator: "\n") where line.hasPrefix("argus_state_requests_total") {
            total += line.split(separator: " ").last.flatMap { Double($0) } ?? 0
        }
    }
    return total
}

/// User and system CPU time of a process so far (`/proc/<pid>/stat`), in seconds.
func cpuSeconds(_ pid: Int32?) -> Double {
    guard let pid, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After the command: state is field 3, utime 14 and stime 15 (proc(5)).
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
