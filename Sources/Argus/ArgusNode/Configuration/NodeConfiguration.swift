import Foundation
import ArgusCore
import Logging

/// Everything `argus serve` needs: where to listen, where to keep data, what to monitor.
public struct NodeConfiguration: Sendable {
    /// Servers listen on loopback unless told otherwise.
    public var listenHost: String = "127.0.0.1"
    /// 0 picks a free port (the chosen one is printed at start).
    public var listenPort: Int = 5000
    public var dataDirectory: String = "./argus-data"
    /// Upper bound on checks in flight at once, all targets together.
    public var maxConcurrentChecks: Int = 64
    /// `max_connections`: HTTP connections open at once; more wait in the listen backlog.
    public var maxConnections: Int = 1024
    /// `check_flush_interval`: how often check results that change no state are written, in one
    /// transaction (0: after every check). State changes are always written before anything
    /// acknowledges them.
    public var checkFlushInterval: Double = 1
    public var targets: [Target] = []
    /// `targets_from`: more targets, made from an AVS's operator set; `nil` = none.
    public var discovery: DiscoverySettings?
    /// Cluster membership and replication; `nil` = standalone.
    public var cluster: ClusterSettings?
    /// Epoch settlement (verifiable clusters); `nil` = none.
    public var settlement: SettlementSettings?
    /// Where applied state changes are told (channels and routes).
    public var notifications = NotificationSettings()
    /// `auth.token_file`: the admin token routes that change state need (`ARGUS_ADMIN_TOKEN`
    /// overrides it); without one, those routes are refused.
    public var adminTokenFile: String?
    /// `auth.protect_dashboard`: the dashboard and its JSON need the token too.
    public var protectDashboard = false
    /// `log_level` (trace, debug, info, notice, warning, error, critical); `--log-level` overrides it.
    public var logLevel: Logger.Level?

    public init(
        listenHost: String = "127.0.0.1",
        listenPort: Int = 5000,
        dataDirectory: String = "./argus-data",
        maxConcurrentChecks: Int = 64,
        targets: [Target] = []
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.dataDirectory = dataDirectory
        self.maxConcurrentChecks = maxConcurrentChecks
        self.targets = targets
    }

    /// Environment variables that override the file: `ARGUS_LISTEN` (`host:port`) and
    /// `ARGUS_DATA_DIR`.
    public mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigurationError) {
        if let listen = environment["ARGUS_LISTEN"] {
            try applyListen(listen, source: "environment", key: "ARGUS_LISTEN")
        }
        if let directory = environment["ARGUS_DATA_DIR"] {
            guard !directory.isEmpty else {
                throw ConfigurationError(source: "environment", key: "ARGUS_DATA_DIR", expected: "a directory path", found: "an empty string")
            }
            dataDirectory = directory
        }
    }

    /// Sets the listen address from `host:port` (or a bare port).
    public mutating func applyListen(_ text: String, source: String, key: String, line: Int? = nil) throws(ConfigurationError) {
        guard let (host, port) = Self.parseHostPort(text, defaultHost: listenHost) else {
            throw ConfigurationError(source: source, key: key, expected: "host:port with a port in 0...65535", found: "\"\(text)\"", line: line)
        }
        listenHost = host
        listenPort = port
    }

    /// `host:port`, `[v6]:port` or a bare `port`.
    public static func parseHostPort(_ text: String, defaultHost: String? = nil) -> (String, Int)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let port = Int(trimmed), let defaultHost, (0...65535).contains(port) { return (defaultHost, port) }
        guard let colon = trimmed.lastIndex(of: ":") else { return nil }
        var host = String(trimmed[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(trimmed[trimmed.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        return (host, port)
    }
}
