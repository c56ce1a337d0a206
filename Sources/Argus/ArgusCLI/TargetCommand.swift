import ArgumentParser
import ArgusSimulator
import Foundation
import Hummingbird

struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Run a simulated monitored node: GET /health answers 200 (up), 503 (down) or nothing (hang).",
        discussion: """
            Switch it at run time with POST /control {"state": "up" | "down" | "hang"} (this replaces \
            the schedule), or script it with --schedule up:20,down:10,up:30 (seconds; the last state \
            holds at the end unless --repeat). Prints "listening on http://HOST:PORT" when ready.

            It also serves EigenLayer's node API (GET /eigen/node, /eigen/node/health: 200, 206 or 503 \
            as --eigen says; /eigen/node/services) and a chain head, GET /status \
            {"block_number": N, "syncing": false}, advancing --blocks-per-second from --height. \
            POST /control {"eigen": "partial"} or {"chain": "stall" | "advance"} switches them.
            """
    )

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: Int = 8001

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Initial state: up, down or hang.")
    var state: SimulatedHealth = .up

    @Option(name: .long, help: "Scripted states, e.g. up:20,down:10,up:30.")
    var schedule: String?

    @Flag(name: .long, help: "Start the schedule over when it ends.")
    var `repeat` = false

    @Option(name: .long, help: "The node API's health: healthy (200), partial (206) or unhealthy (503).")
    var eigen: SimulatedNodeAPI = .healthy

    @Option(name: .long, help: "The chain head's height at start (GET /status).")
    var height: Int = 1_000

    @Option(name: .long, help: "How fast the chain head advances (0: stalled).")
    var blocksPerSecond: Double = 1

    func run() async throws {
        guard (0...65535).contains(port) else { throw CommandFailure(message: "--port must be in 0...65535, got \(port)") }
        var plan: HealthSchedule?
        if let schedule {
            do {
                plan = try HealthSchedule(parsing: schedule, repeats: `repeat`)
            } catch {
                throw CommandFailure(message: "--schedule: \(error.description)")
            }
        }
        guard height >= 0, blocksPerSecond >= 0, blocksPerSecond.isFinite else {
            throw CommandFailure(message: "--height and --blocks-per-second must be non-negative")
        }
        let target = SimulatedTarget(initial: state, schedule: plan, nodeAPI: eigen,
                                     chain: SimulatedChain(start: Double(height), blocksPerSecond: blocksPerSecond))
        let host = self.host
        let app = Application(
            router: target.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "argus-target"),
            onServerRunning: { channel in
                say("listening on http://\(host):\(channel.localAddress?.port ?? 0)")
            })
        do {
            try await app.runService()
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
    }
}

extension SimulatedHealth: ExpressibleByArgument {}
extension SimulatedNodeAPI: ExpressibleByArgument {}
