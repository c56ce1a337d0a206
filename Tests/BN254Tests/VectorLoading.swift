import ArgusTestSupport
import Foundation

/// One case of go-ethereum's precompile test files.
struct PrecompileCase: Decodable, Sendable, CustomStringConvertible {
    let Input: String
    let Expected: String
    let Name: String
    var description: String { Name }
}

/// The seed for property tests: `ARGUS_TEST_SEED` if set, else a fixed default.
let testSeed: UInt64 = ArgusTestSupport.testSeed(fallback: 0x5eed_0254_0001)
