import ArgusProcessSupport
import ChaosKit
import Foundation
import Testing

/// The short seeded subset of `make chaos` (RELIABILITY.md): a monitor cut off, slow peers, a
/// byzantine member, 3,000 fuzzed requests with slowloris, and ten kill -9s.
@Suite(.serialized)
struct ChaosSubsetTests {
    @Test func theQuickSuiteHolds() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let context = ChaosContext(argus: try Executables.argus, directory: directory.url, seed: 7) { print($0) }
        let results = await context.suite(quick: true)
        print(ChaosContext.table(results))
        #expect(results.count == 5)
        for result in results {
            #expect(result.held, "\(result.name): \(result.violations)")
        }
    }
}
