import Foundation

/// SplitMix64: a small deterministic generator, so a failing property test can be replayed from
/// the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// The seed for property tests: `ARGUS_TEST_SEED` if set, else `fallback`.
public func testSeed(fallback: UInt64) -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["ARGUS_TEST_SEED"], let seed = UInt64(text) { return seed }
    return fallback
}
