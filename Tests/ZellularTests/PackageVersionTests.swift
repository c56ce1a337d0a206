import ArgusTestSupport
import Foundation
import Testing
import Zellular

struct PackageVersionTests {
    /// PEP 440's own ordering example, extended with epochs, local versions and node versions.
    @Test func ordersAsPEP440() throws {
        let ordered = [
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
            "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456",
            "1.0.15", "1.1.dev1", "1!0.0.1",
        ].compactMap { PackageVersion($0) }
        #expect(ordered.count == 20)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower) && lower != higher)
        }
        #expect(try #require(PackageVersion("v0.1.7")) < PackageVersion("v0.1.10")!)
    }

    @Test func normalisesSpellings() throws {
        let equal = [("v0.1.7", "0.1.7"), ("1.0", "1"), ("1.0.0", "1"), ("1.0alpha1", "1.0a1"), ("1.0-beta.2", "1.0b2"),
                     ("1.0c1", "1.0rc1"), ("1.0-preview3", "1.0rc3"), ("1.0-1", "1.0.post1"), ("1.0rev", "1.0.post0"),
                     ("1.0_r2", "1.0.post2"), ("1.0-dev", "1.0.dev0"), ("V1.0RC1", "1.0rc1"), (" 2.0 ", "2.0"), ("0!1.0", "1.0")]
        for (a, b) in equal {
            #expect(PackageVersion(a) == PackageVersion(b), "\(a) == \(b)")
        }
    }

    @Test(arguments: ["", "v", "latest", "1.", "1..2", "1.0+", "1.0+a..b", "1.0 beta", "1.0a1b1", "-1.0", "1.0.post1.post2", "1.0/2"])
    func refusesNonVersions(text: String) {
        #expect(PackageVersion(text) == nil)
    }

    /// Seeded random versions sorted by us and by Python's `packaging` (pip's vendored copy): the
    /// same order.
    @Test(.enabled(if: Python.canImport("pip._vendor.packaging.version"), "pip's packaging is not importable"))
    func sortsLikePythonPackaging() throws {
        var generator = SeededGenerator(seed: testSeed(fallback: 440))
        func part(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        var texts: [String] = []
        for _ in 0..<300 {
            var text = part(0...3) == 0 ? "v" : ""
            if part(0...9) == 0 { text += "\(part(1...2))!" }
            text += (0..<part(1...4)).map { _ in String(part(0...3)) }.joined(separator: ".")
            if part(0...2) == 0 { text += ["a", "b", "rc", "alpha", "c", ".beta", "-pre"][part(0...6)] + (part(0...3) == 0 ? "" : String(part(0...3))) }
            if part(0...3) == 0 { text += [".post", "-", "post", ".rev"][part(0...3)] + String(part(0...3)) }
            if part(0...3) == 0 { text += [".dev", "dev", "-dev"][part(0...2)] + String(part(0...3)) }
            if part(0...5) == 0 { text += "+" + ["ubuntu.1", "2", "abc.7", "5.x"][part(0...3)] }
            texts.append(text)
        }
        let ours = texts.map { PackageVersion($0) }
        #expect(ours.allSatisfy { $0 != nil }, "\(zip(texts, ours).filter { $0.1 == nil }.map(\.0))")
        let script = """
            import json, sys
            from pip._vendor.packaging.version import Version
            texts = json.load(sys.stdin)
            print(json.dumps(sorted(range(len(texts)), key=lambda i: (Version(texts[i]), i))))
            """
        let (status, output) = Python.run(["-c", script], input: try JSONEncoder().encode(texts))
        #expect(status == 0, "\(output)")
        let pythonOrder = try JSONDecoder().decode([Int].self, from: Data(output.utf8))
        let ourOrder = texts.indices.sorted { (ours[$0]!, $0) < (ours[$1]!, $1) }
        #expect(ourOrder == pythonOrder)
    }
}
