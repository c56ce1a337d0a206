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
        let target = SimulatedTarget(initial: state, schedule: plan)
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
