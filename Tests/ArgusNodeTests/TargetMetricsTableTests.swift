@testable import ArgusNode
import Prometheus
import Testing

/// Each target's metrics are written outside swift-prometheus's registry (which registers a label
/// set in O(N)); the text must be what the registry wrote for the same checks.
struct TargetMetricsTableTests {
    @Test func writesWhatTheRegistryWroteForTheSameChecks() {
        let table = TargetMetricsTable()
        let registry = PrometheusCollectorRegistry()
        let checks: [(address: String, healthy: Bool, milliseconds: Int64, up: Bool, degraded: Bool)] = [
            ("0xNodeA123", true, 3, true, false), ("0xNodeA123", false, 120, false, false), ("0xNodeB456", true, 7_000, true, true),
            ("0xNodeA123", true, 40, true, false), ("0xNodeC789", false, 10_000, false, false), ("0xNodeC789", false, 12_345, false, false),
        ]
        for check in checks {
            table.record(check.address, healthy: check.healthy, latency: .milliseconds(check.milliseconds), isUp: check.up, degraded: check.degraded)
            // What NodeMetrics did before, through the registry.
            let address = [("address", check.address)]
            registry.makeCounter(descriptor: NodeMetrics.name("checks", "total", "Completed checks by target and result."),
                                 labels: address + [("result", check.healthy ? "up" : "down")]).increment()
            registry.makeDurationHistogram(descriptor: NodeMetrics.name("check_latency", "seconds", "Check latency by target."),
                                           labels: address, buckets: TargetMetricsTable.buckets).record(.milliseconds(check.milliseconds))
            registry.makeGauge(descriptor: NodeMetrics.name("target_up", "", "Confirmed state of a target: 1 up, 0 down."),
                               labels: address).set(check.up ? Double(1) : Double(0))
            registry.makeGauge(descriptor: NodeMetrics.name("target_degraded", "", "1 if the latest check found the target up but degraded (EigenLayer 206)."),
                               labels: address).set(check.degraded ? Double(1) : Double(0))
        }
        var text = ""
        table.render(into: &text)
        // The registry orders families and series as its tables hash; the lines are the same.
        #expect(text.split(separator: "\n").sorted() == registry.emitToString().split(separator: "\n").sorted())
        #expect(text.contains(#"argus_checks_total{address="0xNodeA123",result="down"} 1"#))
        #expect(text.contains(#"argus_check_latency_seconds_bucket{address="0xNodeC789",le="10.0"} 1"#))
        #expect(text.contains(#"argus_check_latency_seconds_sum{address="0xNodeC789"} 22.345"#))
        #expect(!text.contains(#"address="0xNodeB456",result="down""#))   // no down check yet: no series
    }

    @Test func nothingBeforeTheFirstCheck() {
        var text = ""
        TargetMetricsTable().render(into: &text)
        #expect(text.isEmpty)
    }

    @Test func labelValuesAreEscaped() {
        #expect(TargetMetricsTable.escaped("0xNodeA123") == "0xNodeA123")
        #expect(TargetMetricsTable.escaped("a\"b\\c\nd") == #"a\"b\\c\nd"#)
    }
}
