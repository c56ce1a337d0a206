import PythonJSON

/// The message Zellular operators sign at a sync point (`zellular-protocol.md` §6; zsequencer
/// `common/bls.py`, `node/tasks.py`, SDK `_verify_finalized`).
///
/// The six fields are serialised exactly as Python's `json.dumps(obj, sort_keys=True)` does with
/// its defaults, hashed with XXH3-128, and the BN254 signature covers the 32 ASCII bytes of that
/// hex digest.
public struct SyncPointMessage: Sendable, Hashable {
    /// The application the batches belong to.
    public var appName: String
    /// The signed state: `"sequenced"` for a locking signature, `"locked"` for a finalization.
    public var state: String
    /// Sync-point index.
    public var index: Int
    /// Chaining hash at `index` (32 lower-case hex characters).
    public var chainingHash: String
    /// `0` for locking; the sequencer's Unix time for finalization.
    public var timestamp: Int
    /// Previous finalized sync point (0 if none).
    public var parentIndex: Int

    public init(
        appName: String, state: String, index: Int, chainingHash: String, timestamp: Int,
        parentIndex: Int
    ) {
        self.appName = appName
        self.state = state
        self.index = index
        self.chainingHash = chainingHash
        self.timestamp = timestamp
        self.parentIndex = parentIndex
    }

    /// A locking request: `state "sequenced"`, `timestamp 0`.
    public static func locking(appName: String, index: Int, chainingHash: String, parentIndex: Int)
        -> SyncPointMessage
    {
        SyncPointMessage(
            appName: appName, state: "sequenced", index: index, chainingHash: chainingHash,
            timestamp: 0, parentIndex: parentIndex)
    }

    /// A finalization request: `state "locked"`, the sequencer's wall-clock `timestamp`.
    public static func finalization(
        appName: String, index: Int, chainingHash: String, timestamp: Int, parentIndex: Int
    ) -> SyncPointMessage {
        SyncPointMessage(
            appName: appName, state: "locked", index: index, chainingHash: chainingHash,
            timestamp: timestamp, parentIndex: parentIndex)
    }

    /// `json.dumps(fields, sort_keys=True)`: keys in sorted order (`app_name, chaining_hash,
    /// index, parent_index, state, timestamp`), separators `", "` and `": "`, ASCII-only output.
    public var json: String {
        var out: String = "{\"app_name\": "
        out += pythonJSONString(appName)
        out += ", \"chaining_hash\": "
        out += pythonJSONString(chainingHash)
        out += ", \"index\": " + String(index)
        out += ", \"parent_index\": " + String(parentIndex)
        out += ", \"state\": " + pythonJSONString(state)
        out += ", \"timestamp\": " + String(timestamp)
        out += "}"
        return out
    }

    /// `xxh128_hexdigest(json)`: the 32-character text whose ASCII bytes are signed.
    public var digest: String {
        xxh128Hex(json)
    }

    /// The bytes handed to BN254 hash-to-G1 and signing: the ASCII bytes of ``digest``.
    public var signedBytes: [UInt8] {
        Array(digest.utf8)
    }
}
