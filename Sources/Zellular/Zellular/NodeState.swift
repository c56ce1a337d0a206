import Foundation
import PythonJSON

/// What a node says about itself at `GET /node/state` (`zellular-protocol.md` §4.4) — the fields
/// gateway selection needs. Decoded with exact numbers (the document carries 254-bit integers).
public struct NodeState: Sendable, Hashable {
    public struct AppProgress: Sendable, Hashable {
        public var lastSequencedIndex: Int
        public var lastLockedIndex: Int
        public var lastFinalizedIndex: Int

        public init(lastSequencedIndex: Int, lastLockedIndex: Int, lastFinalizedIndex: Int) {
            self.lastSequencedIndex = lastSequencedIndex
            self.lastLockedIndex = lastLockedIndex
            self.lastFinalizedIndex = lastFinalizedIndex
        }
    }

    public var sequencer: Bool
    public var version: String?
    public var apps: [String: AppProgress]

    public init(sequencer: Bool, version: String?, apps: [String: AppProgress]) {
        self.sequencer = sequencer
        self.version = version
        self.apps = apps
    }

    /// Parses the `data` of a `/node/state` envelope (the whole envelope is accepted too).
    public init?(json: Data) {
        struct Progress: Decodable {
            var last_sequenced_index: ExactNumber?
            var last_locked_index: ExactNumber?
            var last_finalized_index: ExactNumber?
        }
        struct State: Decodable {
            var sequencer: Bool?
            var version: String?
            var apps: [String: Progress]?
        }
        struct Wrapped: Decodable { var data: State? }
        let quoted = Data(ExactJSON.quotingNumbers(String(decoding: json, as: UTF8.self)).utf8)
        let decoder = JSONDecoder()
        guard let state = (try? decoder.decode(Wrapped.self, from: quoted).data) ?? (try? decoder.decode(State.self, from: quoted)),
              let sequencer = state.sequencer else { return nil }
        self.sequencer = sequencer
        version = state.version
        var apps: [String: AppProgress] = [:]
        for (name, progress) in state.apps ?? [:] {
            guard let locked = progress.last_locked_index.flatMap({ Int($0.text) }),
                  let finalized = progress.last_finalized_index.flatMap({ Int($0.text) }) else { continue }
            apps[name] = AppProgress(lastSequencedIndex: progress.last_sequenced_index.flatMap { Int($0.text) } ?? locked,
                                     lastLockedIndex: locked, lastFinalizedIndex: finalized)
        }
        self.apps = apps
    }
}
