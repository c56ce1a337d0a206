import ArgusProcessSupport
import ArgusTestSupport
import Foundation
import Testing

/// The main job, as `make demo` runs it: exit 0 within two minutes, every proof valid, and each
/// node's signed downtime within a second or two of the scripted outage.
struct DemoEndToEndTests {
    @Test func theDemoProvesTheScriptedOutage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let started = Date()
        let run = try runCommand(try Executables.argus, ["demo", "--dir", directory.url.appendingPathComponent("demo").path])
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(elapsed < 120)
        let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("0xNode") }
        #expect(rows.count == 4 && rows.allSatisfy { $0.contains("valid (3/3)") || $0.contains("valid (2/3)") }, "\(rows)")
        // The two targets in the scripted 8 s outage: every node signs 6...10 s; the others 0 s.
        for row in rows {
            let totals = row.split(separator: " ").filter { Int($0) != nil }.compactMap { Int($0) }
            let expected = row.hasPrefix("0xNodeB456") || row.hasPrefix("0xNodeC789") ? 6...10 : 0...0
            #expect(totals.count == 3 && totals.allSatisfy(expected.contains), "\(row)")
        }
        print("argus demo: \(String(format: "%.1f", elapsed)) s")
    }
}
