/// A scripted sequence of states, e.g. `up:20,down:10,up:30`: up for 20 s, down for 10 s, up for
/// 30 s. After the last phase the target stays in the last state, or starts over if `repeats`.
public struct HealthSchedule: Sendable, Hashable {
    public struct Phase: Sendable, Hashable {
        public var health: SimulatedHealth
        public var seconds: Double
    }

    public var phases: [Phase]
    public var repeats: Bool

    public enum ParseError: Error, Hashable, CustomStringConvertible {
        case empty
        case badPhase(String)

        public var description: String {
            switch self {
            case .empty: "the schedule is empty; expected phases like up:20,down:10"
            case let .badPhase(text): "bad phase '\(text)'; expected STATE:SECONDS with STATE one of up, down, hang and SECONDS > 0"
            }
        }
    }

    public init(phases: [Phase], repeats: Bool = false) {
        self.phases = phases
        self.repeats = repeats
    }

    /// Parses `STATE:SECONDS[,STATE:SECONDS…]`.
    public init(parsing text: String, repeats: Bool = false) throws(ParseError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: true)
        guard !parts.isEmpty else { throw .empty }
        var phases: [Phase] = []
        for part in parts {
            let fields = part.split(separator: ":", maxSplits: 1)
            guard fields.count == 2,
                  let health = SimulatedHealth(rawValue: fields[0].trimmingWhitespace().lowercased()),
                  let seconds = Double(fields[1].trimmingWhitespace()), seconds > 0, seconds.isFinite
            else { throw .badPhase(String(part)) }
            phases.append(Phase(health: health, seconds: seconds))
        }
        self.init(phases: phases, repeats: repeats)
    }

    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }

    /// The state `elapsed` seconds after the schedule started.
    public func health(atElapsed elapsed: Double) -> SimulatedHealth {
        guard let last = phases.last else { return .up }
        var offset = max(0, elapsed)
        if repeats, totalSeconds > 0 { offset = offset.truncatingRemainder(dividingBy: totalSeconds) }
        for phase in phases {
            if offset < phase.seconds { return phase.health }
            offset -= phase.seconds
        }
        return last.health
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
