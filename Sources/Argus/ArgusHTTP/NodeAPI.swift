import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import Hummingbird

/// The monitoring node's HTTP API. Reference-compatible where the reference defines a route
/// (`/downtime`); every client error is a 4xx with `{"detail": …}`.
public struct NodeAPI: Sendable {
    let store: EventStore
    /// What this node monitors now (reloads and discovery change it), and what it did before.
    let targets: TargetSet
    let clock: any WallClock
    let cluster: Cluster?
    let metrics: NodeMetrics?
    let limiters: RouteLimiters
    let admin: Admin
    let access: AccessControl

    /// What the write routes drive: the configuration reload, the operator set's refresh.
    public struct Admin: Sendable {
        public var reloader: ConfigurationReloader?
        public var discovery: TargetDiscovery?
        /// Announces maintenance windows (`POST /maintenance`) and signs the peers' (`/maintenance/attest`).
        public var maintenance: MaintenanceService?

        public init(reloader: ConfigurationReloader? = nil, discovery: TargetDiscovery? = nil, maintenance: MaintenanceService? = nil) {
            self.reloader = reloader
            self.discovery = discovery
            self.maintenance = maintenance
        }
    }

    /// The routes `auth.protect_dashboard` protects.
    static let dashboardRoutes: Set<String> = ["/", "/dashboard/summary", "/timeline"]

    /// What the cluster routes use: the cluster's status, and the signing drivers this node's
    /// role has (`/state` needs an attester, signed `/downtime` a downtime signer).
    public struct Cluster: Sendable {
        public var status: ClusterStatus
        public var attester: Attester?
        public var downtime: DowntimeSigner?
        /// Epoch settlement, when configured.
        public var epochs: EpochSettler?

        public init(status: ClusterStatus, attester: Attester?, downtime: DowntimeSigner?, epochs: EpochSettler? = nil) {
            self.status = status
            self.attester = attester
            self.downtime = downtime
            self.epochs = epochs
        }

        var role: NodeRole { status.role }
    }

    public init(store: EventStore, targets: TargetSet, clock: any WallClock = SystemClock(), cluster: Cluster? = nil,
                metrics: NodeMetrics? = nil, limits: RequestLimits = RequestLimits(), admin: Admin = Admin(), access: AccessControl = .open) {
        self.admin = admin
        self.access = access
        self.limiters = RouteLimiters(limits, clock: clock)
        self.store = store
        self.targets = targets
        self.clock = clock
        self.cluster = cluster
        self.metrics = metrics
    }

    /// A fixed list of targets.
    public init(store: EventStore, targets: [Target], clock: any WallClock = SystemClock(), cluster: Cluster? = nil,
                metrics: NodeMetrics? = nil, limits: RequestLimits = RequestLimits()) {
        self.init(store: store, targets: TargetSet(configured: targets), clock: clock, cluster: cluster, metrics: metrics, limits: limits)
    }

