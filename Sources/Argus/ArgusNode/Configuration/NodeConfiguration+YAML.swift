import ArgusCore
import ArgusProof
import Foundation
import Logging
import Yams

extension NodeConfiguration {
    /// Reads a configuration file (YAML; JSON is YAML too).
    public static func load(file path: String) throws(ConfigurationError) -> NodeConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(source: path, key: "", expected: "a readable UTF-8 file", found: "\(error.localizedDescription)")
        }
        var configuration = try parse(yaml: text, source: path)
        // Paths in the file are relative to the file (so a node's files travel together).
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") || base.isEmpty ? file : (base as NSString).appendingPathComponent(file)
        }
        configuration.dataDirectory = resolve(configuration.dataDirectory)
        if case let .file(file) = configuration.discovery?.source { configuration.discovery?.source = .file(resolve(file)) }
        configuration.adminTokenFile = configuration.adminTokenFile.map(resolve)
        configuration.notifications.channels = configuration.notifications.channels.map { channel in
            var channel = channel
            channel.tokenFile = channel.tokenFile.map(resolve)
            channel.routingKeyFile = channel.routingKeyFile.map(resolve)
            channel.secretFile = channel.secretFile.map(resolve)
            return channel
        }
        if var cluster = configuration.cluster {
            if !cluster.keyFile.isEmpty { cluster.keyFile = resolve(cluster.keyFile) }
            if !cluster.registryFile.isEmpty { cluster.registryFile = resolve(cluster.registryFile) }
            cluster.passwordFile = cluster.passwordFile.map(resolve)
            cluster.zellular.networkFile = cluster.zellular.networkFile.map(resolve)
            cluster.zellular.tokenFile = cluster.zellular.tokenFile.map(resolve)
            configuration.cluster = cluster
        }
        return configuration
    }

    /// Parses configuration text. `source` names the file in error messages.
    ///
    /// Two shapes are accepted: the full form (`listen`, `data_dir`, `max_concurrent_checks`,
    /// `defaults`, `targets`), and the reference's plain map `{"0xNodeA123": "http://localhost:8001", …}`
    /// as the whole file. `targets` is a list of `{address, url | host, …}` or a map from address
    /// to a URL or to the same keys without `address`.
    public static func parse(yaml text: String, source: String) throws(ConfigurationError) -> NodeConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(source: source, key: "", expected: "valid YAML", found: "\(error)")
        }
        let reader = YAMLReader(source: source)
        guard let root else { throw reader.error(at: nil, key: "", expected: "a mapping with a `targets` key") }
        let topLevel = try reader.mapping(root, key: "")
        var configuration = NodeConfiguration()

        if !topLevel.isEmpty, topLevel.allSatisfy({ !Self.topLevelKeys.contains($0.key) && $0.value.scalar != nil }) {
            configuration.targets = try reader.targets(root, key: "", defaults: .default)
            return configuration
        }
        try reader.rejectUnknownKeys(topLevel, allowed: Self.topLevelKeys, key: "")
        var defaults = CheckPolicy.default
        for (key, value) in topLevel {
            switch key {
            case "listen":
                try configuration.applyListen(try reader.string(value, key: key), source: source, key: key, line: value.line)
            case "data_dir":
                configuration.dataDirectory = try reader.string(value, key: key)
            case "max_concurrent_checks":
                configuration.maxConcurrentChecks = try reader.int(value, key: key, in: 1...10_000)
            case "max_connections":
                configuration.maxConnections = try reader.int(value, key: key, in: 16...100_000)
            case "check_flush_interval":
                configuration.checkFlushInterval = try reader.seconds(value, key: key, in: 0...60)
            case "defaults":
                let fields = try reader.mapping(value, key: key)
                try reader.rejectUnknownKeys(fields, allowed: YAMLReader.policyKeys, key: key)
                defaults = try reader.policy(fields, key: key, base: defaults)
            case "cluster":
                configuration.cluster = try reader.cluster(value, zellular: topLevel.first { $0.key == "zellular" }?.value)
            case "log_level":
                let text = try reader.string(value, key: key)
                guard let level = Logger.Level(rawValue: text) else {
                    throw reader.error(at: value, key: key, expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "), found: "\"\(text)\"")
                }
                configuration.logLevel = level
            case "notifications":
                configuration.notifications = try reader.notifications(value)
            case "auth":
                let fields = try reader.mapping(value, key: key)
                try reader.rejectUnknownKeys(fields, allowed: ["token_file", "protect_dashboard"], key: key)
                for (name, field) in fields {
                    if name == "token_file" { configuration.adminTokenFile = try reader.string(field, key: "auth.token_file") }
                    if name == "protect_dashboard" { configuration.protectDashboard = try reader.bool(field, key: "auth.protect_dashboard") }
                }
            case "settlement":
                configuration.settlement = try reader.settlement(value)
            case "zellular":
                guard topLevel.contains(where: { $0.key == "cluster" }) else {
                    throw reader.error(at: value, key: key, expected: "a `cluster` section too (Zellular replicates a cluster's events)")
                }
            default:
                break
            }
        }
        if let discovery = topLevel.first(where: { $0.key == "targets_from" })?.value {
            configuration.discovery = try reader.discovery(discovery, defaults: defaults)
        }
        let targets = topLevel.first(where: { $0.key == "targets" })?.value
        if let targets {
            configuration.targets = try reader.targets(targets, key: "targets", defaults: defaults)
            try reader.checkReferences(configuration.targets, node: targets)
        } else if configuration.discovery == nil {
            throw reader.error(at: root, key: "targets", expected: "a list or map of targets to monitor (or targets_from)")
        }
        if let settlement = topLevel.first(where: { $0.key == "settlement" })?.value {
            guard configuration.cluster?.mode == .verifiable else {
                throw reader.error(at: settlement, key: "settlement", expected: "cluster mode verifiable (settlement signs epoch reports)")
            }
            // A contract names a target by its target_id, so two targets may not share one.
            var ids: [Bytes32: String] = [:]
            for target in configuration.targets {
                if let other = ids.updateValue(target.address, forKey: TargetID.of(target.address)) {
                    throw reader.error(at: targets ?? root, key: "targets", expected: "targets with distinct target_ids (settlement)",
                                       found: "\(other) and \(target.address), the same Ethereum address")
                }
            }
        }
        return configuration
    }

    static let topLevelKeys: Set<String> = [
        "listen", "data_dir", "max_concurrent_checks", "max_connections", "check_flush_interval", "defaults", "targets", "targets_from", "cluster", "zellular",
        "notifications", "log_level", "settlement", "auth",
    ]
}

