/// Zellular's finality threshold: a sync point is final when the non-signing stake is at most
/// `100 − thresholdPercent` percent of the total (`zellular-protocol.md` §7 step 3; the boundary is
/// inclusive). The SDK evaluates `100 * nonsigner / total > 100 - threshold` in floating point; we
/// decide it in exact integer arithmetic: reject iff `100 · nonsigner > (100 − threshold) · total`.
public struct QuorumRule: Sendable, Hashable {
    /// Minimum signing stake in percent, 0...100. The SDK's default is 67.
    public let thresholdPercent: Int

    public init(thresholdPercent: Int = 67) {
        precondition((0...100).contains(thresholdPercent), "threshold must be a percentage")
        self.thresholdPercent = thresholdPercent
    }

    /// Whether a signature with `nonsigner` of `total` stake not signing meets the threshold.
    /// A zero total never does.
    public func isMet(nonsigner: Stake, total: Stake) -> Bool {
        guard total.units > 0, nonsigner <= total else { return false }
        // Both sides fit: stakes are below 2^100 in practice; use full-width products regardless.
        let left = nonsigner.units.multipliedFullWidth(by: 100)
        let right = total.units.multipliedFullWidth(by: UInt128(100 - thresholdPercent))
        return (left.high, left.low) <= (right.high, right.low)
    }

    /// The SDK's floating-point rule, for comparison in tests.
    public func sdkIsMet(nonsigner: Double, total: Double) -> Bool {
        !(100 * nonsigner / total > Double(100 - thresholdPercent))
    }
}
