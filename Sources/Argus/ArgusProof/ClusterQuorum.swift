import Foundation

/// How many monitoring nodes must sign before a statement is proven: a fraction of the members,
/// counted by node (the reference's rule: at least 2/3, so 2 of 3 or 4 of 6) or by stake.
/// Decided in integer arithmetic: met iff `signing · denominator ≥ numerator · total`, both
/// products in full width (256 bits), so no stake or fraction a registry or a flag can hold traps.
public struct ClusterQuorum: Sendable, Hashable, CustomStringConvertible {
    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        case count
        case stake
    }

    public let weighting: Weighting
    public let numerator: UInt64
    public let denominator: UInt64

    /// At least `numerator/denominator` of the members (0 < fraction ≤ 1).
    public init?(weighting: Weighting = .count, numerator: UInt64 = 2, denominator: UInt64 = 3) {
        guard denominator > 0, numerator > 0, numerator <= denominator else { return nil }
        self.weighting = weighting
        self.numerator = numerator
        self.denominator = denominator
    }

    /// At least the fraction written `n/d` (e.g. `3/4`); `nil` unless 0 < n ≤ d.
    public init?(weighting: Weighting, fraction text: String) {
        let parts = text.split(separator: "/").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let numerator = parts[0], let denominator = parts[1] else { return nil }
        self.init(weighting: weighting, numerator: numerator, denominator: denominator)
    }

    /// The reference's rule: at least 2/3 of the members by count.
    public static let twoThirdsByCount = ClusterQuorum()!
    public static let twoThirdsByStake = ClusterQuorum(weighting: .stake)!

    func weight(_ node: MonitoringNode) -> UInt128 {
        weighting == .count ? 1 : UInt128(node.stake ?? 0)
    }

    /// Whether `signers` (members of `members`) meet the quorum.
    public func isMet(signers: some Sequence<MonitoringNode>, of members: [MonitoringNode]) -> Bool {
        let signing = signers.reduce(UInt128(0)) { $0 + weight($1) }
        let total = members.reduce(UInt128(0)) { $0 + weight($1) }
        guard total > 0 else { return false }
        let left = signing.multipliedFullWidth(by: UInt128(denominator))
        let right = total.multipliedFullWidth(by: UInt128(numerator))
        return (left.high, left.low) >= (right.high, right.low)
    }

    /// The smallest number of nodes that can meet a count quorum of `members` nodes.
    public func requiredCount(of members: Int) -> Int {
        Int((UInt128(numerator) * UInt128(members) + UInt128(denominator) - 1) / UInt128(denominator))
    }

    public var description: String { "at least \(numerator)/\(denominator) of the members by \(weighting.rawValue)" }
}
