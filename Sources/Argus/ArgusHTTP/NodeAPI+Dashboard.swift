import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import Foundation
import Hummingbird

/// The dashboard (`/`) and the JSON it reads: `/dashboard/summary` (a page of targets with uptime
/// and bar, and the counts of all) and `/timeline` (recent applied and refused events).
extension NodeAPI {
    /// Trailing uptime windows, by label.
    static let uptimeWindows: [(String, Int64)] = [("24h", 86_400), ("7d", 7 * 86_400), ("30d", 30 * 86_400)]
    /// The bar: 48 buckets of 30 minutes.
    static let barBuckets = 48
    static let bucketSeconds: Int64 = 1800

    func dashboard() -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
    }

    struct SummaryBody: Encodable {
        struct Entry: Encodable {
            var address: String
            var check: String
            var endpoint: String
            var state: HealthState
            var since: Int64
            var degraded: Bool
            var lastCheck: TargetBody.LastCheck?
            var uptime: [String: Double]
            var bar: [Int64]
            var bucketOutages: [[Int]]
            var outages: [[Int64?]]

            enum CodingKeys: String, CodingKey {
                case address, check, endpoint, state, since, degraded, uptime, bar, outages
                case lastCheck = "last_check"
                case bucketOutages = "bucket_outages"
            }
        }

        /// Up and down (confirmed states), and how many of the up ones were degraded at their last check.
        struct Counts: Encodable { var up: Int; var down: Int; var degraded: Int }
        struct Worst: Encodable {
            var address: String
            var uptime24h: Double
            enum CodingKeys: String, CodingKey { case address; case uptime24h = "uptime_24h" }
        }

        var now: Int64
        var bucketSeconds: Int64
        /// Every target, those the filter matched, and where this page starts.
        var total: Int
        var matched: Int
        var offset: Int
        var counts: Counts
        /// The lowest 24 h uptime of any target (`nil`: every target was up all day).
        var worst: Worst?
        var targets: [Entry]

        enum CodingKeys: String, CodingKey {
            case now, total, matched, offset, counts, worst, targets
            case bucketSeconds = "bucket_seconds"
        }
    }

    /// `GET /dashboard/summary?offset=&limit=&state=&q=` — the targets a filter matches (`state`
    /// up or down, `q` a part of the address, case-insensitive), one page of them with uptime and
    /// bar (`limit`, default all, at most 1000), and the counts and worst uptime of every target:
    /// what the page shows, computed on the server. Gzip-compressed when the client accepts it.
    func dashboardSummary(_ query: QueryParameters, acceptEncoding: String?) async throws -> Response {
        let now = Int64(clock.now().rounded(.down))
        var wanted: HealthState?
        if let text = query.optionalString("state") {
            guard let state = HealthState(rawValue: text) else { throw APIError(.badRequest, "Query parameter 'state' must be up or down, got \(text)") }
            wanted = state
        }
        let needle = query.optionalString("q")?.lowercased() ?? ""
        let offset = try query.optionalInt64("offset") ?? 0
        guard offset >= 0 else { throw APIError(.badRequest, "Query parameter 'offset' must be at least 0, got \(offset)") }
        let limit = try query.optionalInt64("limit")
        if let limit, !(1...1000).contains(limit) { throw APIError(.badRequest, "Query parameter 'limit' must be in 1...1000, got \(limit)") }

        let current = targets.targets
        let order = current.map(\.address)
        let byAddress = Dictionary(current.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let states = try await store.currentStates()
        let down = order.filter { states[$0] == .down }
        let matched = order.filter { (wanted == nil || (states[$0] ?? .up) == wanted) && (needle.isEmpty || $0.lowercased().contains(needle)) }
        let page = Array(matched.dropFirst(Int(min(offset, Int64(matched.count)))).prefix(limit.map(Int.init) ?? matched.count))

        let longest = Self.uptimeWindows.map(\.1).max() ?? 0
        let start = now - max(longest, Int64(Self.barBuckets) * Self.bucketSeconds)
        let histories = try await store.histories(addresses: page, since: start)
        let statuses = try await store.statuses(addresses: page)
        var entries: [SummaryBody.Entry] = []
        entries.reserveCapacity(page.count)
        for address in page {
            guard let target = byAddress[address], let history = histories[address], let status = statuses[address] else { continue }
            let summary = UptimeSummary.compute(stateAtStart: history.stateAtStart, start: start, changes: history.changes, now: now,
                                                windows: Self.uptimeWindows.map(\.1), bucketCount: Self.barBuckets, bucketSpan: Self.bucketSeconds)
            let row = TargetBody(target: target, status: status)
            entries.append(SummaryBody.Entry(
                address: address, check: row.check, endpoint: row.endpoint, state: status.state, since: status.since, degraded: row.degraded,
                lastCheck: row.lastCheck,
                uptime: Dictionary(uniqueKeysWithValues: zip(Self.uptimeWindows.map(\.0), summary.uptime)),
                bar: summary.buckets.map(\.downSeconds), bucketOutages: summary.buckets.map(\.outages),
                outages: summary.outages.map { [$0.start, $0.end] }))
        }
        let body = SummaryBody(now: now, bucketSeconds: Self.bucketSeconds, total: order.count, matched: matched.count, offset: Int(offset),
                               counts: .init(up: order.count - down.count, down: down.count,
                                             degraded: try await store.degradedAddresses().intersection(order).count),
                               worst: try await worstDay(now: now, order: order, down: down),
                               targets: entries)
        return JSONResponse.make(body, acceptEncoding: acceptEncoding)
    }

    /// The target with the lowest uptime over the last 24 h. Only a target that changed in that
    /// day or is down now can be below 100 %, so only those are read.
    func worstDay(now: Int64, order: [String], down: [String]) async throws -> SummaryBody.Worst? {
        let start = now - 86_400
        let changed = try await store.addressesWithChanges(after: start).union(down)
        var worst: SummaryBody.Worst?
        for (address, history) in try await store.histories(addresses: order.filter(changed.contains), since: start) {
            let uptime = UptimeSummary.compute(stateAtStart: history.stateAtStart, start: start, changes: history.changes, now: now,
                                               windows: [86_400], bucketCount: 1, bucketSpan: 86_400).uptime[0]
            guard uptime < 1 else { continue }
            if let current = worst, current.uptime24h < uptime || (current.uptime24h == uptime && current.address < address) { continue }
            worst = .init(address: address, uptime24h: uptime)
        }
        return worst
    }

    struct TimelineBody: Encodable {
        struct Event: Encodable {
            var address: String
            var state: HealthState
            var timestamp: Int64
            var zellularIndex: Int?
            var signers: [String]?
            var nonSigners: [String]?

            enum CodingKeys: String, CodingKey {
                case address, state, timestamp, signers
                case zellularIndex = "zellular_index"
                case nonSigners = "non_signers"
            }
        }

        struct Rejection: Encodable {
            var zellularIndex: Int
            var reason: String

            enum CodingKeys: String, CodingKey {
                case reason
                case zellularIndex = "zellular_index"
            }
        }

        var events: [Event]
        var rejections: [Rejection]
    }

    /// `GET /timeline?limit=` — the latest applied events (with who signed) and refusals.
    func timeline(_ query: QueryParameters) async throws -> Response {
        let limit = try query.optionalInt64("limit") ?? 50
        guard (1...1000).contains(limit) else { throw APIError(.badRequest, "Query parameter 'limit' must be in 1...1000, got \(limit)") }
        let members = cluster?.role.registry?.nodes.map(\.name)
        let events = try await store.recentEvents(limit: Int(limit)).map { event -> TimelineBody.Event in
            let nonSigners = event.proof.flatMap { try? StateEvent.parse(object: Data($0.utf8)) }.flatMap { $0.aggregatedSignature == nil ? nil : $0.nonSigningNodes ?? [] }
            return TimelineBody.Event(address: event.change.address, state: event.change.state, timestamp: event.change.timestamp,
                                      zellularIndex: event.zellularIndex,
                                      signers: nonSigners.flatMap { excluded in members?.filter { !excluded.contains($0) } },
                                      nonSigners: nonSigners)
        }
        let rejections = try await store.rejections(limit: Int(limit)).map { TimelineBody.Rejection(zellularIndex: $0.zellularIndex, reason: $0.reason) }
        return JSONResponse.make(TimelineBody(events: events, rejections: rejections))
    }

    /// `GET /metrics` — Prometheus text format; the Zellular gauges are read at scrape time.
    func metricsText() async throws -> Response {
        guard let metrics else { throw APIError(.notFound, "Metrics are not enabled on this node") }
        if let status = cluster?.status {
            let cursor = try await store.cursor(app: status.app)
            metrics.zellular(cursor: cursor.index, lag: await status.lag(cursor: cursor.index), outbox: try await store.pendingOutbox().count)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
    }

    /// `GET /registry` — the cluster's `monitoring_nodes.json` (public keys and proofs of possession).
    func registryDocument() throws -> Response {
        guard let registry = cluster?.role.registry else { throw APIError(.notFound, "This node has no cluster registry") }
        return JSONResponse.raw(Registry.document(registry.nodes))
    }
}
