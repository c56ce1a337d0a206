import ArgusStore
import Hummingbird
import NIOCore
import Synchronization

/// Bounded work per request on the routes that cost a signature, a peer round or a pairing
/// (`/state`, signed `/downtime`, `/aggregate_downtime`, `/epochs/…`, `/cluster`, `/metrics`): each has a token
/// bucket per client address and a cap on requests in flight. Past either, the answer is 429 with
/// `retry_after` — never queued work.
public struct RequestLimits: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        /// Sustained requests per second per client, and the burst above it.
        public var rate: Double
        public var burst: Double
        /// Requests of this route in flight at once, all clients together.
        public var concurrent: Int

        public init(rate: Double, burst: Double, concurrent: Int) {
            self.rate = rate
            self.burst = burst
            self.concurrent = concurrent
        }
    }

    /// A peer asks once per change it proposes; a burst covers a cluster-wide outage of many targets.
    public var state = Rule(rate: 50, burst: 200, concurrent: 64)
    public var downtime = Rule(rate: 50, burst: 200, concurrent: 64)
    /// Every peer signs for it: the costliest.
    public var aggregateDowntime = Rule(rate: 2, burst: 10, concurrent: 4)
    /// Epoch reports and proofs: a large report is megabytes of JSON; a signature may cost a
    /// computation over every target once.
    public var epochs = Rule(rate: 20, burst: 100, concurrent: 16)
    /// Ping every peer and check the sequencer's signature (the dashboard polls every 5 s).
    public var status = Rule(rate: 20, burst: 40, concurrent: 8)

    public init() {}
}

/// Token buckets per client, pure: the time is an input. Bounded memory: when it holds too many
/// clients, the ones whose bucket has refilled are forgotten (they would start full anyway).
public struct TokenBuckets: Sendable {
    public let rule: RequestLimits.Rule
    public let maxClients: Int
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    public init(rule: RequestLimits.Rule, maxClients: Int = 10_000) {
        self.rule = rule
        self.maxClients = maxClients
    }

    /// Takes one token for `client` at `now`; `nil` if admitted, else the seconds until a token.
    public mutating func take(client: String, now: Double) -> Double? {
        var bucket = buckets[client] ?? (rule.burst, now)
        bucket.tokens = min(rule.burst, bucket.tokens + max(0, now - bucket.at) * rule.rate)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return (1 - bucket.tokens) / rule.rate
        }
        bucket.tokens -= 1
        buckets[client] = bucket
        if buckets.count > maxClients {
            buckets = buckets.filter { $0.value.tokens + (now - $0.value.at) * rule.rate < rule.burst }
        }
        return nil
    }

    public var clients: Int { buckets.count }
}

/// The limiters of the costly routes.
struct RouteLimiters: Sendable {
    let state: RouteLimiter
    let downtime: RouteLimiter
    let aggregateDowntime: RouteLimiter
    let epochs: RouteLimiter
    let cluster: RouteLimiter
    let metrics: RouteLimiter

    init(_ limits: RequestLimits, clock: any WallClock) {
        state = RouteLimiter(route: "/state", rule: limits.state, clock: clock)
        downtime = RouteLimiter(route: "/downtime", rule: limits.downtime, clock: clock)
        aggregateDowntime = RouteLimiter(route: "/aggregate_downtime", rule: limits.aggregateDowntime, clock: clock)
        epochs = RouteLimiter(route: "/epochs", rule: limits.epochs, clock: clock)
        cluster = RouteLimiter(route: "/cluster", rule: limits.status, clock: clock)
        metrics = RouteLimiter(route: "/metrics", rule: limits.status, clock: clock)
    }
}

/// The limiter of one route: its buckets and its in-flight count.
final class RouteLimiter: Sendable {
    let route: String
    private let state: Mutex<(buckets: TokenBuckets, inFlight: Int)>
    let clock: any WallClock

    init(route: String, rule: RequestLimits.Rule, clock: any WallClock) {
        self.route = route
        self.state = Mutex((TokenBuckets(rule: rule), 0))
        self.clock = clock
    }

    /// Runs `body` if `client` is within its rate and the route within its cap, else throws 429.
    func run<T>(client: String, _ body: () async throws -> T) async throws -> T {
        let now = clock.now()
        let refusal: APIError? = state.withLock { state in
            if let wait = state.buckets.take(client: client, now: now) {
                let seconds = Int(min(wait, 3600).rounded(.up))
                return APIError(.tooManyRequests, "Too many requests to \(route) from this client; retry in \(seconds) s", retryAfter: seconds)
            }
            guard state.inFlight < state.buckets.rule.concurrent else {
                return APIError(.tooManyRequests, "Too many requests to \(route) in progress; retry in 1 s", retryAfter: 1)
            }
            state.inFlight += 1
            return nil
        }
        if let refusal { throw refusal }
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await body()
    }
}

/// A request context that knows the client's address, for per-client limits.
public struct NodeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// No route takes more than a small JSON body: a larger one is refused (413) unread.
    public var maxUploadSize: Int { 64 * 1024 }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address (without its port): the key of its token bucket.
    var client: String { remoteAddress?.ipAddress ?? "unknown" }
}
