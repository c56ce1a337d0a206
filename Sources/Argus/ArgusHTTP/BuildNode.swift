import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusStore
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A monitoring node, assembled: its store, its HTTP application (routes and every service of
/// its role), and the parts a test may want to look at.
public struct ArgusNodeApplication: Sendable {
    public let application: Application<RouterResponder<NodeRequestContext>>
    public let store: EventStore
    public let role: NodeRole
}

/// The composition root (Hummingbird's `buildApplication` style): everything `argus serve`
/// runs, built from a configuration, one clock and one HTTP transport (probes, peers, Zellular,
/// webhooks). Each driver gets exactly what it uses. Throws with a message naming the file or
/// key at fault.
///
/// - Parameter onListening: called with the bound port once the server listens.
public func buildNode(configuration: NodeConfiguration, clock: any WallClock = SystemClock(), transport http: HTTPClient,
                      logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
                      onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws(NodeStartError) -> ArgusNodeApplication {
    let store: EventStore
    do {
        store = try EventStore(directory: configuration.dataDirectory, clock: clock)
    } catch {
        throw NodeStartError(description: "cannot open the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
    }
    let targets = configuration.targets
    let checker = NetworkHealthChecker(httpClient: http)
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
    let webhooks = configuration.webhooks.isEmpty ? nil
        : WebhookService(webhooks: configuration.webhooks, http: http, logger: logger, node: configuration.cluster?.name)

    var services: [any Service] = []
    let sink: any ObservationSink
    var cluster: NodeAPI.Cluster?
    if case .standalone = role {
        sink = LocalLog(store: store, logger: logger, webhooks: webhooks)
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
            proposer = try await ProposalService.load(store: store, addresses: targets.map(\.address), rules: rules,
                                                      signsEvents: role.requiresProofs, order: order)
        } catch {
            throw NodeStartError(description: "cannot read the store in \(configuration.dataDirectory): \(error)", exitCode: 1)
        }
        let proposals = ProposalService(proposer: proposer, signer: role.signer, peers: peers, store: store, clock: clock,
                                        logger: logger, metrics: metrics)
        sink = proposals
        if order != nil { services.append(proposals) }   // it hands waiting turns the time
        let admission = EventAdmission(rules: rules, addresses: Set(targets.map(\.address)), registry: role.registry,
                                       requiresProofs: role.requiresProofs)
        services.append(ReplicationService(store: store, log: log, app: settings.zellular.app, admission: admission, proposals: proposals,
                                           webhooks: webhooks, logger: logger, metrics: metrics, monitors: monitors))
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
                                           addresses: targets.map(\.address), peers: peers, clock: clock, logger: logger, metrics: metrics)
                services.append(SettlementService(settler: epochs!, clock: clock, logger: logger))
            }
        case .standalone, .replica:
            break
        }
        cluster = NodeAPI.Cluster(status: ClusterStatus(role: role, app: settings.zellular.app, maxEventAge: rules.maxEventAge, log: log,
                                                        peers: peers),
                                  attester: attester, downtime: downtime, epochs: epochs)
    }
    if let webhooks { services.append(webhooks) }
    services.insert(MonitorService(targets: targets, store: store, checker: checker, clock: clock,
                                   limiter: limiter, logger: logger, sink: sink, metrics: metrics, monitors: monitors,
                                   checkFlushInterval: configuration.checkFlushInterval),
                    at: 0)
    let api = NodeAPI(store: store, targets: targets, clock: clock, cluster: cluster, metrics: metrics)
    let configuredPort = configuration.listenPort
    let application = Application(
        router: api.router(),
        configuration: .init(address: .hostname(configuration.listenHost, port: configuration.listenPort), serverName: "argus"),
        services: services,
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuredPort) },
        logger: logger)
    logger.info("monitoring \(targets.count) targets; store at \(store.path)")
    return ArgusNodeApplication(application: application, store: store, role: role)
}

/// The epoch settler of a verifiable node, its first epoch fixed in the store at its first start.
func settler(_ settings: SettlementSettings, signer: Signer, store: EventStore, log: any ZellularLog, app: String, rules: ClusterRules,
             addresses: [String], peers: PeerClient, clock: any WallClock, logger: Logger, metrics: NodeMetrics?) async throws(NodeStartError) -> EpochSettler {
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
