import ArgusCore
import ArgusProof
import ArgusStore
import AsyncHTTPClient
import BLS12381
import Foundation
import Logging
import Zellular
import ZellularHTTP

/// A monitoring node's part in its cluster (stages 02–04): it attests to its own observations,
/// proposes the changes it confirms (with a quorum proof when the mode asks for one) through a
/// durable outbox, and signs downtime reports of settled windows. `ReplicationService` applies
/// what Zellular finalizes; `OutboxService` delivers the proposals.
public final class ClusterNode: Sendable {
    public let settings: ClusterSettings
    public let registry: Registry?
    /// This node's registry entry and key (absent in `replicated` mode, which signs nothing).
    public let member: MonitoringNode?
    let key: PrivateKey?
    let store: EventStore
    let targets: [String: Target]
    let checker: any HealthChecker
    let clock: any WallClock
    let peers: PeerClient
    public let zellular: ZellularClient
    let logger: Logger
    let metrics: NodeMetrics?
    let throttle = ProposalThrottle()

    public struct StartError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    init(settings: ClusterSettings, registry: Registry?, member: MonitoringNode?, key: PrivateKey?, store: EventStore,
         targets: [Target], checker: any HealthChecker, clock: any WallClock, http: HTTPClient, zellular: ZellularClient, logger: Logger,
         metrics: NodeMetrics?) {
        self.settings = settings
        self.registry = registry
        self.member = member
        self.key = key
        self.store = store
        self.targets = Dictionary(targets.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        self.checker = checker
        self.clock = clock
        self.peers = PeerClient(http: http, timeout: settings.peerTimeout)
        self.zellular = zellular
        self.logger = logger
        self.metrics = metrics
    }

    /// Loads the registry and the key, checks that they agree, and connects to Zellular (choosing
    /// a gateway as the SDK does unless one is configured).
    public static func start(settings: ClusterSettings, targets: [Target], store: EventStore, checker: any HealthChecker,
                             http: HTTPClient, clock: any WallClock = SystemClock(), logger: Logger, metrics: NodeMetrics? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment) async throws(StartError) -> ClusterNode {
        var registry: Registry?
        var member: MonitoringNode?
        var key: PrivateKey?
        if settings.mode != .replicated || !settings.registryFile.isEmpty {
            let text: String
            do {
                text = try String(contentsOfFile: settings.registryFile, encoding: .utf8)
            } catch {
                throw StartError(description: "\(settings.registryFile): cannot read the registry: \(error.localizedDescription)")
            }
            do {
                let parsed = try Registry.parse(json: text, requireProofsOfPossession: settings.requireProofsOfPossession)
                // The configured rule; the weighting defaults to the registry's (stake when every member has one).
                let weighting = settings.quorumWeighting.flatMap(ClusterQuorum.Weighting.init(rawValue:)) ?? parsed.quorum.weighting
                guard let rule = ClusterQuorum(weighting: weighting, numerator: settings.quorumFraction.numerator,
                                               denominator: settings.quorumFraction.denominator) else {
                    throw StartError(description: "cluster.quorum_fraction: not a fraction in (0, 1]")
                }
                registry = try parsed.with(quorum: rule)
            } catch let error as StartError {
                throw error
            } catch {
                throw StartError(description: "\(settings.registryFile): \(error)")
            }
        }
        if settings.mode != .replicated, let registry {
            guard let entry = registry.node(named: settings.name) else {
                throw StartError(description: "cluster.name \(settings.name) is not in \(settings.registryFile) (members: \(registry.nodes.map(\.name).joined(separator: ", ")))")
            }
            do {
                key = try NodeKey.load(file: settings.keyFile, passwordFile: settings.passwordFile, environment: environment)
            } catch {
                throw StartError(description: error.description)
            }
            guard key?.publicKey == entry.publicKey else {
                throw StartError(description: "the key in \(settings.keyFile) is not the one \(settings.registryFile) lists for \(settings.name)")
            }
            member = entry
        }
        let network: any ZellularNetwork
        if let file = settings.zellular.networkFile {
            do {
                network = try StaticNetwork(json: try String(contentsOfFile: file, encoding: .utf8))
            } catch {
                throw StartError(description: "\(file): \(error)")
            }
        } else {
            network = EigenLayerNetwork(subgraphURL: settings.zellular.subgraphURL ?? "", http: http)
        }
        var gateway = settings.zellular.gateway
        var lastError = ""
        for _ in 0..<20 where gateway == nil {
            do {
                gateway = try await GatewaySelector(network: network, appName: settings.zellular.app, http: http).select()
            } catch {
                lastError = "\(error)"
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        guard let gateway else { throw StartError(description: "choosing a Zellular gateway: \(lastError)") }
        var client = ZellularClient(http: http, gateway: gateway, appName: settings.zellular.app, network: network,
                                    rule: QuorumRule(thresholdPercent: settings.zellular.thresholdPercent))
        client.pollInterval = settings.zellular.pollInterval
        logger.info("cluster mode \(settings.mode.rawValue) as \(member?.name ?? "an unsigned replica"); Zellular gateway \(gateway)")
        return ClusterNode(settings: settings, registry: registry, member: member, key: key, store: store, targets: targets,
                           checker: checker, clock: clock, http: http, zellular: client, logger: logger, metrics: metrics)
    }

    var now: Double { clock.now() }
}

/// Remembers when each address was last proposed, so a disputed change is retried politely.
actor ProposalThrottle {
    private var last: [String: Double] = [:]

    /// Whether a proposal for `address` may go now (and notes it).
    func admit(_ address: String, now: Double, every interval: Double) -> Bool {
        if let previous = last[address], now - previous < interval { return false }
        last[address] = now
        return true
    }
}
