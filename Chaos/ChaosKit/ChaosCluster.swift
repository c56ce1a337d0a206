import ArgusDemo
import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// A `LocalCluster` with a `FaultProxy` on every link: each member reaches each other member, and
/// the sequencer, through its own proxy (`proxy(from:to:)`), so a scenario can cut, slow or reset
/// any one direction of any link. Targets are reached directly.
public final class ChaosCluster: @unchecked Sendable {
    public let cluster: LocalCluster
    public private(set) var proxies: [String: [String: FaultProxy]] = [:]
    let ports: [String: [String: Int]]

    public init(argus: URL, directory: URL, options: LocalCluster.Options, proxied: Bool = true) throws {
        var options = options
        var ports: [String: [String: Int]] = [:]
        if proxied {
            let names = (1...options.nodes).map { "Node\($0)" }
            for from in names {
                for to in names + ["sequencer"] where to != from { ports[from, default: [:]][to] = try freeLoopbackPort() }
            }
            let fixed = ports
            options.link = { from, to in fixed[from]?[to].map { "http://127.0.0.1:\($0)" } }
        }
        self.ports = ports
        cluster = LocalCluster(argus: argus, directory: directory, options: options)
        Self.live.withLock { $0[ObjectIdentifier(self)] = self }
    }

    /// Clusters started and not yet shut down: `ChaosContext.run` shuts down what a scenario left
    /// running (one that threw midway), so that no process outlives its scenario.
    static let live = Mutex<[ObjectIdentifier: ChaosCluster]>([:])

    static func shutdownAll() async {
        let left = live.withLock { live in
            defer { live.removeAll() }
            return Array(live.values)
        }
        for chaos in left { await chaos.shutdown() }
    }

    public var names: [String] { cluster.members.map(\.name) }

    /// Starts the sequencer, the targets, the proxies, then every member.
    public func start(members: [String]? = nil) async throws {
        try await cluster.prepare()
        let sequencerPort = Int(cluster.sequencerURL.split(separator: ":").last ?? "") ?? 0
        for (from, links) in ports {
            for (to, port) in links {
                let upstream = to == "sequencer" ? sequencerPort : cluster.members.first { $0.name == to }?.port ?? 0
                let proxy = FaultProxy(name: "\(from)→\(to)", upstreamPort: upstream)
                _ = try await proxy.start(port: port)
                proxies[from, default: [:]][to] = proxy
            }
        }
        for name in members ?? names { try await cluster.start(name) }
    }

    public func proxy(from: String, to: String) -> FaultProxy? { proxies[from]?[to] }

    /// Cuts `name` off from every other member and the sequencer, both ways (`fault`), or heals it (`.pass`).
    public func isolate(_ name: String, _ fault: FaultProxy.Fault = .blackhole) {
        for (from, links) in proxies {
            for (to, proxy) in links where from == name || to == name { proxy.set(fault) }
        }
    }

    /// Every link between `a` and `b` (both directions) set to `fault`.
    public func cut(between a: [String], and b: [String], _ fault: FaultProxy.Fault = .blackhole) {
        for x in a {
            for y in b {
                proxy(from: x, to: y)?.set(fault)
                proxy(from: y, to: x)?.set(fault)
            }
        }
    }

    public func heal() {
        for links in proxies.values { for proxy in links.values { proxy.set(.pass) } }
    }

    public func shutdown() async {
        _ = Self.live.withLock { $0.removeValue(forKey: ObjectIdentifier(self)) }
        cluster.shutdown()
        for links in proxies.values { for proxy in links.values { await proxy.stop() } }
    }

    // MARK: Reading the nodes

    public struct Events: Decodable, Equatable, Sendable {
        public struct Event: Decodable, Equatable, Sendable {
            public var state: String
            public var timestamp: Int64
            public var zellular_index: Int?
            public var proof: String?
        }

        public var state: String
        public var events: [Event]
    }

    public func events(_ node: String, _ address: String) async throws -> Events {
        let (status, body) = try await cluster.get(node, "/events?address=\(address)&limit=10000")
        guard status == 200 else { throw ChaosFailure("\(node) /events?address=\(address): HTTP \(status) \(body.prefix(200))") }
        return try JSONDecoder().decode(Events.self, from: Data(body.utf8))
    }

    struct ClusterBody: Decodable { struct Zellular: Decodable { var cursor: Int }; var zellular: Zellular; var outbox: Int }

    /// Every one of `nodes` has applied everything finalized, and has nothing left to send.
    public func quiescent(_ nodes: [String]) async throws -> Bool {
        let last = try await cluster.lastFinalizedIndex()
        for node in nodes {
            let (status, body) = try await cluster.get(node, "/cluster")
            guard status == 200 else { return false }
            let state = try JSONDecoder().decode(ClusterBody.self, from: Data(body.utf8))
            guard state.zellular.cursor >= last, state.outbox == 0 else { return false }
        }
        return try await cluster.lastFinalizedIndex() == last
    }

    /// Sends `body` straight to the sequencer (as anyone can).
    public func sendToSequencer(_ body: String) async throws {
        var request = HTTPClientRequest(url: "\(cluster.sequencerURL)/node/downtime-monitoring/batches")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "text/plain")
        request.body = .bytes(ByteBuffer(string: body))
        _ = try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
    }
}

public struct ChaosFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Polls until `done` holds, up to `timeout` seconds; whether it did.
public func eventually(timeout: Double, poll: Duration = .milliseconds(200), _ done: () async throws -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? await done()) == true { return true }
        try? await Task.sleep(for: poll)
    }
    return (try? await done()) == true
}
