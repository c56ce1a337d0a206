import ArgusProof

/// The `settlement:` section: fixed epochs, each settled into one quorum-signed Merkle root over
/// every target's downtime (`GET /epochs`). Needs cluster mode verifiable.
public struct SettlementSettings: Sendable, Hashable {
    /// The epoch length `L` in seconds: epoch `n` is `[n·L, (n+1)·L)`. At least 10.
    public var epochLength: Int64
    /// The deployment's 32-byte domain, signed into every statement.
    public var domain: Bytes32
    /// Once a quorum has signed, how long to wait for the other members before aggregating.
    public var wait: Double = 10

    public init(epochLength: Int64, domain: Bytes32) {
        self.epochLength = epochLength
        self.domain = domain
    }
}
