import ArgusTestSupport
import Foundation
import Keccak
import Testing

@Suite struct Keccak256Tests {
    /// Known answers (Ethereum's keccak256, e.g. `keccak256("")` is the empty code hash).
    @Test(arguments: [
        ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        ("transfer(address,uint256)", "a9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b"),
    ])
    func knownAnswers(input: String, digest: String) {
        #expect(hexString(Keccak256.hash(Array(input.utf8))) == digest)
    }

    /// Incremental updates in any split give the one-shot digest.
    @Test func incrementalEqualsOneShot() {
        var generator = SeededGenerator(seed: 7)
        let data = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for split in [0, 1, 135, 136, 137, 272, 999] {
            var hasher = Keccak256()
            hasher.update(data[..<split])
            hasher.update(data[split...])
            #expect(hasher.finalize() == Keccak256.hash(data), "split at \(split)")
        }
        // A sequence without contiguous storage takes the copying path to the same digest.
        #expect(Keccak256.hash(data.lazy.map { $0 }) == Keccak256.hash(data))
    }

    /// Every length from 0 to 600 bytes (several rate blocks, each padding edge) against
    /// pycryptodome's independent Keccak-256.
    @Test func matchesPycryptodome() throws {
        guard Python.canImport("Crypto.Hash.keccak") else { return }
        var generator = SeededGenerator(seed: 11)
        let inputs = (0...600).map { length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let script = """
            import json, sys
            from Crypto.Hash import keccak
            for h in json.load(sys.stdin):
                print(keccak.new(digest_bits=256, data=bytes.fromhex(h)).hexdigest())
            """
        let (status, output) = Python.run(["-c", script], input: try JSONEncoder().encode(inputs.map { hexString($0) }))
        try #require(status == 0)
        let expected = output.split(separator: "\n").map(String.init)
        try #require(expected.count == inputs.count)
        for (input, digest) in zip(inputs, expected) {
            #expect(hexString(Keccak256.hash(input)) == digest, "length \(input.count)")
        }
    }
}
