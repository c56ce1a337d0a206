import ArgusCore
import Prometheus
import Synchronization

/// The node's Prometheus metrics (`GET /metrics`, text exposition format via swift-prometheus):
/// per-target confirmed state and check latency, checks by result, events proposed / applied /
/// rejected (by reason), peer requests by outcome, and the Zellular cursor, lag and outbox depth
/// (set when scraped). One registry per node, no global state.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    static let latencyBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                             .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    /// Each target's metrics, made once: the registry copies its table of metrics on every
    /// `make…` call, which at 10,000 targets cost a fifth of the node's CPU when done per check.
    private let perTarget = Mutex<[String: TargetMetrics]>([:])

    struct TargetMetrics {
        var up: Counter?
        var down: Counter?
        let latency: DurationHistogram
        let state: Gauge
        let degraded: Gauge
    }

    public init() {}

    static func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "argus", metricName: name, unitName: unit, helpText: help)
    }

    func checked(_ target: Target, _ outcome: ProbeOutcome, state: HealthState) {
        let metrics = perTarget.withLock { all in
            var metrics = all[target.address] ?? TargetMetrics(
                latency: registry.makeDurationHistogram(descriptor: Self.name("check_latency", "seconds", "Check latency by target."),
                                                        labels: [("address", target.address)], buckets: Self.latencyBuckets),
                state: registry.makeGauge(descriptor: Self.name("target_up", "", "Confirmed state of a target: 1 up, 0 down."),
                                          labels: [("address", target.address)]),
                degraded: registry.makeGauge(descriptor: Self.name("target_degraded", "", "1 if the latest check found the target up but degraded (EigenLayer 206)."),
                                             labels: [("address", target.address)]))
            // A result's counter appears with its first check of that result, as before.
            if outcome.healthy, metrics.up == nil { metrics.up = counter(target.address, result: "up") }
            if !outcome.healthy, metrics.down == nil { metrics.down = counter(target.address, result: "down") }
            all[target.address] = metrics
            return metrics
        }
        (outcome.healthy ? metrics.up : metrics.down)?.increment()
        metrics.latency.record(.milliseconds(Int64(outcome.latency * 1000)))
        metrics.state.set(state == .up ? Double(1) : Double(0))
        metrics.degraded.set(outcome.degraded ? Double(1) : Double(0))
    }

    private func counter(_ address: String, result: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("checks", "total", "Completed checks by target and result."),
                             labels: [("address", address), ("result", result)])
    }

    /// A proposal's outcome: `proposed` (in the outbox) or `no_quorum`.
    func proposal(_ outcome: String) {
        registry.makeCounter(descriptor: Self.name("events_proposed", "total", "State changes this node proposed, by outcome."),
                             labels: [("outcome", outcome)]).increment()
    }

    func applied(_ count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.name("events_applied", "total", "Replicated events applied.")).increment(by: Int64(count))
    }

    func rejected(kind: String) {
        registry.makeCounter(descriptor: Self.name("events_rejected", "total", "Replicated events refused, by reason."),
                             labels: [("reason", kind)]).increment()
    }

    /// A request to a peer: `kind` state or downtime, `outcome` ok or failed.
    func peerRequest(_ kind: String, ok: Bool) {
        registry.makeCounter(descriptor: Self.name("peer_requests", "total", "Requests to other monitoring nodes, by kind and outcome."),
                             labels: [("kind", kind), ("outcome", ok ? "ok" : "failed")]).increment()
    }

    /// A `/state` request this node answered: `signed` or `refused`.
    public func attestation(_ outcome: String) {
        registry.makeCounter(descriptor: Self.name("state_requests", "total", "Requests to this node's /state, by outcome."),
                             labels: [("outcome", outcome)]).increment()
    }

    /// Whether every member that answered reports this node's target set (set when `/cluster` looks).
    public func targetSetAgreement(_ agree: Bool) {
        registry.makeGauge(descriptor: Self.name("target_set_agreement", "", "1 if every member answering /health monitors this node's target set.")).set(agree ? Double(1) : Double(0))
    }

    public func zellular(cursor: Int, lag: Int?, outbox: Int) {
        registry.makeGauge(descriptor: Self.name("zellular_cursor", "", "Index of the last Zellular batch applied.")).set(Double(cursor))
        if let lag { registry.makeGauge(descriptor: Self.name("zellular_lag", "batches", "Finalized batches not applied yet.")).set(Double(lag)) }
        registry.makeGauge(descriptor: Self.name("outbox_depth", "", "Proposals not yet seen finalized.")).set(Double(outbox))
    }

    /// The exposition text.
    public func render() -> String { registry.emitToString() }
}
