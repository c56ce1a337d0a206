import ArgumentParser
import ArgusDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a local verifiable cluster through a scripted outage and verify its downtime proofs.",
        discussion: """
            Starts an embedded Zellular sequencer, three monitoring nodes with fresh keys and proofs of \
            possession, and four simulated targets as separate processes on loopback; takes one target \
            down (503) and makes one hang; prints the replicated events as they are applied, then each \
            node's signed downtime and one aggregated proof per target, checked offline, and finally the \
            settled 10-second epoch that holds the outage: its Merkle root, its signers, and a verified \
            inclusion proof of a target that was down. Exit 0 when every proof verifies.
            """
    )

    @Option(name: .long, help: "Directory for the cluster's files (default: a new temporary directory).")
    var dir: String?

    @Flag(name: .long, help: "Leave the cluster running afterwards, settling an epoch every 10 s (stop with Ctrl-C).")
    var keepRunning = false

    func run() async throws {
        let directory = dir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("argus-demo-\(UUID().uuidString.prefix(8))")
        let argus = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var options = LocalCluster.Options()
        options.epoch = 10
        let cluster = LocalCluster(argus: argus, directory: directory, options: options)
        let demo = Demo(argus: argus, directory: directory, say: { say($0) })
        // Ctrl-C (or SIGTERM) at any point stops the whole cluster, not just this process.
        let (interrupts, interrupted) = AsyncStream.makeStream(of: Void.self)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { interrupted.yield() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let watcher = Task {
            for await _ in interrupts {
                say("interrupted: stopping the cluster")
                cluster.shutdown()
                Foundation.exit(130)
            }
        }
        defer { watcher.cancel() }
        let valid: Bool
        do {
            valid = try await demo.run(cluster: cluster)
        } catch {
            cluster.shutdown()
            throw CommandFailure(message: "demo failed: \(error) (logs in \(directory.path))", exitCode: 1)
        }
        if keepRunning {
            say("The cluster keeps running (Ctrl-C stops it):")
            for member in cluster.members { say("  \(member.name): dashboard \(member.url)/") }
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
        cluster.shutdown()
        guard valid else { throw CommandFailure(message: "some proofs did not verify (logs in \(directory.path))", exitCode: 1) }
    }
}
