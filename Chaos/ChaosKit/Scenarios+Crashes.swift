import ArgusDemo
import Foundation

/// Process crashes: kill -9 of a random node or of the sequencer, again and again, while targets
/// flap and epochs settle.
extension ChaosContext {
    public func killNine(times: Int) async -> ScenarioResult {
        await run("kill -9", repetitions: times,
                  injected: "\(times) SIGKILLs, each of a random member or the sequencer at a random moment (0.3–1.5 s apart) while A and B flap and 10 s epochs settle; each restarted at once",
                  checked: "afterwards every node holds the identical log and the identical epoch reports; no event lost, duplicated or out of order; every scripted outage proven; nothing recorded for C, never down") { result in
            let (a, b, c) = (Self.a, Self.b, "0xNodeC789")
            var options = options(targets: [a, b, c], maxEventAge: 10)
            options.targetArguments = [a: ["--schedule", "up:5,down:3", "--repeat"], b: ["--schedule", "up:7,down:4", "--repeat"]]
            options.epoch = 10
            options.settlementWait = 2
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("kill-9"), options: options, proxied: false)
            defer { Task { await chaos.shutdown() } }
            let targetsStarted = Date()
            try await chaos.start()
            let loopStarted = Date()
            var kills: [String: Int] = [:]
            for _ in 0..<times {
                try await Task.sleep(for: .milliseconds(Int64.random(in: 300...1500, using: &random)))
                let victim = (chaos.names + ["sequencer"]).randomElement(using: &random)!
                kills[victim, default: 0] += 1
                if victim == "sequencer" {
                    chaos.cluster.stopSequencer(signal: SIGKILL)
                    try await chaos.cluster.startSequencer()
                } else {
                    chaos.cluster.stop(victim, signal: SIGKILL)
                    try await chaos.cluster.start(victim)
                }
            }
            let loopEnded = Date()
            // The flapping stops (up for good); then the replicas must agree.
            try await chaos.cluster.set(a, "up")
            try await chaos.cluster.set(b, "up")
            result.violations += await chaos.converged(chaos.names, addresses: [a, b, c], timeout: 120)
            // Epochs settle max_event_age after they end: wait for at least one settled everywhere.
            var (compared, reportViolations) = await chaos.sameReports(chaos.names)
            let deadline = Date().addingTimeInterval(60)
            while compared == 0, Date() < deadline {
                try await Task.sleep(for: .seconds(2))
                (compared, reportViolations) = await chaos.sameReports(chaos.names)
            }
            result.violations += reportViolations
            if compared == 0 { result.violations.append("no epoch was settled by every node") }
            if try await !chaos.events("Node1", c).events.isEmpty { result.violations.append("C, never down, has events") }
            // Every down phase of the schedules that lay wholly inside the loop is in the log.
            for (address, up, down) in [(a, 5.0, 3.0), (b, 7.0, 4.0)] {
                let log = try await chaos.events("Node1", address).events.filter { $0.state == "down" }.map { Double($0.timestamp) }
                var start = targetsStarted.timeIntervalSince1970 + up
                var missing: [Int64] = []
                while start + down < loopEnded.timeIntervalSince1970 {
                    if start > loopStarted.timeIntervalSince1970 + 2, !log.contains(where: { abs($0 - start) <= 3 }) { missing.append(Int64(start)) }
                    start += up + down
                }
                if !missing.isEmpty { result.violations.append("\(address): scripted outages at \(missing) are not in the log") }
                result.notes.append("\(address): \(log.count) outages proven")
            }
            result.notes.append("kills: " + kills.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                                + "; epochs compared: \(compared)")
            await chaos.shutdown()
        }
    }
}
