import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation
import Logging
import Zellular
import ZellularHTTP

/// Starting a cluster node's edges: reads the registry and the key and checks that they agree,
/// and connects to Zellular (choosing a gateway as the SDK does unless one is configured).
public enum ClusterSetup {
    public struct StartError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The node's role from `settings` (reading the files they name).
    public static func role(settings: ClusterSettings, environment: [String: String]) throws(StartError) -> NodeRole {
        guard settings.mode != .standalone else { return .standalone }
        var registry: Registry?
        if settings.mode != .replicated || !settings.registryFile.isEmpty {
            registry = try loadRegistry(settings)
        }
        guard settings.mode != .replicated else { return .replica(registry: registry) }
        guard let registry else { throw StartError(description: "cluster.registry: required in mode \(settings.mode.rawValue)") }
        guard let entry = registry.node(named: settings.name) else {
            throw StartError(description: "cluster.name \(settings.name) is not in \(settings.registryFile) (members: \(registry.nodes.map(\.name).joined(separator: ", ")))")
        }
        let key: PrivateKey
        do {
            key = try NodeKey.load(file: settings.keyFile, passwordFile: settings.passwordFile, environment: environment)
        } catch {
            throw StartError(description: error.description)
        }
        guard key.publicKey == entry.publicKey else {
            throw StartError(description: "the key in \(settings.keyFile) is not the one \(settings.registryFile) lists for \(settings.name)")
        }
        let signer = Signer(registry: registry, member: entry, key: key)
        return settings.mode == .attested ? .attester(signer) : .verifier(signer)
    }

    static func loadRegistry(_ settings: ClusterSettings) throws(StartError) -> Registry {
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
            return try parsed.with(quorum: rule)
        } catch let error as StartError {
            throw error
        } catch {
            throw StartError(description: "\(settings.registryFile): \(error)")
        }
    }

    /// A verifying client of the configured Zellular network.
    public static func zellular(settings: ZellularSettings, http: HTTPClient) async throws(StartError) -> ZellularClient {
        let network: any ZellularNetwork
        if let file = settings.networkFile {
            do {
                network = try StaticNetwork(json: try String(contentsOfFile: file, encoding: .utf8))
            } catch {
                throw StartError(description: "\(file): \(error)")
            }
        } else {
            network = EigenLayerNetwork(subgraphURL: settings.subgraphURL ?? "", http: http)
        }
        var gateway = settings.gateway
        var lastError = ""
        for _ in 0..<20 where gateway == nil {
            do {
                gateway = try await GatewaySelector(network: network, appName: settings.app, http: http).select()
            } catch {
                lastError = "\(error)"
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        guard let gateway else { throw StartError(description: "choosing a Zellular gateway: \(lastError)") }
        var client = ZellularClient(http: http, gateway: gateway, appName: settings.app, network: network,
                                    rule: QuorumRule(thresholdPercent: settings.thresholdPercent))
        client.pollInterval = settings.pollInterval
        if let file = settings.tokenFile {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
                throw StartError(description: "zellular.token_file: cannot read a token from \(file)")
            }
            client.writeToken = token
        }
        return client
    }
}
