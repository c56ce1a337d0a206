import ArgusCore
import Crypto

/// Who proposes a change: every member ranks the cluster the same way for each (address, new
/// state), by SHA-256(address ‖ 0x00 ‖ state ‖ 0x00 ‖ member name), lowest first, ties by name.
/// The first member (the leader) proposes as soon as it confirms the change. The member ranked
/// r proposes only if no finalized event has come `r · grace` seconds after it confirmed the
/// change itself, so one change reaches Zellular once while the leader is live, and still reaches
/// it when the leader is down or partitioned away.
///
/// The order is a hash of what is proposed, so leadership spreads over the members. Nothing of it
/// is on the wire: a Python reference node proposes every change it confirms, as it always has,
/// and a copy that comes second is refused as a duplicate by every replica.
public struct ProposalOrder: Sendable, Hashable {
    /// The registry's member names.
    public let members: [String]
    /// This node's name; one of `members`.
    public let me: String
    /// How long each rank waits after the one before it: long enough for a live member to be
    /// nudged, check, gather its peers' signatures, and have the event finalized and applied.
    public let grace: Double

    /// `nil` when `me` is not a member (such a node has no rank: it proposes at once).
    public init?(members: [String], me: String, grace: Double) {
        guard members.contains(me), grace >= 0 else { return nil }
        self.members = members
        self.me = me
        self.grace = grace
    }

    /// The members in proposing order for `address` entering `state`.
    public func ranking(address: String, state: HealthState) -> [String] {
        members.map { (name: $0, key: Self.key(address: address, state: state, member: $0)) }
            .sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.name < $1.name }
            .map(\.name)
    }

    /// This node's place (0: the leader) in the ranking, leaving out `skipping` (members known not
    /// to propose this change: unreachable, or seeing it otherwise).
    public func rank(address: String, state: HealthState, skipping: Set<String> = []) -> Int {
        ranking(address: address, state: state).filter { !skipping.contains($0) || $0 == me }.firstIndex(of: me) ?? 0
    }

    /// The first member in the ranking other than those `skipping`.
    public func leader(address: String, state: HealthState, skipping: Set<String> = []) -> String {
        ranking(address: address, state: state).first { !skipping.contains($0) || $0 == me } ?? me
    }

    /// How long after confirming the change this node waits for someone else's event.
    public func delay(address: String, state: HealthState, skipping: Set<String> = []) -> Double {
        Double(rank(address: address, state: state, skipping: skipping)) * grace
    }

    static func key(address: String, state: HealthState, member: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(address.utf8) + [0] + Array(state.rawValue.utf8) + [0] + Array(member.utf8)))
    }
}
