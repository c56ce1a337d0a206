import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusStore
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// A monitoring node, assembled: its store, its HTTP application (routes and every service of
/// its role), and the parts a test may want to look at.
public struct ArgusNodeApplication: Sendable {
    public let application: Application<RouterResponder<NodeRequestContext>>
    public let store: EventStore
    public let role: NodeRole
    /// What the node monitors now.
    public let targets: TargetSet
}

/// The composition root (Hummingbird's `buildApplication` style): everything `argus serve`
/// runs, built from a configuration, one clock and one HTTP transport (probes, peers, Zellular,
/// webhooks). Each driver gets exactly what it uses. Throws with a message naming the file or
/// key at fault.
///
/// - Parameters:
///   - configurationFile: the file `configuration` was read from: reloaded on SIGHUP, when it
///     changes, and on `POST /reload`.
///   - onListening: called with the bound port once the server listens.
public func buildNode(configuration: NodeConfiguration, configurationFile: String? = nil, clock: any WallClock = SystemClock(), transport http: HTTPClient,
                      logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
                      onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws(NodeStartError) -> ArgusNodeApplication {
    let store: EventStore
    do {
        store = try EventStore(directory: configuration.dataDirectory, clock: clock)
    } catch {
        throw NodeStartError(description: "cannot open the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
    }
    // The targets: configured, discovered (`targets_from`), and retired ones (history kept).
    let configuredAddresses = Set(configuration.targets.map(\.address))
    let known: Set<String>
    do {
        known = try await store.knownAddresses()
    } catch {
        throw NodeStartError(description: "cannot read the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
    }
    let targets = TargetSet(configured: configuration.targets, retired: known.subtracting(configuredAddresses))
    let references = References(targets: targets.targets)
    let checker = NetworkHealthChecker(httpClient: http, references: references)
    let discovery = TargetDiscovery(settings: configuration.discovery, targets: targets, http: http, clock: clock, logger: logger)
    // One bound on checks in flight: the monitor's and those `/state` asks for.
    let limiter = ConcurrencyLimiter(limit: configuration.maxConcurrentChecks)
    // The targets' state machines: the scheduler's and `/state`'s checks feed the same ones.
    let monitors = Monitors()
    let metrics = NodeMetrics()
    let settings = configuration.cluster ?? { var standalone = ClusterSettings(); standalone.mode = .standalone; return standalone }()
    let role: NodeRole
    do {
        role = try ClusterSetup.role(settings: settings, environment: environment)
    } catch {
        throw NodeStartError(description: error.description, exitCode: 2)
    }
    if role.registry != nil, !settings.requireProofsOfPossession {
        logger.warning("cluster.require_pop is false: a registry member without a proof of possession can forge a quorum with a rogue key")
    }
    // Notifications: every applied change, to the channels that hear its target (durable queue).
    var notifications: NotificationService?
    if !configuration.notifications.channels.isEmpty {
        var channels: [NotificationChannel] = []
        for channel in configuration.notifications.channels {
            do {
                channels.append(try channel.resolved())
            } catch {
                throw NodeStartError(description: error.description, exitCode: 2)
            }
        }
        notifications = NotificationService(channels: channels, routing: configuration.notifications.routing, store: store, http: http, clock: clock,
                                            logger: logger, node: configuration.cluster?.name)
    }

    var services: [any Service] = [discovery]
    var proposalTracker: ProposalService?
    let sink: any ObservationSink
    var cluster: NodeAPI.Cluster?
    let maintenance: MaintenanceService
    if case .standalone = role {
        sink = LocalLog(store: store, logger: logger)
        maintenance = MaintenanceService(store: store, log: nil, signer: nil, peers: nil, targets: targets, rules: settings.rules, clock: clock,
                                         logger: logger)
    } else {
        let log: any ZellularLog
        do {
            log = try await ClusterSetup.zellular(settings: settings.zellular, http: http)
        } catch {
            throw NodeStartError(description: error.description, exitCode: 2)
        }
        logger.info("cluster mode \(role.mode.rawValue) as \(role.signer?.member.name ?? "an unsigned replica"); Zellular gateway \(log.gateway)")
        let rules = settings.rules
        let peers = PeerClient(http: http, timeout: settings.peerTimeout)
        // One proposer per change among signing members (unsigned replicas have no `/state` to be
        // nudged through, and propose every change as stage 02 does).
        let order = settings.oneProposerPerChange
            ? role.signer.flatMap { ProposalOrder(members: $0.registry.nodes.map(\.name), me: $0.member.name, grace: rules.proposalGrace) } : nil
        let proposer: Proposer
        do {
            proposer = try await ProposalService.load(store: store, addresses: targets.addresses, rules: rules,
                                                      signsEvents: role.requiresProofs, order: order)
        } catch {
            throw NodeStartError(description: "cannot read the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
        }
        let proposals = ProposalService(proposer: proposer, signer: role.signer, peers: peers, store: store, clock: clock,
                                        logger: logger, metrics: metrics)
        sink = proposals
        if order != nil { services.append(proposals) }   // it hands waiting turns the time
        let admission = EventAdmission(rules: rules, addresses: targets.known, registry: role.registry,
                                       requiresProofs: role.requiresProofs)
        services.append(ReplicationService(store: store, log: log, app: settings.zellular.app, admission: admission, proposals: proposals,
                                           logger: logger, metrics: metrics, monitors: monitors,
                                           knownAddresses: { targets.known }))
        proposalTracker = proposals
        services.append(OutboxService(store: store, log: log, clock: clock, rules: rules, proposals: proposals, logger: logger))
        var attester: Attester?
        var downtime: DowntimeSigner?
        var epochs: EpochSettler?
        switch role {
        case let .attester(signer):
            attester = Attester(signer: signer, targets: targets, store: store, checker: checker, limiter: limiter, monitors: monitors, clock: clock, rules: rules,
                                proposals: proposals)
        case let .verifier(signer):
            attester = Attester(signer: signer, targets: targets, store: store, checker: checker, limiter: limiter, monitors: monitors, clock: clock, rules: rules,
                                proposals: proposals)
            downtime = DowntimeSigner(signer: signer, store: store, log: log, app: settings.zellular.app,
                                      settlement: Settlement(maxEventAge: rules.maxEventAge), peers: peers, metrics: metrics)
            if let settlement = configuration.settlement {
                epochs = try await settler(settlement, signer: signer, store: store, log: log, app: settings.zellular.app, rules: rules,
                                           addresses: { targets.addresses }, peers: peers, clock: clock, logger: logger, metrics: metrics)
                services.append(SettlementService(settler: epochs!, clock: clock, logger: logger))
            }
        case .standalone, .replica:
            break
        }
        cluster = NodeAPI.Cluster(status: ClusterStatus(role: role, app: settings.zellular.app, maxEventAge: rules.maxEventAge, log: log,
                                                        peers: peers),
                                  attester: attester, downtime: downtime, epochs: epochs)
        maintenance = MaintenanceService(store: store, log: log, signer: role.signer, peers: peers, targets: targets, rules: rules, clock: clock,
                                         logger: logger)
        services.append(maintenance)
    }
    if let notifications { services.append(notifications) }
    services.insert(MonitorService(targets: targets, store: store, checker: checker, clock: clock,
                                   limiter: limiter, logger: logger, sink: sink, metrics: metrics, monitors: monitors,
                                   checkFlushInterval: configuration.checkFlushInterval),
                    at: 0)
    // What else follows the target set: the references conditions read, the proposer's
    // knowledge of a new target's replicated state.
    services.append(TargetSetFollower(targets: targets, references: references, proposals: proposalTracker, cluster: cluster?.status,
                                      metrics: metrics, logger: logger))
    var reloader: ConfigurationReloader?
    if let configurationFile {
        let running = configuration
        reloader = ConfigurationReloader(path: configurationFile, logger: logger) { new in
            let change = targets.setConfigured(new.targets)
            discovery.update(new.discovery)
            return .init(targets: targets.count, change: change, needsRestart: running.keysNeedingRestart(new))
        }
        services.append(reloader!)
    }
    let api = NodeAPI(store: store, targets: targets, clock: clock, cluster: cluster, metrics: metrics,
                      admin: NodeAPI.Admin(reloader: reloader, discovery: discovery, maintenance: maintenance),
                      access: try adminAccess(configuration, environment: environment))
    let configuredPort = configuration.listenPort
    // Bounded per connection and in number: headers of at most 32 KB (16 KB a field, 100 fields),
    // bodies of 64 KB (`NodeRequestContext`), idle connections closed after 30 s, and at most
    // `max_connections` open at once (more wait in the listen backlog).
    var http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(30))
    http1.httpDecoder = .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)
    let application = Application(
        router: api.router(),
        server: .http1(configuration: http1),
        configuration: .init(address: .hostname(configuration.listenHost, port: configuration.listenPort), serverName: "argus",
                             availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
        services: services,
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuredPort) },
        logger: logger)
    logger.info("monitoring \(targets.count) targets; store at \(store.path)")
    return ArgusNodeApplication(application: application, store: store, role: role, targets: targets)
}

/// The admin token from `ARGUS_ADMIN_TOKEN` or `auth.token_file` (at least 16 characters).
func adminAccess(_ configuration: NodeConfiguration, environment: [String: String]) throws(NodeStartError) -> AccessControl {
    var token = environment["ARGUS_ADMIN_TOKEN"]
    if token == nil, let file = configuration.adminTokenFile {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw NodeStartError(description: "auth.token_file: cannot read \(file)", exitCode: 2)
        }
        token = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if let token, token.count < 16 {
        throw NodeStartError(description: "the admin token must be at least 16 characters (auth.token_file or ARGUS_ADMIN_TOKEN)", exitCode: 2)
    }
    return AccessControl(token: token, protectDashboard: configuration.protectDashboard)
}

/// The epoch settler of a verifiable node, its first epoch fixed in the store at its first start.
func settler(_ settings: SettlementSettings, signer: Signer, store: EventStore, log: any ZellularLog, app: String, rules: ClusterRules,
             addresses: @escaping @Sendable () -> [String], peers: PeerClient, clock: any WallClock, logger: Logger, metrics: NodeMetrics?) async throws(NodeStartError) -> EpochSettler {
    guard let schedule = EpochSchedule(length: settings.epochLength, maxEventAge: rules.maxEventAge) else {
        throw NodeStartError(description: "settlement.epoch must be at least \(EpochSchedule.minimumLength) s", exitCode: 2)
    }
    let first: UInt64
    do {
        first = try await store.settlementStart(proposed: schedule.epoch(containing: clock.now()))
    } catch {
        throw NodeStartError(description: "cannot read the store: \(error)", exitCode: 1)
    }
    logger.info("settling \(settings.epochLength) s epochs from epoch \(first); domain \(settings.domain)")
    return EpochSettler(signer: signer, store: store, log: log, app: app, schedule: schedule, domain: settings.domain, wait: settings.wait,
                        addresses: addresses, peers: peers, firstEpoch: first, logger: logger, metrics: metrics)
}

/// Why a node cannot start, and the exit code `argus serve` gives (1: the environment, e.g. the
/// store; 2: the configuration or the files it names).
public struct NodeStartError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var exitCode: Int32

    public init(description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }
}
