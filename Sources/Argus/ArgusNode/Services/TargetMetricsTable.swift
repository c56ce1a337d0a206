import Prometheus
import Synchronization

/// Each target's metrics — checks by result, check latency, confirmed state, degraded — kept in
/// one table and written in Prometheus's text format after the registry's families
/// (`NodeMetrics.render`), with the names, labels and number formats the registry used for them.
///
/// Not in swift-prometheus's registry: there every new label set copies its family's whole table
/// (2.4.1, `MetricFamily.adding`), so a node's first round of checks cost O(N²) in the number of
/// targets; at 10,000 targets it took most of a core for the best part of a minute, under a lock
/// every check waited on, and the node fell behind its schedule. Here a target's first check adds
/// one entry, and each check updates it in place.
final class TargetMetricsTable: Sendable {
    /// Upper bounds of the latency buckets (the +Inf bucket is the count).
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    struct Entry {
        /// Checks by result.
        var up = 0
        var down = 0
        /// The confirmed state is up.
        var isUp = false
        /// The latest check found it up but degraded.
        var degraded = false
        /// Observations in `(buckets[i - 1], buckets[i]]` (those above every bound only in
        /// `count`); the cumulative counts the text format wants are summed when written.
        var buckets = [Int](repeating: 0, count: TargetMetricsTable.buckets.count)
        var sum = Duration.zero
        var count = 0

        mutating func record(healthy: Bool, latency: Duration, isUp: Bool, degraded: Bool) {
            if healthy { up += 1 } else { down += 1 }
            if let index = TargetMetricsTable.buckets.firstIndex(where: { latency <= $0 }) { buckets[index] += 1 }
            sum += latency
            count += 1
            self.isUp = isUp
            self.degraded = degraded
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    func record(_ address: String, healthy: Bool, latency: Duration, isUp: Bool, degraded: Bool) {
        entries.withLock { $0[address, default: Entry()].record(healthy: healthy, latency: latency, isUp: isUp, degraded: degraded) }
    }

    /// The four families, targets in address order; a result's counter appears with the first
    /// check of that result.
    func render(into text: inout String) {
        let all = entries.withLock { $0 }.sorted { $0.key < $1.key }
        guard !all.isEmpty else { return }
        let labels = all.map { "address=\"\(Self.escaped($0.key))\"" }
        family(&text, "argus_checks_total", "counter", "Completed checks by target and result.")
        for (label, (_, entry)) in zip(labels, all) {
            if entry.up > 0 { text += "argus_checks_total{\(label),result=\"up\"} \(entry.up)\n" }
            if entry.down > 0 { text += "argus_checks_total{\(label),result=\"down\"} \(entry.down)\n" }
        }
        family(&text, "argus_check_latency_seconds", "histogram", "Check latency by target.")
        for (label, (_, entry)) in zip(labels, all) {
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, entry.buckets) {
                cumulative += count
                text += "argus_check_latency_seconds_bucket{\(label),le=\"\(bound.bucketRepresentation)\"} \(cumulative)\n"
            }
            text += "argus_check_latency_seconds_bucket{\(label),le=\"+Inf\"} \(entry.count)\n"
            text += "argus_check_latency_seconds_sum{\(label)} \(entry.sum.bucketRepresentation)\n"
            text += "argus_check_latency_seconds_count{\(label)} \(entry.count)\n"
        }
        family(&text, "argus_target_up", "gauge", "Confirmed state of a target: 1 up, 0 down.")
        for (label, (_, entry)) in zip(labels, all) { text += "argus_target_up{\(label)} \(entry.isUp ? 1.0 : 0.0)\n" }
        family(&text, "argus_target_degraded", "gauge", "1 if the latest check found the target up but degraded (EigenLayer 206).")
        for (label, (_, entry)) in zip(labels, all) { text += "argus_target_degraded{\(label)} \(entry.degraded ? 1.0 : 0.0)\n" }
    }

    private func family(_ text: inout String, _ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// A label value as the text format writes it: backslash, double quote and newline escaped.
    static func escaped(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
