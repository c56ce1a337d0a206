import ArgusCore
import ArgusDemo
import ArgusHTTP
import ArgusNode
import ArgusStore
import ArgusTestSupport
import AsyncHTTPClient
import Foundation

/// `argus-bench dashboard [--targets 10000]`: `/dashboard/summary` over real HTTP on loopback
/// from a node's API on a real SQLite store of N targets with 30 days of history (1 in 10 down
/// now, 0–4 changes each), read as the page reads it (50 per page, `Accept-Encoding: gzip`), and,
/// in the same run, the whole unpaginated, uncompressed summary the page read before: the anchor.
/// Median of 15 requests after one warm-up each; bytes are the body as it crossed the wire.
func dashboardBenchmark(_ options: Options) async throws {
    let counts = options.targets == [1_000, 10_000, 100_000] ? [10_000] : options.targets
    if !options.json { print("/dashboard/summary over loopback HTTP (release build; median of 15)") }
    for count in counts {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EventStore(directory: directory.path)
        let now = Int64(Date().timeIntervalSince1970)
        var rng = SeededGenerator(seed: UInt64(count))
        let addresses = (0..<count).map { String(format: "0x%040x", $0 + 1) }
        var changes: [StateChange] = []
        for (index, address) in addresses.enumerated() {
            var state = HealthState.up
            let times = Set((0..<Int.random(in: 0...4, using: &rng)).map { _ in now - Int64.random(in: 60...(30 * 86_400), using: &rng) }).sorted()
            for time in times {
                state = state.flipped
                changes.append(StateChange(address: address, state: state, timestamp: time))
            }
            if index.isMultiple(of: 10), state == .up { changes.append(StateChange(address: address, state: .down, timestamp: now - 30)) }
        }
        _ = try await store.append(contentsOf: changes)
        let targets = addresses.map { Target(address: $0, check: .tcp(host: "127.0.0.1", port: 1)) }
        let api = NodeAPI(store: store, targets: targets, clock: SystemClock())
        try await serving(api) { port in
            let http = HTTPClient.shared   // does not decompress: the bytes counted are the wire's
            func measure(_ path: String, gzip: Bool) async throws -> (seconds: Double, bytes: Int) {
                var times: [Double] = []
                var bytes = 0
                for run in 0..<16 {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                    if gzip { request.headers.add(name: "Accept-Encoding", value: "gzip") }
                    let started = ContinuousClock.now
                    let response = try await http.execute(request, timeout: .seconds(60))
                    let body = try await response.body.collect(upTo: 1 << 28)
                    if run > 0 { times.append(seconds(ContinuousClock.now - started)) }
                    bytes = body.readableBytes
                }
                return (median(times), bytes)
            }
            let paged = try await measure("/dashboard/summary?limit=50", gzip: true)
            let filtered = try await measure("/dashboard/summary?limit=50&state=down&q=0x00000000000000000000000000000000000001", gzip: true)
            let whole = try await measure("/dashboard/summary", gzip: false)
            if options.json {
                for (name, result) in [("page", paged), ("page_filtered", filtered), ("whole_uncompressed", whole)] {
                    let object: [String: Any] = ["benchmark": "dashboard_summary", "targets": count, "request": name,
                                                 "seconds": result.seconds, "bytes": result.bytes]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
                }
            } else {
                print(String(format: "%6d targets: the page (50, gzip) %@ %8d B; filtered (down, address) %@ %8d B; whole, uncompressed (anchor) %@ %9d B — %.0f× faster, %.0f× smaller",
                             count, format(paged.seconds) as NSString, paged.bytes, format(filtered.seconds) as NSString, filtered.bytes,
                             format(whole.seconds) as NSString, whole.bytes, whole.seconds / paged.seconds, Double(whole.bytes) / Double(paged.bytes)))
            }
        }
    }
}
