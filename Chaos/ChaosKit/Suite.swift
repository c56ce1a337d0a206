import Foundation

extension ChaosContext {
    /// The suite, in order: the scenarios `only` names (all by default). `quick`: the short subset
    /// (fewer kills, a short outage, fewer fuzz requests; no disk, clock or load scenarios).
    public func suite(only: Set<String>? = nil, quick: Bool = false) async -> [ScenarioResult] {
        let scenarios: [(String, () async -> ScenarioResult)] = [
            ("partition", { await self.partitionOne() }),
            ("halves", { await self.partitionHalves() }),
            ("slow", { await self.slowPeers() }),
            ("byzantine", { await self.byzantine() }),
            ("fuzz", { await self.fuzz(requests: quick ? 3_000 : 100_000) }),
            ("sequencer", { await self.sequencerOutage(seconds: quick ? 15 : 60) }),
            ("kill9", { await self.killNine(times: quick ? 10 : 100) }),
            ("disk", { await self.diskFull() }),
            ("clock", { await self.clockSkew() }),
            ("load", { await self.load() }),
        ]
        let quickSet: Set<String> = ["partition", "slow", "byzantine", "fuzz", "kill9"]
        var results: [ScenarioResult] = []
        for (name, scenario) in scenarios where (only?.contains(name) ?? true) && (!quick || only != nil || quickSet.contains(name)) {
            results.append(await scenario())
        }
        return results
    }

    /// The results as the table RELIABILITY.md records.
    public static func table(_ results: [ScenarioResult]) -> String {
        var lines = ["scenario                reps    time    result"]
        for result in results {
            lines.append(result.row)
            for note in result.notes { lines.append("    · \(note)") }
            for violation in result.violations.dropFirst(3) { lines.append("    ✗ \(violation)") }
        }
        return lines.joined(separator: "\n")
    }
}
