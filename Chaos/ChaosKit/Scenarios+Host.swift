import ArgusDemo
import AsyncHTTPClient
import Foundation
import NIOCore

/// Faults of the host: a disk that fills up or turns read-only, a clock that is off.
extension ChaosContext {
    public func diskFull() async -> ScenarioResult {
        await run("disk full, read-only", repetitions: 2,
                  injected: "a standalone node's data directory on a 4 MB tmpfs filled to the last byte while A goes down; then the directory remounted read-only and the node restarted on it",
                  checked: "the node acknowledges nothing it cannot store, /health says so (503, the store's error), the change is stored, stamped at its first observation, once space returns; on a read-only directory it refuses to start with the reason; the file is never corrupted") { result in
            let directory = try scratch("disk-full")
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let mount = shell(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", data.path])
            guard mount.status == 0 else {
                result.skipped = "cannot mount a tmpfs here (\(mount.output.trimmingCharacters(in: .whitespacesAndNewlines)))"
                return
            }
            defer { _ = shell(["umount", "-l", data.path]) }
            let target = try ChildProcess(argus, ["target", "--port", "0"])
            let targetPort = try await target.listeningPort()
            let config = directory.appendingPathComponent("argus.yml")
            try """
                listen: 127.0.0.1:0
                data_dir: data
                defaults: {interval: 0.5, retry_interval: 0.25, timeout: 0.5, failures_before_down: 2}
                targets: [{address: "\(Self.a)", url: "http://127.0.0.1:\(targetPort)"}]
                """.write(to: config, atomically: true, encoding: .utf8)
            let node = try ChildProcess(argus, ["serve", "--config", config.path], log: directory.appendingPathComponent("node.log"))
            let base = "http://127.0.0.1:\(try await node.listeningPort())"
            defer { _ = node.stop(); _ = target.stop() }
            try await Task.sleep(for: .seconds(2))
            func control(_ state: String) async throws {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(targetPort)/control")
                request.method = .POST
                request.body = .bytes(ByteBuffer(string: #"{"state": "\#(state)"}"#))
                _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
            }
            struct Events: Decodable { struct Event: Decodable { var state: String; var timestamp: Double }; var events: [Event] }
            func log() async -> [Events.Event] {
                let (_, body) = await get(base + "/events?address=\(Self.a)")
                return (try? JSONDecoder().decode(Events.self, from: Data(body.utf8)))?.events ?? []
            }
            func events() async -> [String] { await log().map(\.state) }

            // 1. Full: fill the tmpfs, then A goes down.
            let junk = data.appendingPathComponent("junk")
            _ = shell(["sh", "-c", "dd if=/dev/zero of=\(junk.path) bs=64k 2>/dev/null; sync"])
            let downAt = Date().timeIntervalSince1970
            try await control("down")
            let degraded = await eventually(timeout: 15) { await self.get(base + "/health").0 == 503 }
            let (_, health) = await get(base + "/health")
            if !degraded || !health.contains("store_error") { result.violations.append("/health did not report the full disk: \(health.prefix(300))") }
            if await events().contains("down") { result.violations.append("the down change was acknowledged while it could not be stored") }
            try FileManager.default.removeItem(at: junk)
            let recovered = await eventually(timeout: 20) {
                let healthy = await self.get(base + "/health").0 == 200
                let stored = await events()
                return healthy && stored == ["down"]
            }
            if !recovered { result.violations.append("no recovery once space returned (events: \(await events()))") }
            if let stamp = await log().first?.timestamp, stamp > downAt + 3 {
                result.violations.append("the change was stamped when it was written (\(Int(stamp))), not when first seen (\(Int(downAt)))")
            }
            result.notes.append("full disk: /health answered 503 with \(health.contains("No space left") || health.contains("full") ? "the disk-full error" : "the store's error")")

            // 2. Read-only: a node cannot start on a read-only data directory, says why and exits;
            // once writable again it starts with its log intact. (A mount with files open for
            // writing cannot be remounted read-only, so this is the restart case.)
            _ = node.stop()
            let remount = shell(["mount", "-o", "remount,ro", data.path])
            if remount.status != 0 { result.violations.append("cannot remount read-only: \(remount.output)") }
            let refused = try ChildProcess(argus, ["serve", "--config", config.path], log: directory.appendingPathComponent("node-ro.log"))
            refused.process.waitUntilExit()
            let message = (try? String(contentsOf: directory.appendingPathComponent("node-ro.log"), encoding: .utf8)) ?? ""
            if refused.process.terminationStatus != 1 || !message.contains("cannot open the store in") {
                result.violations.append("on a read-only directory the node exited \(refused.process.terminationStatus): \(message.suffix(300))")
            }
            result.notes.append("read-only: exit \(refused.process.terminationStatus), \"\(message.split(separator: "\n").last.map { String($0.suffix(120)) } ?? "")\"")
            _ = shell(["mount", "-o", "remount,rw", data.path])
            let again = try ChildProcess(argus, ["serve", "--config", config.path], log: directory.appendingPathComponent("node-2.log"))
            let againBase = "http://127.0.0.1:\(try await again.listeningPort())"
            let (_, kept) = await get(againBase + "/events?address=\(Self.a)")
            if !kept.contains(#""state":"down""#) { result.violations.append("after the restart the log lost the down change: \(kept.prefix(200))") }
            _ = again.stop()
            let integrity = shell(["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])",
                                   data.appendingPathComponent("argus.sqlite").path])
            if integrity.output.trimmingCharacters(in: .whitespacesAndNewlines) != "ok" {
                result.violations.append("SQLite integrity_check: \(integrity.output)")
            }
        }
    }

    public func clockSkew(offsets: [Int] = [1, -1, 5, -5, 60, -60]) async -> ScenarioResult {
        await run("clock skew", repetitions: offsets.count,
                  injected: "Node3's wall clock off by \(offsets.map { ($0 > 0 ? "+" : "") + "\($0) s" }.joined(separator: ", ")) (ARGUS_FAULT_CLOCK_OFFSET) while A goes down and up",
                  checked: "Node1 and Node2 prove every change; within the tolerance (a signed timestamp at most 10 s behind the signer's clock, 2 s ahead, and vouched only once observed) Node3 signs as before; beyond it Node3's timestamps are refused by its peers and theirs by Node3, with the reason; nothing false is recorded (B has no event) and every log is identical") { result in
            for offset in offsets {
                var options = options()
                options.environment = ["Node3": ["ARGUS_FAULT_CLOCK_OFFSET": String(offset)]]
                let chaos = try ChaosCluster(argus: argus, directory: try scratch("clock-skew\(offset)"), options: options, proxied: false)
                try await chaos.start()
                try await Task.sleep(for: .seconds(2))
                let label = (offset > 0 ? "+" : "") + "\(offset) s"
                var signed: [Bool] = []
                for state in ["down", "up"] {
                    try await chaos.cluster.set(Self.a, state)
                    if !(await applied(chaos, ["Node1", "Node2"], Self.a, state)) { result.violations.append("\(label): A \(state) not proven") }
                    signed.append(!(try await nonSigners(chaos, "Node1", Self.a)).contains("Node3"))
                }
                // Both directions of one fresh timestamp: Node1's time asked of Node3, Node3's of Node1.
                let now = Int64(Date().timeIntervalSince1970)
                let asked = try await chaos.cluster.get("Node3", "/state?address=\(Self.a)&timestamp=\(now)")
                let asking = try await chaos.cluster.get("Node1", "/state?address=\(Self.a)&timestamp=\(now + Int64(offset))")
                func reason(_ answer: (status: Int, body: String)) -> String {
                    answer.status == 200 ? "signed" : "\(answer.status) \((try? JSONDecoder().decode([String: String].self, from: Data(answer.body.utf8)))?["detail"] ?? answer.body)"
                }
                result.violations += await chaos.converged(chaos.names, addresses: [Self.a, Self.b]).map { "\(label): \($0)" }
                if let b = try? await chaos.events("Node1", Self.b), !b.events.isEmpty { result.violations.append("\(label): B has \(b.events.count) false events") }
                result.notes.append("\(label): Node3 signed \(signed.filter { $0 }.count) of 2 changes; Node3 asked at Node1's time: \(reason(asked)); Node1 asked at Node3's time: \(reason(asking))")
                // A clock ahead answers for timestamps in its past, from its history: within the
                // 10 s drift it signs as before. A clock behind is asked about its future, which no
                // node signs beyond 2 s, and about seconds it has not observed yet (measured, below).
                if offset > 0, offset <= 5, signed.contains(false) { result.violations.append("\(label): within the tolerance Node3 did not sign every change") }
                if abs(offset) >= 60 {
                    if signed.contains(true) { result.violations.append("\(label): Node3 signed beyond the tolerance") }
                    if asked.status == 200 || asking.status == 200 { result.violations.append("\(label): a timestamp \(abs(offset)) s off was signed") }
                }
                await chaos.shutdown()
            }
        }
    }
}