/// Typed access to a YAML tree with errors that name the file, key path, line and expectation.
struct YAMLReader {
    let source: String

    static let policyKeys: Set<String> = [
        "interval", "retry_interval", "timeout", "jitter", "failures_before_down", "successes_before_up",
    ]

    func error(at node: Node?, key: String, expected: String, found: String? = nil) -> ConfigurationError {
        ConfigurationError(source: source, key: key, expected: expected, found: found, line: node?.line)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func mapping(_ node: Node, key: String) throws(ConfigurationError) -> [(key: String, value: Node)] {
        guard case let .mapping(mapping) = node else { throw error(at: node, key: key, expected: "a mapping", found: describe(node)) }
        var pairs: [(key: String, value: Node)] = []
        var seen = Set<String>()
        for (name, value) in mapping {
            guard case let .scalar(scalar) = name else {
                throw error(at: name, key: key, expected: "string keys", found: describe(name))
            }
            guard seen.insert(scalar.string).inserted else {
                throw error(at: name, key: join(key, scalar.string), expected: "each key once", found: "a repeated key")
            }
            pairs.append((scalar.string, value))
        }
        return pairs
    }

    func rejectUnknownKeys(_ pairs: [(key: String, value: Node)], allowed: Set<String>, key: String) throws(ConfigurationError) {
        for (name, value) in pairs where !allowed.contains(name) {
            throw error(at: value, key: join(key, name), expected: "one of \(allowed.sorted().joined(separator: ", "))", found: "an unknown key")
        }
    }

    func string(_ node: Node, key: String) throws(ConfigurationError) -> String {
        guard case let .scalar(scalar) = node, !scalar.string.isEmpty else {
            throw error(at: node, key: key, expected: "a non-empty string", found: describe(node))
        }
        return scalar.string
    }

    func int(_ node: Node, key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            throw error(at: node, key: key, expected: "an integer in \(range.lowerBound)...\(range.upperBound)", found: describe(node))
        }
        return value
    }

