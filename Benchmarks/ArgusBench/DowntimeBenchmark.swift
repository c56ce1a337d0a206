import ArgusCore
import ArgusStore
import Foundation

func downtimeBenchmark(_ options: Options) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try EventStore(directory: directory.path)
    var timeline = Timeline(address: "0xNodeA123")
    var changes: [StateChange] = []
    changes.reserveCapacity(options.events)
    for index in 1...options.events {
        let change = StateChange(address: "0xNodeA123", state: index.isMultiple(of: 2) ? .up : .down, timestamp: Int64(index) * 10)
        changes.append(change)
        try timeline.append(change)
    }
    for start in stride(from: 0, to: changes.count, by: 100_000) {
        try await store.append(contentsOf: Array(changes[start..<min(start + 100_000, changes.count)]))
    }
    let end = Int64(options.events) * 10
    var rng = SystemRandomNumberGenerator()
    // Day-long windows (≈ 8 640 changes inside) and minute-long ones (≈ 6), spread over the history.
    let dayWindows = (0..<20).map { _ in Int64.random(in: 0...(end - 86_400), using: &rng) }.map { ($0, $0 + 86_400) }
    let minuteWindows = (0..<20).map { _ in Int64.random(in: 0...(end - 60), using: &rng) }.map { ($0, $0 + 60) }

    func timeStore(_ windows: [(Int64, Int64)], sqlite: Bool) async throws -> (Double, [Int64]) {
        var timings: [Double] = []
        var results: [Int64] = []
        for _ in 0..<5 {
            results = []
            for (from, to) in windows {
                let query = try DowntimeQuery(from: from, to: to)
                let started = ContinuousClock.now
                if sqlite {
                    results.append(try await store.storedDowntime(address: "0xNodeA123", query: query))
                } else {
                    results.append(try await store.downtime(address: "0xNodeA123", query: query))
                }
                timings.append(seconds(ContinuousClock.now - started))
            }
        }
        return (median(timings), results)
    }

    func timeTimeline(_ windows: [(Int64, Int64)]) throws -> Double {
        var timings: [Double] = []
        for _ in 0..<50 {
            for (from, to) in windows {
                let query = try DowntimeQuery(from: from, to: to)
                let started = ContinuousClock.now
                let total = timeline.downtime(for: query)
                timings.append(seconds(ContinuousClock.now - started))
                precondition(total >= 0)
            }
        }
        return median(timings)
    }

    func timeReference(_ windows: [(Int64, Int64)]) throws -> (Double, [Int64])? {
        let historyFile = directory.appendingPathComponent("history.json")
        let windowsFile = directory.appendingPathComponent("windows.json")
        let history = changes.map { ["state": $0.state.rawValue, "timestamp": $0.timestamp] as [String: Any] }
        try JSONSerialization.data(withJSONObject: history).write(to: historyFile)
        try JSONSerialization.data(withJSONObject: windows.map { [$0.0, $0.1] }).write(to: windowsFile)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reference_downtime.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, historyFile.path, windowsFile.path, "1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let results = object["results"] as? [Int], let median = object["median_seconds"] as? Double
        else { return nil }
        return (median, results.map(Int64.init))
    }

    if !options.json { print("downtime queries over \(options.events) changes (release build)") }
    for (label, windows) in [("1-day window", dayWindows), ("1-minute window", minuteWindows)] {
        let (storeTime, storeResults) = try await timeStore(windows, sqlite: true)
        let (indexTime, indexResults) = try await timeStore(windows, sqlite: false)
        let timelineTime = try timeTimeline(windows)
        let reference = try timeReference(windows)
        if let reference, reference.1 != storeResults || indexResults != storeResults {
            print("MISMATCH between Argus and the reference on \(label)s: \(storeResults), \(indexResults) vs \(reference.1)")
            exit(1)
        }
        report("downtime query, SQLite store, \(label)", argus: storeTime, anchor: reference?.0, anchorName: "reference", options: options)
        report("downtime query, store's index (served), \(label)", argus: indexTime, anchor: reference?.0, anchorName: "reference", options: options)
        report("downtime query, in-memory Timeline, \(label)", argus: timelineTime, anchor: reference?.0, anchorName: "reference", options: options)
    }

    // One durable append (fsync'd WAL commit) at the end of the long history.
    var appendTimings: [Double] = []
    var last = changes.last!
    for _ in 0..<50 {
        last = StateChange(address: last.address, state: last.state.flipped, timestamp: last.timestamp + 10)
        let started = ContinuousClock.now
        try await store.append(last)
        appendTimings.append(seconds(ContinuousClock.now - started))
    }
    report("append one change (durable commit)", argus: median(appendTimings), anchor: nil, anchorName: "", options: options)
}
