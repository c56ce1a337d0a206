import ArgumentParser
import ArgusCore
import ArgusHTTP
import ArgusNode
import ArgusStore
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a monitoring node: check the configured targets and answer downtime queries.",
        discussion: """
            Environment overrides: ARGUS_LISTEN (host:port) and ARGUS_DATA_DIR; the flags below \
            override both. On start the node prints "listening on http://HOST:PORT". \
            ARGUS_FAULT_CLOCK_OFFSET (seconds) sets the node's clock off, for fault-injection tests.
            """
    )

    @Option(name: .long, help: "The configuration file (YAML or JSON).")
    var config: String

    @Option(name: .long, help: "Listen address host:port (port 0 picks a free one).")
    var listen: String?

    @Option(name: .long, help: "Directory for the node's SQLite store.")
    var dataDir: String?

    @Option(name: .long, help: "Log level (default: the configuration's log_level, else info).")
    var logLevel: Logger.Level?

    func run() async throws {
        var configuration: NodeConfiguration
        do {
            configuration = try NodeConfiguration.load(file: config)
            try configuration.applyEnvironment(ProcessInfo.processInfo.environment)
            if let listen { try configuration.applyListen(listen, source: "command line", key: "--listen") }
        } catch {
            throw CommandFailure(message: error.description)
        }
        if let dataDir { configuration.dataDirectory = dataDir }

        var logger = Logger(label: "argus")
        logger.logLevel = logLevel ?? configuration.logLevel ?? .info
        var transport = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false))
        // A refused connection fails at once rather than being retried until the request's
        // timeout: a peer that is down is passed over in milliseconds (a proposal's failover),
        // and a probe of a closed port sees it refused, as a single check should.
        transport.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: transport)
        let host = configuration.listenHost
        let clock: SystemClock
        switch ProcessInfo.processInfo.environment["ARGUS_FAULT_CLOCK_OFFSET"] {
        case nil: clock = SystemClock()
        case let text?:
            guard let offset = Double(text), offset.isFinite, abs(offset) <= 86_400 else {
                try? await http.shutdown()
                throw CommandFailure(message: "ARGUS_FAULT_CLOCK_OFFSET must be a number of seconds in -86400...86400, got '\(text)'")
            }
            clock = SystemClock(offset: offset)
            logger.warning("fault injection: this node's clock is off by \(offset) s (ARGUS_FAULT_CLOCK_OFFSET)")
        }
        let node: ArgusNodeApplication
        do {
            node = try await buildNode(configuration: configuration, configurationFile: config, clock: clock, transport: http, logger: logger,
                                       onListening: { port in say("listening on http://\(host):\(port)") })
        } catch {
            try? await http.shutdown()
            throw CommandFailure(message: error.description, exitCode: error.exitCode)
        }
        do {
            try await node.application.runService()
        } catch {
            try? await http.shutdown()
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
        try await http.shutdown()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