    /// Seconds as a number (`10`, `2.5`) or with a unit (`500ms`, `10s`, `1m`).
    func seconds(_ node: Node, key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        let expected = "a duration in seconds between \(range.lowerBound) and \(range.upperBound) (e.g. 10, 2.5, 500ms, 1m)"
        guard case let .scalar(scalar) = node else { throw error(at: node, key: key, expected: expected, found: describe(node)) }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var value = Double(text)
        if value == nil, let (suffix, factor) = units.first(where: { text.hasSuffix($0.0) }) {
            value = Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        guard let value, value.isFinite, range.contains(value) else {
            throw error(at: node, key: key, expected: expected, found: describe(node))
        }
        return value
    }

    func policy(_ fields: [(key: String, value: Node)], key: String, base: CheckPolicy) throws(ConfigurationError) -> CheckPolicy {
        var policy = base
        for (name, value) in fields {
            let path = join(key, name)
            switch name {
            case "interval": policy.interval = try seconds(value, key: path, in: 0.1...86_400)
            case "retry_interval": policy.retryInterval = try seconds(value, key: path, in: 0.1...86_400)
            case "timeout": policy.timeout = try seconds(value, key: path, in: 0.01...600)
            case "jitter":
                guard case let .scalar(scalar) = value, let jitter = Double(scalar.string), (0..<1).contains(jitter) else {
                    throw error(at: value, key: path, expected: "a fraction of the interval in 0 ..< 1", found: describe(value))
                }
                policy.jitter = jitter
            case "failures_before_down": policy.failuresBeforeDown = try int(value, key: path, in: 1...100)
            case "successes_before_up": policy.successesBeforeUp = try int(value, key: path, in: 1...100)
            default: break
            }
        }
        return policy
    }

    static let clusterKeys: Set<String> = [
        "mode", "name", "key", "password_file", "registry", "require_pop", "quorum", "quorum_fraction", "peer_timeout", "attest_deadline",
        "max_event_age", "max_future_skew", "resend_after", "proposal_grace", "proposers",
    ]
    static let zellularKeys: Set<String> = ["network", "subgraph", "app", "gateway", "threshold", "poll_interval", "token_file"]

    func cluster(_ node: Node, zellular: Node?) throws(ConfigurationError) -> ClusterSettings {
        let fields = try mapping(node, key: "cluster")
        try rejectUnknownKeys(fields, allowed: Self.clusterKeys, key: "cluster")
        var settings = ClusterSettings()
        for (name, value) in fields {
            let path = join("cluster", name)
            switch name {
            case "mode":
                let text = try string(value, key: path)
                guard let mode = ClusterMode(rawValue: text) else {
                    throw error(at: value, key: path, expected: ClusterMode.allCases.map(\.rawValue).joined(separator: ", "), found: "\"\(text)\"")
                }
                settings.mode = mode
            case "name": settings.name = try string(value, key: path)
            case "key": settings.keyFile = try string(value, key: path)
            case "password_file": settings.passwordFile = try string(value, key: path)
            case "registry": settings.registryFile = try string(value, key: path)
            case "require_pop":
                guard case let .scalar(scalar) = value, let flag = Bool(scalar.string.lowercased()) else {
                    throw error(at: value, key: path, expected: "true or false", found: describe(value))
                }
                settings.requireProofsOfPossession = flag
            case "quorum":
                let text = try string(value, key: path)
                guard ["count", "stake"].contains(text) else { throw error(at: value, key: path, expected: "count or stake", found: "\"\(text)\"") }
                settings.quorumWeighting = text
            case "quorum_fraction":
                let text = try string(value, key: path)
                guard let rule = ClusterQuorum(weighting: .count, fraction: text) else {
                    throw error(at: value, key: path, expected: "a fraction n/d with 0 < n ≤ d, e.g. 2/3", found: "\"\(text)\"")
                }
                settings.quorumFraction = (rule.numerator, rule.denominator)
            case "peer_timeout": settings.peerTimeout = try seconds(value, key: path, in: 0.1...60)
            case "attest_deadline": settings.attestDeadline = try seconds(value, key: path, in: 0.05...60)
            case "max_event_age": settings.maxEventAge = try seconds(value, key: path, in: 1...86_400 * 30)
            case "max_future_skew": settings.maxFutureSkew = try seconds(value, key: path, in: 0...3600)
            case "resend_after": settings.resendAfter = try seconds(value, key: path, in: 0.1...3600)
            case "proposal_grace": settings.proposalGrace = try seconds(value, key: path, in: 0...600)
            case "proposers":
                let text = try string(value, key: path)
                guard ["one", "all"].contains(text) else {
                    throw error(at: value, key: path, expected: "one (one proposer per change) or all (every member, as the reference)", found: "\"\(text)\"")
                }
                settings.oneProposerPerChange = text == "one"
            default: break
            }
        }
        if settings.mode != .replicated {
            for (name, value) in [("name", settings.name), ("key", settings.keyFile), ("registry", settings.registryFile)] where value.isEmpty {
                throw error(at: node, key: join("cluster", name), expected: "a value (mode \(settings.mode.rawValue) signs and verifies)")
            }
        }
        guard settings.attestDeadline < settings.peerTimeout else {
            throw error(at: node, key: "cluster.attest_deadline", expected: "less than cluster.peer_timeout (\(settings.peerTimeout) s)",
                        found: "\(settings.attestDeadline)")
        }
        if settings.mode == .standalone { return settings }
        guard let zellular else {
            throw error(at: node, key: "zellular", expected: "a zellular section (network or subgraph, app) for mode \(settings.mode.rawValue)")
        }
        let zfields = try mapping(zellular, key: "zellular")
        try rejectUnknownKeys(zfields, allowed: Self.zellularKeys, key: "zellular")
        for (name, value) in zfields {
            let path = join("zellular", name)
            switch name {
            case "network": settings.zellular.networkFile = try string(value, key: path)
            case "subgraph": settings.zellular.subgraphURL = try string(value, key: path)
            case "app": settings.zellular.app = try string(value, key: path)
            case "gateway": settings.zellular.gateway = try string(value, key: path)
            case "token_file": settings.zellular.tokenFile = try string(value, key: path)
            case "threshold": settings.zellular.thresholdPercent = try int(value, key: path, in: 1...100)
            case "poll_interval": settings.zellular.pollInterval = try seconds(value, key: path, in: 0.01...60)
            default: break
            }
        }
        guard (settings.zellular.networkFile == nil) != (settings.zellular.subgraphURL == nil) else {
            throw error(at: zellular, key: "zellular", expected: "exactly one of network (nodes.json) and subgraph (URL)")
        }
        return settings
    }

    /// `settlement: {epoch: 1h, domain: 0x<64 hex>, wait: 10s}`.
    func settlement(_ node: Node) throws(ConfigurationError) -> SettlementSettings {
        let fields = try mapping(node, key: "settlement")
        try rejectUnknownKeys(fields, allowed: ["epoch", "domain", "wait"], key: "settlement")
        guard let epochNode = fields.first(where: { $0.key == "epoch" })?.value else {
            throw error(at: node, key: "settlement.epoch", expected: "the epoch length (at least 10 s, e.g. 1h)")
        }
        let length = try seconds(epochNode, key: "settlement.epoch", in: 10...86_400 * 366)
        guard length == length.rounded() else {
            throw error(at: epochNode, key: "settlement.epoch", expected: "a whole number of seconds", found: describe(epochNode))
        }
        guard let domainNode = fields.first(where: { $0.key == "domain" })?.value else {
            throw error(at: node, key: "settlement.domain", expected: "the deployment's domain, 0x and 64 hex digits")
        }
        guard let domain = Bytes32(hex: try string(domainNode, key: "settlement.domain")) else {
            throw error(at: domainNode, key: "settlement.domain", expected: "0x and 64 hex digits", found: describe(domainNode))
        }
        var settings = SettlementSettings(epochLength: Int64(length), domain: domain)
        if let wait = fields.first(where: { $0.key == "wait" })?.value { settings.wait = try seconds(wait, key: "settlement.wait", in: 0...3600) }
        return settings
    }

    func join(_ parent: String, _ child: String) -> String {
        parent.isEmpty ? child : "\(parent).\(child)"
    }
}

extension Node {
    /// 1-based line of this node in its file.
    var line: Int? { mark.map { $0.line } }
}
