/// An operator's stake as an exact fixed-point number with 18 decimals (wei when the stake is an
/// ETH amount), so quorum decisions never depend on floating-point rounding.
public struct Stake: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Units of 10⁻¹⁸.
    public let units: UInt128

    public static let scale: UInt128 = 1_000_000_000_000_000_000
    public static let zero = Stake(units: 0)
    /// One operator's stake is below 2¹⁰⁰ units (≈ 1.27 · 10¹² whole units, far above any real
    /// stake), so the total of up to 2²⁷ operators cannot overflow.
    public static let limit: UInt128 = 1 << 100

    public init(units: UInt128) { self.units = units }

    /// Parses a non-negative decimal (`10`, `"10.5"`, `"1e3"` is refused) with up to 18 decimals.
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigitCharacter), fraction.count <= 18 else { return nil }
        fraction += String(repeating: "0", count: 18 - fraction.count)
        guard let wholeValue = UInt128(whole), let fractionValue = UInt128(fraction) else { return nil }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: Self.scale)
        guard !overflow else { return nil }
        let (sum, overflow2) = scaled.addingReportingOverflow(fractionValue)
        guard !overflow2, sum < Self.limit else { return nil }
        units = sum
    }

    /// From wei (EigenLayer's `stake`), capped at 1.0 unless `capped` is false — the SDK's rule.
    public init?(wei text: String, capped: Bool) {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigitCharacter), let wei = UInt128(text), wei < Self.limit else { return nil }
        units = capped ? min(wei, Self.scale) : wei
    }

    public static func < (lhs: Stake, rhs: Stake) -> Bool { lhs.units < rhs.units }

    public static func + (lhs: Stake, rhs: Stake) -> Stake { Stake(units: lhs.units + rhs.units) }

    public var description: String {
        let whole = units / Self.scale
        let fraction = units % Self.scale
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 18 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// As the SDK sees it (a Python float), for comparisons with its rule.
    public var approximateValue: Double { Double(units) / 1e18 }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
