import ArgusCore
import ArgusStore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// `targets_from`, driven: reads the operator set (subgraph or file) every `interval`, makes each
/// operator's target from the template, and hands them to the `TargetSet`. A read that fails, or
/// that lists no operators at all, changes nothing (an operator set does not empty at once; a
/// subgraph that is down or behind does); operators whose sockets do not fit the template are
/// left out and logged.
public final class TargetDiscovery: Service, Sendable {
    let targets: TargetSet
    let http: HTTPClient
    let clock: any WallClock
    let logger: Logger
    /// A reload may change or remove the settings.
    private let settings: Mutex<DiscoverySettings?>
    private let state = Mutex<(lastRead: Double?, lastTemplate: String?, lastError: String?)>((nil, nil, nil))

    public init(settings: DiscoverySettings?, targets: TargetSet, http: HTTPClient, clock: any WallClock = SystemClock(), logger: Logger) {
        self.settings = Mutex(settings)
        self.targets = targets
        self.http = http
        self.clock = clock
        self.logger = logger
    }

    /// New settings (a reload): read again at once if they changed; `nil` drops every discovered target.
    public func update(_ new: DiscoverySettings?) {
        let changed = settings.withLock { current -> Bool in
            defer { current = new }
            return current?.source != new?.source || current?.template != new?.template || current?.interval != new?.interval
        }
        if new == nil { targets.setDiscovered([]) }
        if changed { state.withLock { $0.lastRead = nil } }
    }

    /// The last read's error, if it failed (for `/health`).
    public var lastError: String? { state.withLock { $0.lastError } }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let settings = self.settings.withLock({ $0 }),
                   self.clock.now() - (self.state.withLock { $0.lastRead } ?? -.infinity) >= settings.interval {
                    await self.refresh(settings)
                }
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Reads the operator set now and applies it.
    public func refresh() async {
        guard let settings = settings.withLock({ $0 }) else { return }
        await refresh(settings)
    }

    func refresh(_ settings: DiscoverySettings) async {
        state.withLock { $0.lastRead = clock.now() }
        let entries: [OperatorDirectory.Entry]
        do {
            entries = try await read(settings.source)
        } catch {
            let message = "\(error)"
            state.withLock { $0.lastError = message }
            logger.warning("targets_from: cannot read the operator set (\(describe(settings.source))): \(message); keeping the \(targets.count) targets")
            return
        }
        guard !entries.isEmpty else {
            state.withLock { $0.lastError = "the operator set is empty" }
            logger.warning("targets_from: \(describe(settings.source)) lists no operators; keeping the targets read before")
            return
        }
        state.withLock { $0.lastError = nil }
        let (made, problems) = settings.targets(entries)
        for problem in problems { logger.warning("targets_from: left out: \(problem)") }
        let change = targets.setDiscovered(made)
        if !change.isEmpty {
            logger.notice("targets_from: \(made.count) operators; \(change.added.count) added, \(change.removed.count) removed, \(change.changed.count) changed")
        }
    }

    func describe(_ source: DiscoverySettings.Source) -> String {
        switch source {
        case let .subgraph(url, _): Target.Check.redacted(url)
        case let .file(path): path
        }
    }

    struct ReadFailure: Error, CustomStringConvertible {
        var description: String
    }

    func read(_ source: DiscoverySettings.Source) async throws -> [OperatorDirectory.Entry] {
        switch source {
        case let .file(path):
            let contents: Data
            do {
                contents = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ReadFailure(description: "cannot read \(path): \(error.localizedDescription)")
            }
            return try OperatorDirectory.file(contents)
        case let .subgraph(url, avs):
            var all: [OperatorDirectory.Entry] = []
            var after: String?
            while true {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: OperatorDirectory.request(after: after, avs: avs)))
                let response = try await http.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 16 << 20)
                guard response.status == .ok else {
                    throw ReadFailure(description: "the subgraph answered HTTP \(response.status.code): \(String(buffer: body).prefix(200))")
                }
                let page = try OperatorDirectory.page(Data(body.readableBytesView))
                all += page
                guard page.count == OperatorDirectory.pageSize, let last = page.last?.id else { return all }
                after = last
            }
        }
    }
}