    /// A router with the API's routes and the JSON error middleware.
    public func router() -> Router<NodeRequestContext> {
        let router = Router(context: NodeRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        router.get("/health") { _, _ in self.health() }
        router.get("/downtime") { request, context in
            // Only signing costs: the reference's unsigned query, and a signed answer already made
            // (a settled window's, cached), are not rate-limited.
            guard let signer = cluster?.downtime else { return try await self.downtime(QueryParameters(request)) }
            let (address, window, _) = try self.downtimeWindow(QueryParameters(request))
            if let cached = signer.cached(address: address, query: window) { return JSONResponse.raw(cached.report.json) }
            return try await limiters.downtime.run(client: context.client) { try await self.downtime(QueryParameters(request)) }
        }
        router.get("/targets") { _, _ in try await self.targetList() }
        router.get("/events") { request, _ in try await self.events(QueryParameters(request)) }
        router.get("/state") { request, context in
            try await limiters.state.run(client: context.client) { try await self.state(QueryParameters(request)) }
        }
        router.get("/aggregate_downtime") { request, context in
            try await limiters.aggregateDowntime.run(client: context.client) { try await self.aggregateDowntime(QueryParameters(request)) }
        }
        router.get("/cluster") { _, context in try await limiters.cluster.run(client: context.client) { try await self.clusterStatus() } }
        router.get("/epochs") { request, context in
            try await limiters.epochs.run(client: context.client) { try await self.epochList(QueryParameters(request)) }
        }
        router.get("/epochs/:epoch") { _, context in
            try await limiters.epochs.run(client: context.client) { try await self.epochReport(context) }
        }
        router.get("/epochs/:epoch/proof") { request, context in
            try await limiters.epochs.run(client: context.client) { try await self.epochProof(QueryParameters(request), context) }
        }
        router.get("/epochs/:epoch/signature") { _, context in
            try await limiters.epochs.run(client: context.client) { try await self.epochSignature(context) }
        }
        router.get("/rejections") { request, _ in try await self.rejections(QueryParameters(request)) }
        router.get("/") { request, _ in
            try access.authorizeDashboard(request)
            return self.dashboard()
        }
        router.get("/dashboard/summary") { request, _ in
            try access.authorizeDashboard(request)
            return try await self.dashboardSummary(QueryParameters(request), acceptEncoding: request.headers[.acceptEncoding])
        }
        router.get("/timeline") { request, _ in
            try access.authorizeDashboard(request)
            return try await self.timeline(QueryParameters(request))
        }
        router.post("/reload") { request, _ in
            try access.authorizeWrite(request)
            return try await self.reload()
        }
        router.post("/maintenance") { request, _ in
            try access.authorizeWrite(request)
            return try await self.announceMaintenance(request)
        }
        router.get("/maintenance") { request, _ in try await self.maintenanceList(QueryParameters(request)) }
        router.get("/maintenance/attest") { request, context in
            try await limiters.state.run(client: context.client) { try self.attestMaintenance(QueryParameters(request)) }
        }
        router.get("/registry") { _, _ in try self.registryDocument() }
        router.get("/metrics") { _, context in try await limiters.metrics.run(client: context.client) { try await self.metricsText() } }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        return router
    }

    /// `GET /health`: 200 `ok`, or 503 `degraded` with the store's error while it cannot write.
    func health() -> Response {
        let failure = store.writeFailure
        let body = HealthBody(status: failure == nil ? "ok" : "degraded", targets: targets.count, targetSet: targets.digest,
                              time: Int64(clock.now()), storeError: failure?.error, storeErrorSince: failure.map { Int64($0.at) })
        return JSONResponse.make(body, status: failure == nil ? .ok : .serviceUnavailable)
    }

    /// `GET /downtime?address=&from_timestamp=&to_timestamp=` — seconds down in `[from, to)`, up to
    /// now; signed, and only once the window is settled, on a verifiable node.
    func downtime(_ query: QueryParameters) async throws -> Response {
        let (address, window, now) = try downtimeWindow(query)
        if let signer = cluster?.downtime {
            let signed = try await Self.settled { try await signer.signedDowntime(address: address, query: window, now: now) }
            return JSONResponse.raw(signed.report.json)
        }
        var report = DowntimeReport(address: address, from: window.from, to: window.to,
                                    totalDowntimeSeconds: try await store.downtime(address: address, query: window))
        report.maintenance = try await store.maintenanceWindows(address: address, from: window.from, to: window.effectiveEnd)
        return JSONResponse.raw(report.json)
    }

    /// The window of a downtime query (`address`, `from_timestamp`, `to_timestamp`) and the time
    /// it is asked at: the clock is read once per query. The address is checked first, so an
    /// unknown one costs no peer calls and no signature.
    func downtimeWindow(_ query: QueryParameters) throws -> (address: String, window: DowntimeQuery, now: Double) {
        let address = try query.string("address")
        let from = try query.int64("from_timestamp")
        let to = try query.int64("to_timestamp")
        guard targets.isKnown(address) else { throw APIError.addressNotFound }
        let now = clock.now()
        do {
            return (address, try DowntimeQuery(from: from, to: to, asOf: Int64(now.rounded(.down))), now)
        } catch {
            throw APIError(.badRequest, error.description)
        }
    }

    /// `GET /targets` — every target with its confirmed state and latest check, and the retired
    /// addresses (no longer checked; their history is still queryable).
    func targetList() async throws -> Response {
        let current = targets.targets
        let statuses = try await store.statuses(addresses: current.map(\.address))
        let list = current.map { TargetBody(target: $0, status: statuses[$0.address] ?? TargetStatus(address: $0.address)) }
        return JSONResponse.make(TargetListBody(targets: list, retired: targets.retired))
    }

    /// `GET /events?address=&after=&limit=` — the changes of one address after a timestamp, oldest first.
    func events(_ query: QueryParameters) async throws -> Response {
        let address = try query.string("address")
        let after = try query.optionalInt64("after") ?? -1
        let limit = try query.optionalInt64("limit") ?? 1000
        guard (1...10_000).contains(limit) else {
            throw APIError(.badRequest, "Query parameter 'limit' must be in 1...10000, got \(limit)")
        }
        guard targets.isKnown(address) else { throw APIError.addressNotFound }
        let events = try await store.appliedEvents(address: address, after: after, limit: Int(limit))
        let status = try await store.status(address: address)
        return JSONResponse.make(EventsBody(
            address: address, state: status.state, since: status.since,
            events: events.map { EventsBody.Event(state: $0.change.state, timestamp: $0.change.timestamp, zellularIndex: $0.zellularIndex, proof: $0.proof) }))
    }
}
