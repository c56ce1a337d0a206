/// A Zellular node's JSON envelopes (`zellular-protocol.md` §3): success
/// `{"status":"success","message":…,"data":…}` or error `{"status":"error","error":{"code","message"}}`.
public struct Envelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    public var status: String
    public var message: String?
    public var data: Payload?
    public var error: ErrorBody?

    public struct ErrorBody: Codable, Sendable, Hashable {
        public var code: String
        public var message: String
    }
}
