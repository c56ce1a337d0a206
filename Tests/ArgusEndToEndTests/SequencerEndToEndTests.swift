import ArgusProcessSupport
import ArgusTestSupport
import Foundation
import Testing

/// `argus sequencer` and `argus zellular` as separate processes on loopback, with a `kill -9` in between.
@Suite(.serialized)
struct SequencerEndToEndTests {
    func zellular(_ arguments: [String]) throws -> (status: Int32, lines: [String], stderr: String) {
        let result = try runCommand(try Executables.argus, ["zellular"] + arguments)
        return (result.status, result.stdout.split(separator: "\n").map(String.init), result.stderr)
    }

    @Test func sendTailKillRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let data = directory.url.appendingPathComponent("seq").path
        let network = data + "/nodes.json"
        var sequencer = try ChildProcess(try Executables.argus, ["sequencer", "--listen", "127.0.0.1:0", "--data", data])
        _ = try await sequencer.listeningPort()
        let app = ["--network", network, "--app", "downtime-monitoring"]
        for body in ["one", #"[{"address": "0xNodeA123", "state": "down", "timestamp": 1714130000}]"#, "three"] {
            #expect(try zellular(["send"] + app + [body]).status == 0)
        }
        let tail = try zellular(["tail"] + app + ["--count", "3"])
        #expect(tail.status == 0)
        #expect(tail.lines.count == 3)
        #expect(tail.lines.first?.hasPrefix(#"{"index":1,"timestamp":"#) == true)
        #expect(tail.lines.last?.hasSuffix(#","body":"three"}"#) == true)

        sequencer.kill(SIGKILL)
        sequencer.process.waitUntilExit()
        sequencer = try ChildProcess(try Executables.argus, ["sequencer", "--listen", "127.0.0.1:0", "--data", data])
        _ = try await sequencer.listeningPort()
        #expect(try zellular(["send"] + app + ["four"]).status == 0)
        let resumed = try zellular(["tail"] + app + ["--after", "2", "--count", "2"])
        #expect(resumed.lines.map { $0.contains(#""index":3"#) || $0.contains(#""index":4"#) } == [true, true])
        #expect(resumed.lines.last?.hasSuffix(#","body":"four"}"#) == true)
        #expect(sequencer.stop() == 0)

        let missing = try zellular(["tail", "--network", directory.url.appendingPathComponent("none.json").path, "--app", "x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read"))
        for sources in [[], ["--network", network, "--subgraph", "http://127.0.0.1:9/"]] {
            let usage = try zellular(["tail", "--app", "x"] + sources)
            #expect(usage.status == 2)
            #expect(usage.stderr.contains("pass exactly one of --network FILE and --subgraph URL"))
        }
        // The sequencer is gone: no gateway to choose (exit 1, with the reason).
        let stopped = try zellular(["tail"] + app)
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("no active operators found"), "\(stopped.stderr)")
        let unreachable = try zellular(["tail", "--subgraph", "http://127.0.0.1:9/graphql", "--app", "x"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("choosing a gateway: the subgraph at http://127.0.0.1:9/graphql is unreachable"), "\(unreachable.stderr)")
    }
}
