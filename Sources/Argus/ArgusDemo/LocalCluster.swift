import ArgusProof
import AsyncHTTPClient
import BLS12381
import Foundation
import SecretFile
import NIOCore

/// A cluster of real `argus` processes on loopback, laid out in one directory: an embedded
/// Zellular sequencer, simulated targets, and monitoring nodes with fresh keys (EIP-2335
/// keystores), proofs of possession, a registry and one configuration file each. Used by
/// `argus demo` and by the multi-process tests.
public final class LocalCluster: @unchecked Sendable {
    public struct Options: Sendable {
        public var nodes = 3
        public var targets = ["0xNodeA123", "0xNodeB456", "0xNodeC789", "0xNodeD012"]
        public var mode = "verifiable"
        /// Check interval of every target, seconds.
        public var interval = 0.5
        public var timeout = 0.5
        public var maxEventAge = 5.0
        /// Scrypt cost of the keystores (EIP-2335's default is 2¹⁸).
        public var scryptN = 1 << 14
        /// Webhook URLs every node notifies of applied changes.
        public var webhooks: [String] = []
        /// Settlement epoch length in seconds (`nil`: no settlement), the domain, and how long a
        /// node waits for every member once a quorum signed.
        public var epoch: Int?
        public var domain = "0x" + String(repeating: "0", count: 56) + "a2905de0"
        public var settlementWait = 3.0
        /// `cluster.proposers`: `one` (one proposer per change) or `all` (as the reference).
        public var proposers = "one"
        /// The targets listed in each node's `targets:` (default: all of `targets`; the others are
        /// simulated too, for `targets_from` or a reload to add).
        public var listed: [String]?
        /// More configuration, appended to every node's file (e.g. `targets_from: …`).
        public var extraConfiguration = ""
        /// Where each node reaches each other member and the sequencer (`to` is a member's name, or
        /// "sequencer"): e.g. a fault-injecting proxy of that link. `nil` or a `nil` answer: directly.
        /// With it, each node gets its own registry file (the same keys, its own URLs) and network file.
        public var link: (@Sendable (_ from: String, _ to: String) -> String?)?
        /// More `argus target` arguments per target (e.g. `--schedule up:4,down:3 --repeat`).
        public var targetArguments: [String: [String]] = [:]
        /// More environment for a member's `argus serve` (e.g. `ARGUS_FAULT_CLOCK_OFFSET`).
        public var environment: [String: [String: String]] = [:]
        /// This many more targets, all answered by one more simulated node (a load on the checks).
        public var bulkTargets = 0
        /// The check interval of those (nil: `interval`).
        public var bulkInterval: Double?
        public init() {}
    }

    public struct Member: Sendable {
        public var name: String
        public var port: Int
        public var url: String { "http://127.0.0.1:\(port)" }
        public var directory: URL
        public var config: URL { directory.appendingPathComponent("argus.yml") }
    }

    public let argus: URL
    public let directory: URL
    public let options: Options
    public let registryFile: URL
    public private(set) var members: [Member] = []
    public private(set) var targetPorts: [String: Int] = [:]
    public private(set) var sequencerURL = ""
    var sequencer: ChildProcess?
    var targetProcesses: [ChildProcess] = []
    var nodeProcesses: [String: ChildProcess] = [:]
    var starts: [String: Int] = [:]

    public init(argus: URL, directory: URL, options: Options = Options()) {
        self.argus = argus
        self.directory = directory
        self.options = options
        self.registryFile = directory.appendingPathComponent("monitoring_nodes.json")
    }

    public var networkFile: URL { directory.appendingPathComponent("sequencer/nodes.json") }

