import ArgusCore
import Prometheus

/// The node's Prometheus metrics (`GET /metrics`, text exposition format via swift-prometheus):
/// per-target confirmed state and check latency, checks by result, events proposed / applied /
/// rejected (by reason), peer requests by outcome, and the Zellular cursor, lag and outbox depth
/// (set when scraped). One registry per node, no global state.
public final class NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    /// Each target's metrics, outside the registry (where each new label set costs O(N)).
    let perTarget = TargetMetricsTable()

    public init() {}

    static func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "argus", metricName: name, unitName: unit, helpText: help)
    }

    func checked(_ target: Target, _ outcome: ProbeOutcome, state: HealthState) {
        perTarget.record(target.address, healthy: outcome.healthy, latency: .milliseconds(Int64(outcome.latency * 1000)),
                         isUp: state == .up, degraded: outcome.degraded)
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

    /// The exposition text: the registry's families, then each target's.
    public func render() -> String {
        var text = registry.emitToString()
        perTarget.render(into: &text)
        return text
    }
}
