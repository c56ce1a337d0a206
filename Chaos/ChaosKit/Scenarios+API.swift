import ArgusDemo
import Foundation
import NIOCore
import NIOPosix

/// The HTTP API under abuse and under load.
extension ChaosContext {
    /// The resident set of `pid`, in bytes (VmRSS).
    func rss(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return kilobytes * 1024
    }

    public func fuzz(requests: Int) async -> ScenarioResult {
        await run("API fuzzing", repetitions: requests,
                  injected: "\(requests) requests generated from /openapi.yaml (every route; boundary, unicode and broken values; repeated and unknown parameters; random methods; oversized bodies and headers) at 16 at a time, then 300 slowloris connections",
                  checked: "no 5xx, the node never stops answering, its memory stays bounded; /health answers while slow clients hold connections") { result in
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("fuzz"), options: options(), proxied: false)
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await chaos.cluster.set(Self.a, "down")
            _ = await applied(chaos, chaos.names, Self.a, "down")
            guard let member = chaos.cluster.members.first, let pid = chaos.cluster.processIdentifier(of: member.name) else { throw ChaosFailure("no Node1") }
            let (_, document) = try await chaos.cluster.get(member.name, "/openapi.yaml")
            let fuzzer = try Fuzzer(port: member.port, document: document)
            let before = rss(pid)
            var statuses: [Int: Int] = [:]
            var noAnswer = 0
            var failures: [String] = []
            var peak = before
            var sent = 0
            while sent < requests {
                let window = (0..<min(16, requests - sent)).map { _ in fuzzer.request(using: &random) }
                let answers = await withTaskGroup(of: (Int, Int?).self) { group in
                    for (index, request) in window.enumerated() {
                        group.addTask { (index, await Fuzzer.send(request.bytes, host: "127.0.0.1", port: member.port)) }
                    }
                    var answers = [Int?](repeating: nil, count: window.count)
                    for await (index, status) in group { answers[index] = status }
                    return answers
                }
                for (request, status) in zip(window, answers) {
                    guard let status else { noAnswer += 1; continue }
                    statuses[status, default: 0] += 1
                    if status >= 500, failures.count < 10 { failures.append("\(status) for \(request.summary)") }
                }
                sent += window.count
                if sent % 2000 < 16 { peak = max(peak, rss(pid)) }
            }
            let after = rss(pid)
            peak = max(peak, after)
            let errors = statuses.filter { $0.key >= 500 }.values.reduce(0, +)
            if errors > 0 { result.violations.append("\(errors) answers were 5xx: \(failures)") }
            if !chaos.cluster.isRunning(member.name) { result.violations.append("the node died") }
            if peak > before + 128 << 20 { result.violations.append("memory grew from \(before >> 20) MB to \(peak >> 20) MB") }
            result.notes.append("statuses: " + statuses.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
                                + "; closed without an answer: \(noAnswer); RSS \(before >> 20) → \(after >> 20) MB (peak \(peak >> 20) MB)")

            // Slowloris: 300 connections that send a header line every 2 s and never finish.
            var slow: [any Channel] = []
            for _ in 0..<300 {
                if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: member.port).get() {
                    channel.writeAndFlush(ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: x\r\n"), promise: nil)
                    slow.append(channel)
                }
            }
            var latencies: [Double] = []
            for round in 0..<8 {
                for channel in slow { channel.writeAndFlush(ByteBuffer(string: "X-Slow-\(round): 1\r\n"), promise: nil) }
                let started = Date()
                let (status, _) = await get(member.url + "/health")
                latencies.append(Date().timeIntervalSince(started))
                if status != 200 { result.violations.append("/health answered \(status) while slow clients held 300 connections") }
                try await Task.sleep(for: .seconds(2))
            }
            for channel in slow { try? await channel.close() }
            result.notes.append(String(format: "/health under slowloris: worst %.0f ms", (latencies.max() ?? 0) * 1000))
            if !chaos.cluster.isRunning(member.name) { result.violations.append("the node died under slowloris") }
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b])
            await chaos.shutdown()
        }
    }

    public func load(seconds: Int = 20) async -> ScenarioResult {
        await run("load", repetitions: 1,
                  injected: "wrk -t2 -c16 -d\(seconds)s on a member's signed /downtime of a settled window, and /aggregate_downtime once a second, while each member checks 1,000 targets and A and B flap",
                  checked: "latency stays bounded (p50/p99 reported), no request fails, and no event is lost: identical logs with every scripted outage") { result in
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
                result.skipped = "wrk is not installed (apt-get install wrk)"
                return
            }
            var options = options(targets: [Self.a, Self.b], maxEventAge: 5)
            options.bulkTargets = 1000
            options.bulkInterval = 10
            options.targetArguments = [Self.a: ["--schedule", "up:4,down:3", "--repeat"], Self.b: ["--schedule", "up:6,down:3", "--repeat"]]
            let chaos = try ChaosCluster(argus: argus, directory: try scratch("load"), options: options, proxied: false)
            defer { Task { await chaos.shutdown() } }
            try await chaos.start()
            try await Task.sleep(for: .seconds(12))
            guard let member = chaos.cluster.members.first else { throw ChaosFailure("no Node1") }
            let now = Int64(Date().timeIntervalSince1970)
            let window = "address=\(Self.a)&from_timestamp=\(now - 12)&to_timestamp=\(now - 7)"
            // The window settles within seconds; the load starts once it is signed.
            var first = (0, "")
            let signed = await eventually(timeout: 30) {
                first = await self.get(member.url + "/downtime?" + window)
                return first.0 == 200
            }
            if !signed { throw ChaosFailure("the window was never signed: HTTP \(first.0) \(first.1.prefix(200))") }
            let wrk = Task { shell(["wrk", "-t2", "-c16", "-d\(seconds)s", "--latency", member.url + "/downtime?" + window]) }
            var proofs: [Double] = []
            var proofStatuses: [Int: Int] = [:]
            for _ in 0..<seconds {
                let started = Date()
                let (status, body) = await get(member.url + "/aggregate_downtime?" + window)
                proofs.append(Date().timeIntervalSince(started))
                proofStatuses[status, default: 0] += 1
                if status != 200, !result.notes.contains(where: { $0.hasPrefix("/aggregate_downtime \(status)") }) {
                    result.notes.append("/aggregate_downtime \(status): \(body.prefix(160))")
                }
                let sample = await get(member.url + "/downtime?" + window)
                if sample.0 != 200, !result.notes.contains(where: { $0.hasPrefix("/downtime \(sample.0)") }) {
                    result.notes.append("/downtime \(sample.0): \(sample.1.prefix(160))")
                }
                try await Task.sleep(for: .seconds(1))
            }
            let output = await wrk.value.output
            func figure(_ label: String) -> String {
                output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }.map {
                    $0.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
                } ?? "?"
            }
            let rate = output.split(separator: "\n").first { $0.hasPrefix("Requests/sec") }?.split(separator: " ").last.map(String.init) ?? "?"
            if output.contains("Non-2xx") || output.contains("Socket errors") {
                result.violations.append("wrk saw failures: " + output.split(separator: "\n").filter { $0.contains("Non-2xx") || $0.contains("Socket errors") }.joined(separator: "; "))
            }
            proofs.sort()
            result.notes.append("/downtime (signed, cached): \(rate) req/s, p50 \(figure("50%")), p99 \(figure("99%"))")
            result.notes.append(String(format: "/aggregate_downtime meanwhile: p50 %.0f ms, p99 %.0f ms, statuses %@", proofs[proofs.count / 2] * 1000,
                                       (proofs.last ?? 0) * 1000, proofStatuses.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")))
            if proofStatuses.keys.contains(where: { $0 >= 500 }) { result.violations.append("/aggregate_downtime answered 5xx") }
            try await chaos.cluster.set(Self.a, "up")
            try await chaos.cluster.set(Self.b, "up")
            result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b], timeout: 120)
            var proven = 0
            for address in [Self.a, Self.b] { proven += (try? await chaos.events("Node1", address))?.events.count ?? 0 }
            result.notes.append("\(proven) changes of A and B proven and applied on every node meanwhile")
            if proven < 4 { result.violations.append("the flapping targets produced only \(proven) proven changes") }
            await chaos.shutdown()
        }
    }
}