    /// Starts the sequencer and the targets and writes every node's key and configuration.
    public func prepare() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        sequencerURL = "http://127.0.0.1:\(try freeLoopbackPort())"
        try await startSequencer()
        for address in options.targets {
            let target = try ChildProcess(argus, ["target", "--port", "0"] + (options.targetArguments[address] ?? []))
            targetPorts[address] = try await target.listeningPort()
            targetProcesses.append(target)
        }
        if options.bulkTargets > 0 {
            let bulk = try ChildProcess(argus, ["target", "--port", "0"])
            let port = try await bulk.listeningPort()
            targetProcesses.append(bulk)
            for index in 0..<options.bulkTargets { targetPorts[Self.bulkAddress(index)] = port }
        }
        var entries: [MonitoringNode] = []
        for index in 1...options.nodes {
            let name = "Node\(index)"
            let member = Member(name: name, port: try freeLoopbackPort(), directory: directory.appendingPathComponent(name.lowercased()))
            try FileManager.default.createDirectory(at: member.directory, withIntermediateDirectories: true)
            let key = PrivateKey()
            let password = "demo password of \(name)"
            try SecretFile.create(atPath: member.directory.appendingPathComponent("password").path, contents: password)
            let keystore = try Keystore.encrypt(key, password: password, description: "argus demo \(name)", scryptN: options.scryptN)
            try SecretFile.create(atPath: member.directory.appendingPathComponent("keystore.json").path, contents: keystore)
            entries.append(MonitoringNode(name: name, url: member.url, publicKey: key.publicKey, proofOfPossession: key.proofOfPossession()))
            members.append(member)
        }
        try Data(Registry.document(entries).utf8).write(to: registryFile)
        self.entries = entries
        for member in members {
            try writeLinks(for: member)
            try Data(configuration(for: member).utf8).write(to: member.config)
        }
    }

    /// The address of the `index`th bulk target.
    public static func bulkAddress(_ index: Int) -> String { String(format: "0x%040x", 0xb0_0000 + index) }

    /// The registry's entries (keys, proofs of possession, URLs as every member sees them).
    public private(set) var entries: [MonitoringNode] = []

    /// With `options.link`, this member's own registry and network files.
    func writeLinks(for member: Member) throws {
        guard let link = options.link else { return }
        let own = entries.map { entry in
            var entry = entry
            if entry.name != member.name, let url = link(member.name, entry.name) { entry.url = url }
            return entry
        }
        try Data(Registry.document(own).utf8).write(to: member.directory.appendingPathComponent("monitoring_nodes.json"))
        let network = try String(contentsOf: networkFile, encoding: .utf8)
        let sequencer = link(member.name, "sequencer") ?? sequencerURL
        try Data(network.replacingOccurrences(of: sequencerURL, with: sequencer).utf8).write(to: member.directory.appendingPathComponent("nodes.json"))
    }

    func configuration(for member: Member) -> String {
        let bulk = options.bulkInterval.map { ", interval: \($0), retry_interval: \($0 / 2)" } ?? ""
        let targets = ((options.listed ?? options.targets).map { ($0, "") } + (0..<options.bulkTargets).map { (Self.bulkAddress($0), bulk) })
            .map { "  - {address: \"\($0.0)\", url: \"http://127.0.0.1:\(targetPorts[$0.0] ?? 0)\"\($0.1)}" }
            .joined(separator: "\n")
        return """
            listen: 127.0.0.1:\(member.port)
            data_dir: \(member.directory.appendingPathComponent("data").path)
            defaults: {interval: \(options.interval), retry_interval: \(options.interval / 2), timeout: \(options.timeout), failures_before_down: 2}
            targets:\(targets.isEmpty ? " []" : "\n" + targets)
            cluster:
              mode: \(options.mode)
              name: \(member.name)
              key: keystore.json
              password_file: password
              registry: \(options.link == nil ? "../monitoring_nodes.json" : "monitoring_nodes.json")
              require_pop: true
              peer_timeout: 3
              attest_deadline: 1
              max_event_age: \(options.maxEventAge)
              resend_after: 2
              proposers: \(options.proposers)
            zellular:
              network: \(options.link == nil ? "../sequencer/nodes.json" : "nodes.json")
              app: downtime-monitoring
              poll_interval: 0.1
            \(options.webhooks.isEmpty ? "" : "notifications:\n  webhooks:\n" + options.webhooks.map { "    - \($0)" }.joined(separator: "\n"))
            \(options.epoch.map { "settlement: {epoch: \($0), domain: \"\(options.domain)\", wait: \(options.settlementWait)}" } ?? "")
            \(options.extraConfiguration)

            """
    }

    /// Starts (or restarts, on the same port and data) the embedded sequencer.
    public func startSequencer() async throws {
        let port = sequencerURL.split(separator: ":").last.map(String.init) ?? "0"
        starts["sequencer", default: 0] += 1
        let sequencer = try ChildProcess(argus, ["sequencer", "--listen", "127.0.0.1:\(port)", "--data", directory.appendingPathComponent("sequencer").path],
                                         log: directory.appendingPathComponent("sequencer-\(starts["sequencer"]!).log"))
        _ = try await sequencer.listeningPort()
        self.sequencer = sequencer
    }

    /// Stops the sequencer (SIGKILL: a crash).
    public func stopSequencer(signal: Int32 = SIGTERM) {
        sequencer?.kill(signal)
        sequencer?.process.waitUntilExit()
        sequencer = nil
    }

    /// Starts (or restarts) a monitoring node and waits until it listens.
    public func start(_ name: String) async throws {
        guard let member = members.first(where: { $0.name == name }) else { return }
        starts[name, default: 0] += 1
        let log = member.directory.appendingPathComponent("node-\(starts[name]!).log")
        let arguments = ["serve", "--config", member.config.path, "--log-level", "info"]
        let process = try ChildProcess(argus, arguments, environment: options.environment[name] ?? [:], log: log)
        nodeProcesses[name] = process
        _ = try await process.listeningPort(timeout: 60)
    }

    public func startAll() async throws {
        for member in members { try await start(member.name) }
    }

    /// Sends `signal` to a running node (e.g. SIGHUP: reload the configuration).
    public func signal(_ name: String, _ signal: Int32) {
        nodeProcesses[name]?.kill(signal)
    }

    /// Where a node's log of its latest start is.
    public func log(of name: String) -> URL? {
        guard let member = members.first(where: { $0.name == name }), let count = starts[name] else { return nil }
        return member.directory.appendingPathComponent("node-\(count).log")
    }

    /// The last `lines` lines of every member's log of its latest start and of the sequencer's:
    /// what a failing multi-process test prints, so a failure on CI can be read afterwards.
    public func logTails(lines: Int = 60) -> String {
        var logs = members.compactMap { member in log(of: member.name).map { (member.name, $0) } }
        if let count = starts["sequencer"] { logs.append(("sequencer", directory.appendingPathComponent("sequencer-\(count).log"))) }
        return logs.map { name, file in
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? "(no log)"
            return "── \(name): \(file.lastPathComponent) ──\n" + text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Stops a node with `signal` (SIGTERM: graceful; SIGKILL: a crash).
    public func stop(_ name: String, signal: Int32 = SIGTERM) {
        guard let process = nodeProcesses.removeValue(forKey: name) else { return }
        process.kill(signal)
        process.process.waitUntilExit()
    }

    public func isRunning(_ name: String) -> Bool { nodeProcesses[name]?.process.isRunning ?? false }

    /// The process id of a running node.
    public func processIdentifier(of name: String) -> Int32? { nodeProcesses[name]?.process.processIdentifier }

    /// Stops everything (nodes gracefully, then the targets and the sequencer).
    public func shutdown() {
        for name in nodeProcesses.keys.sorted() { stop(name) }
        for target in targetProcesses { _ = target.stop() }
        _ = sequencer?.stop()
        targetProcesses = []
        sequencer = nil
    }

    /// Tells a simulated target to answer `up`, `down` or `hang`.
    public func set(_ address: String, _ state: String) async throws {
        guard let port = targetPorts[address] else { return }
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/control")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"state":"\#(state)"}"#))
        _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
    }

    /// The embedded sequencer's last finalized batch index (0 before the first).
    public func lastFinalizedIndex() async throws -> Int {
        struct Last: Decodable { struct Batch: Decodable { var index: Int }; var data: Batch? }
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "\(sequencerURL)/node/downtime-monitoring/batches/finalized/last"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode(Last.self, from: Data(body.readableBytesView)).data?.index ?? 0
    }

    /// `GET` on a node; status and body.
    public func get(_ name: String, _ pathAndQuery: String) async throws -> (status: Int, body: String) {
        guard let member = members.first(where: { $0.name == name }) else { return (0, "") }
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: member.url + pathAndQuery), timeout: .seconds(15))
        let body = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}
