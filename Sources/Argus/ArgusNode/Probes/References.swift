import ArgusCore
import Synchronization

/// The latest JSON answers of the targets other targets' conditions refer to
/// (`refs: {head: {target: 0x…, value: $.height}}`): recorded after each accepted answer of a
/// referenced target, read when a referring target is judged. An answer older than three of its
/// target's intervals is stale, and a stale or missing one makes the reference unavailable (the
/// conditions that read it say nothing; `Condition.Verdict.unknown`).
public final class References: Sendable {
    struct Answer {
        var json: JSONValue
        var at: Double
        var maxAge: Double
    }

    private struct State {
        var tracked: Set<String> = []
        var answers: [String: Answer] = [:]
    }

    private let state = Mutex(State())

    public init(targets: [Target] = []) {
        track(targets)
    }

    /// Tracks the answers of every target `targets` refer to (again after a reload); answers of
    /// targets no longer referred to are forgotten.
    public func track(_ targets: [Target]) {
        var referenced = Set<String>()
        for target in targets {
            if case let .http(check) = target.check { referenced.formUnion(check.references.values.map(\.target)) }
        }
        state.withLock { state in
            state.tracked = referenced
            state.answers = state.answers.filter { referenced.contains($0.key) }
        }
    }

    func tracks(_ address: String) -> Bool {
        state.withLock { $0.tracked.contains(address) }
    }

    func record(_ address: String, json: JSONValue, at time: Double, interval: Double) {
        state.withLock { state in
            guard state.tracked.contains(address) else { return }
            state.answers[address] = Answer(json: json, at: time, maxAge: 3 * interval)
        }
    }

    /// The current value of each of `check`'s references; `nil` where unavailable.
    func values(for check: HTTPCheck, now: Double) -> [String: JSONValue?] {
        guard !check.references.isEmpty else { return [:] }
        return state.withLock { state in
            check.references.mapValues { reference -> JSONValue? in
                guard let answer = state.answers[reference.target], now - answer.at <= answer.maxAge else { return nil }
                return answer.json.value(at: reference.path)
            }
        }
    }
}
