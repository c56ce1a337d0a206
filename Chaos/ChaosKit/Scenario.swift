import Foundation

/// One chaos scenario's outcome: what was injected, what was checked, and what did not hold.
public struct ScenarioResult: Sendable {
    public var name: String
    public var repetitions: Int
    public var injected: String
    public var checked: String
    public var violations: [String]
    public var notes: [String]
    public var seconds: Double
    /// Not run here (e.g. no tmpfs), and why.
    public var skipped: String?

    public init(name: String, repetitions: Int, injected: String, checked: String, violations: [String] = [], notes: [String] = [],
                seconds: Double = 0, skipped: String? = nil) {
        self.name = name
        self.repetitions = repetitions
        self.injected = injected
        self.checked = checked
        self.violations = violations
        self.notes = notes
        self.seconds = seconds
        self.skipped = skipped
    }

    public var held: Bool { violations.isEmpty }

    public var row: String {
        let verdict = skipped.map { "skipped: \($0)" } ?? (held ? "held" : "VIOLATED: " + violations.prefix(3).joined(separator: "; "))
        let count = "×\(repetitions)"
        return "\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(count.padding(toLength: max(7, count.count), withPad: " ", startingAt: 0)) "
            + "\(String(format: "%6.1f s", seconds))  \(verdict)"
    }
}

/// What every scenario gets: the `argus` binary, a scratch directory, a seeded random source,
/// and a way to say what it is doing.
public final class ChaosContext: @unchecked Sendable {
    public let argus: URL
    public let directory: URL
    public var random: SeededRandom
    public let say: @Sendable (String) -> Void

    public init(argus: URL, directory: URL, seed: UInt64, say: @escaping @Sendable (String) -> Void) {
        self.argus = argus
        self.directory = directory
        self.random = SeededRandom(seed: seed)
        self.say = say
    }

    /// A fresh directory for one scenario.
    public func scratch(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a scenario, timing it; an error it throws is a violation.
    public func run(_ name: String, repetitions: Int, injected: String, checked: String,
                    _ body: (inout ScenarioResult) async throws -> Void) async -> ScenarioResult {
        var result = ScenarioResult(name: name, repetitions: repetitions, injected: injected, checked: checked)
        say("▶ \(name): \(injected)")
        let started = Date()
        do {
            try await body(&result)
        } catch {
            result.violations.append("\(error)")
        }
        await ChaosCluster.shutdownAll()
        result.seconds = Date().timeIntervalSince(started)
        say(result.row)
        return result
    }
}

/// SplitMix64: the scenarios' seeded randomness (a seed replays a run's choices).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
