/// `data` of `GET /node/{app}/batches/finalized?after=N` (`zellular-protocol.md` §4.2).
public struct FinalizedBatches: Codable, Sendable, Hashable {
    public var batches: [String]
    /// The chaining hash **of** the first batch in `batches` (index `after + 1`).
    public var firstChainingHash: String
    public var finalizedSignatures: [FinalitySignature]

    enum CodingKeys: String, CodingKey {
        case batches
        case firstChainingHash = "first_chaining_hash"
        case finalizedSignatures = "finalized_signatures"
    }

    public init(batches: [String], firstChainingHash: String, finalizedSignatures: [FinalitySignature]) {
        self.batches = batches
        self.firstChainingHash = firstChainingHash
        self.finalizedSignatures = finalizedSignatures
    }
}

/// A finalization signature over one sync point (`BatchSignatureInfo`, §4.2).
public struct FinalitySignature: Codable, Sendable, Hashable {
    public var state: String
    /// mcl decimal G1 string of the aggregate signature.
    public var signature: String
    public var chainingHash: String
    public var nonsigners: [String]?
    public var index: Int
    public var parentIndex: Int
    public var tag: Int
    public var timestamp: Int

    enum CodingKeys: String, CodingKey {
        case state, signature, nonsigners, index, tag, timestamp
        case chainingHash = "chaining_hash"
        case parentIndex = "parent_index"
    }

    public init(state: String = "locked", signature: String, chainingHash: String, nonsigners: [String]? = [], index: Int,
                parentIndex: Int, tag: Int, timestamp: Int) {
        self.state = state
        self.signature = signature
        self.chainingHash = chainingHash
        self.nonsigners = nonsigners
        self.index = index
        self.parentIndex = parentIndex
        self.tag = tag
        self.timestamp = timestamp
    }
}
