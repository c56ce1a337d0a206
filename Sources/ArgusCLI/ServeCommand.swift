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
            override both. On start the node prints "listening on http://HOST:PORT".
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
        let store: EventStore
        do {
            store = try EventStore(directory: configuration.dataDirectory)
        } catch {
            throw CommandFailure(message: "cannot open the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
        }

        let httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(redirectConfiguration: .follow(max: 5, allowCycles: false)))
        let checker = NetworkHealthChecker(httpClient: httpClient)
        let metrics = NodeMetrics()
        let webhooks = configuration.webhooks.isEmpty ? nil
            : WebhookService(webhooks: configuration.webhooks, http: httpClient, logger: logger, node: configuration.cluster?.name)
        var cluster: ClusterNode?
        var services: [any Service] = []
        if let settings = configuration.cluster, settings.mode != .standalone {
            do {
                cluster = try await ClusterNode.start(settings: settings, targets: configuration.targets, store: store, checker: checker,
                                                      http: httpClient, logger: logger, metrics: metrics)
            } catch {
                try? await httpClient.shutdown()
                throw CommandFailure(message: error.description)
            }
            services += [ReplicationService(cluster: cluster!, webhooks: webhooks), OutboxService(cluster: cluster!)]
        }
        if let webhooks { services.append(webhooks) }
        let monitor = MonitorService(
            targets: configuration.targets, store: store, checker: checker,
            maxConcurrentChecks: configuration.maxConcurrentChecks, logger: logger,
            sink: cluster.map { $0 as any ObservationSink } ?? LocalLog(store: store, logger: logger, webhooks: webhooks), metrics: metrics)
        services.insert(monitor, at: 0)
        let api = NodeAPI(store: store, targets: configuration.targets, cluster: cluster, metrics: metrics)
        let host = configuration.listenHost
        let configuredPort = configuration.listenPort
        let app = Application(
            router: api.router(),
            configuration: .init(address: .hostname(host, port: configuration.listenPort), serverName: "argus"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuredPort
                say("listening on http://\(host):\(port)")
            },
            logger: logger)
        logger.info("monitoring \(configuration.targets.count) targets; store at \(store.path)")
        do {
            try await app.runService()
        } catch {
            try? await httpClient.shutdown()
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
        try await httpClient.shutdown()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
