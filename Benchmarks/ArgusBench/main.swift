// Argus benchmarks, run in release builds (`make bench`). Each benchmark times Argus and its anchor
// in the same run and prints the ratio; `--json` prints one JSON object per benchmark instead.
//
//   argus-bench downtime [--events N] [--json]
//       Downtime queries over a history of N changes (default 1 000 000): Argus's SQLite store and
//       in-memory Timeline against the reference's calculate_downtime (Python, the anchor), on the
//       same windows, with the results cross-checked. Also single-append latency (fsync'd).
//
//   argus-bench zellular [--batches N] [--json]
//       Throughput of the embedded sequencer and the verifying client over loopback HTTP: N batches
//       sent concurrently until all are finalized (persisted and BN254-signed), then read back and
//       verified from index 0 — against an independent Python verifier (py_ecc + xxhash) checking
//       the same response, the anchor.
//
//   argus-bench settlement [--targets 1000,10000,100000] [--json]
//       Settling one epoch for each target count over a real SQLite store — downtimes, leaves,
//       Merkle tree, statement, signing, aggregation, the stored report — in CPU time, then
//       inclusion-proof generation and checking; the anchor is the independent Python verifier
//       (scripts/argus/verify_epoch.py) checking the same report and proofs.
//
//   argus-bench cluster [--nodes 3,7,15,31] [--changes K] [--json]
//       Real argus processes on loopback with one embedded sequencer and scripted outages, one
//       proposer per change against every member proposing (the reference's behaviour, the
//       anchor): per change, Zellular batches, /state requests, flip to applied on all nodes, and
//       CPU per node.
//
//   argus-bench dashboard [--targets 10000] [--json]
//       /dashboard/summary over loopback HTTP at N targets with 30 days of history: the page's
//       request (50 per page, gzip) against the whole unpaginated summary (the anchor).
//
//   argus-bench http [--json]
//       The HTTP ceiling under wrk (-t2 -c32, alternating 4 s rounds): /health and /downtime on one server, signed
//       /downtime for a settled window on a verifiable node, and the reference's FastAPI node on
//       the same history (the anchor).
//
//   argus-bench fleet [--targets 1000,10000] [--seconds 60] [--json]
//       A real argus serve process checking N HTTP targets every 10 s: CPU share of one core,
//       peak RSS and checks per second, with check results grouped (1 s) against every check
//       written at once (the anchor).
//
//   argus-bench ingest [--events N] [--json]
//       A replica verifying and applying N finalized quorum-proven events (default 2 000): a page
//       of 100 batches at a time with one multi-pairing and one transaction, against batch by
//       batch with one verification each (the anchor).
import Foundation

struct Options {
    var events = 1_000_000
    var batches = 5_000
    var targets = [1_000, 10_000, 100_000]
    var nodes = [3, 7, 15, 31]
    var changes = 6
    var seconds = 60
    var json = false
    var command = "downtime"

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--events": events = iterator.next().flatMap { Int($0) } ?? events
            case "--batches": batches = iterator.next().flatMap { Int($0) } ?? batches
            case "--targets": targets = iterator.next().map { $0.split(separator: ",").compactMap { Int($0) } } ?? targets
            case "--nodes": nodes = iterator.next().map { $0.split(separator: ",").compactMap { Int($0) } } ?? nodes
            case "--changes": changes = iterator.next().flatMap { Int($0) } ?? changes
            case "--seconds": seconds = iterator.next().flatMap { Int($0) } ?? seconds
            case "--json": json = true
            default: command = argument
            }
        }
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
    return String(format: "%.2f s", seconds)
}

func report(_ name: String, argus: Double, anchor: Double?, anchorName: String, options: Options) {
    if options.json {
        var object: [String: Any] = ["benchmark": name, "argus_seconds": argus]
        if let anchor { object["anchor"] = anchorName; object["anchor_seconds"] = anchor; object["ratio"] = argus / anchor }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    } else if let anchor {
        let speed = anchor >= argus ? String(format: "%.0f× faster", anchor / argus) : String(format: "%.1f× slower", argus / anchor)
        print("\(name.padding(toLength: 50, withPad: " ", startingAt: 0)) \(format(argus).leftPadded(10))   "
            + "\(anchorName) \(format(anchor).leftPadded(10))   ratio \(String(format: "%.2e", argus / anchor)) (\(speed))")
    } else {
        print("\(name.padding(toLength: 50, withPad: " ", startingAt: 0)) \(format(argus).leftPadded(10))")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

let options = Options(CommandLine.arguments)
let benchmarks: [String: (Options) async throws -> Void] = [
    "downtime": downtimeBenchmark, "zellular": zellularBenchmark, "settlement": settlementBenchmark,
    "cluster": clusterBenchmark, "dashboard": dashboardBenchmark, "http": httpBenchmark,
    "fleet": fleetBenchmark, "ingest": ingestBenchmark,
]
guard let benchmark = benchmarks[options.command] else {
    FileHandle.standardError.write(Data("unknown benchmark \(options.command); available: \(benchmarks.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
do {
    try await benchmark(options)
} catch {
    // A benchmark that cannot run says why and exits non-zero (no figure is printed for it).
    FileHandle.standardError.write(Data("argus-bench \(options.command): \(error)\n".utf8))
    exit(1)
}
