import ZellularHash

/// Follows one app's finalized stream the way the SDK's `batches(after:)` does
/// (`zellular-protocol.md` §8) — feed it the responses of `GET …/batches/finalized?after=N` and it
/// returns the batches it could verify — and stricter where the SDK trusts the server:
///
/// - the chaining hash is always recomputed from the bodies; a server's `first_chaining_hash` or a
///   signature's `chaining_hash` that disagrees with ours is refused at once (the SDK would only
///   fail at the next signature, or loop);
/// - signatures must be in ascending order, inside the returned range, over state `locked`,
///   chained by `parent_index` to the previous sync point, with non-decreasing timestamps;
/// - each is verified by `FinalityVerifier` (exact quorum, strict non-signers, pairing check).
///
/// Bodies after the last signature of a response are not handed out; the next request starts
/// from the last verified sync point, so the stream's position is always a sync point.
/// Pure: no I/O. `ZellularClient` performs the requests.
public struct FinalizedStream: Sendable {
    public let verifier: FinalityVerifier
    /// Index of the last batch handed out (0 = none).
    public private(set) var index: Int
    /// The chaining hash at `index`; `nil` when resuming without it (then the next response
    /// supplies it, and the next signature proves it).
    public private(set) var chainingHash: String?
    /// The last verified sync point (index and timestamp), when known.
    public private(set) var lastSyncPoint: (index: Int, timestamp: Int)?

    public struct Batch: Sendable, Hashable {
        public var body: String
        /// The finalization timestamp of the first sync point at or after this batch.
        public var timestamp: Int
        public var index: Int
        /// The chaining hash at this batch (verified by the sync point that covers it).
        public var chainingHash: String
        /// Whether this batch is a sync point (a position to resume from without re-reading it).
        public var isSyncPoint: Bool

        public init(body: String, timestamp: Int, index: Int, chainingHash: String = "", isSyncPoint: Bool = false) {
            self.body = body
            self.timestamp = timestamp
            self.index = index
            self.chainingHash = chainingHash
            self.isSyncPoint = isSyncPoint
        }
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case verification(FinalityVerifier.Failure)
        case inconsistent(String)
        case unknownTag(Int)

        public var description: String {
            switch self {
            case let .verification(failure): "\(failure)"
            case let .inconsistent(reason): "inconsistent response: \(reason)"
            case let .unknownTag(tag): "no operator set is known for tag \(tag)"
            }
        }
    }

    /// Starts after batch `index` (0 = from the beginning). Pass the chaining hash at `index` and
    /// whether `index` is a sync point when they are known (a stored cursor); otherwise the first
    /// response re-reads batch `index` to learn its chaining hash. A known chaining hash at a
    /// batch that is not a sync point is verified by the next signature (its parent is not known).
    public init(verifier: FinalityVerifier, after index: Int = 0, chainingHash: String? = nil, isSyncPoint: Bool = false) {
        precondition(index >= 0, "indices start at 1; 0 means nothing")
        self.verifier = verifier
        self.index = index
        self.chainingHash = index == 0 ? "" : chainingHash
        self.lastSyncPoint = index == 0 ? (0, 0) : (isSyncPoint && chainingHash != nil ? (index, 0) : nil)
    }

    /// The `after` to request next.
    public var nextAfter: Int { chainingHash == nil ? index - 1 : index }

    /// Consumes one response to `GET …/finalized?after=\(nextAfter)` (`nil` for `data: null`).
    /// - Parameter operators: the operator set for a signature's tag.
    public mutating func consume(
        _ response: FinalizedBatches?, operators: (Int) -> OperatorSet?
    ) throws(Failure) -> [Batch] {
        guard let response, !response.batches.isEmpty else { return [] }
        // Signatures must be ascending and inside the returned range.
        let range = (nextAfter + 1)...(nextAfter + response.batches.count)
        var previousIndex = nextAfter
        for signature in response.finalizedSignatures {
            guard signature.index > previousIndex, range.contains(signature.index) else {
                throw .inconsistent("finalized signature for index \(signature.index) is out of order or outside \(range)")
            }
            previousIndex = signature.index
        }
        var signatures = response.finalizedSignatures[...]
        var bodies = response.batches[...]
        var position = nextAfter
        var chain: String
        if let known = chainingHash {
            chain = known
            let first = ChainingHash.next(previous: chain, body: bodies[bodies.startIndex])
            guard response.firstChainingHash == first else {
                throw .inconsistent("first_chaining_hash \(response.firstChainingHash) is not the chaining hash of batch \(position + 1) (\(first))")
            }
        } else {
            // Resuming at `index` without its chaining hash: take the server's (the next signature
            // proves it) and skip the batch itself. If `index` is a sync point, its own signature
            // proves the claim at once, and fixes the parent of the next one (the SDK would spin).
            chain = response.firstChainingHash
            bodies = bodies.dropFirst()
            position += 1
            if let own = signatures.first, own.index == position {
                signatures = signatures.dropFirst()
                try check(own, chainingHash: chain, operators: operators)
                chainingHash = chain
                lastSyncPoint = (position, own.timestamp)
            }
        }
        guard !bodies.isEmpty else { return [] }

        var pending: [(String, Int, String)] = []
        var verified: [Batch] = []
        for body in bodies {
            position += 1
            chain = ChainingHash.next(previous: chain, body: body)
            pending.append((body, position, chain))
            guard let signature = signatures.first, signature.index == position else { continue }
            signatures = signatures.dropFirst()
            if let last = lastSyncPoint {
                guard signature.parentIndex == last.index else {
                    throw .inconsistent("sync point \(position) has parent_index \(signature.parentIndex), expected \(last.index)")
                }
                guard signature.timestamp >= last.timestamp else {
                    throw .inconsistent("sync point \(position) is timestamped \(signature.timestamp), before \(last.timestamp)")
                }
            }
            try check(signature, chainingHash: chain, operators: operators)
            verified += pending.map {
                Batch(body: $0.0, timestamp: signature.timestamp, index: $0.1, chainingHash: $0.2, isSyncPoint: $0.1 == position)
            }
            pending.removeAll()
            index = position
            chainingHash = chain
            lastSyncPoint = (position, signature.timestamp)
        }
        return verified
    }

    /// A sync point's claimed chaining hash must be the one we computed, and its signature must verify.
    private func check(_ signature: FinalitySignature, chainingHash chain: String, operators: (Int) -> OperatorSet?) throws(Failure) {
        guard signature.chainingHash == chain else {
            throw .inconsistent("sync point \(signature.index) claims chaining hash \(signature.chainingHash), the bodies give \(chain)")
        }
        guard let set = operators(signature.tag) else { throw .unknownTag(signature.tag) }
        do throws(FinalityVerifier.Failure) {
            try verifier.verify(signature, chainingHash: chain, operators: set)
        } catch {
            throw .verification(error)
        }
    }
}
