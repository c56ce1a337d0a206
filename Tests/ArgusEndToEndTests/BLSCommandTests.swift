import ArgusProcessSupport
import ArgusTestSupport
import Foundation
import Testing

/// `argus bls …` as an operator runs it, checked against the reference's blspy-made artefacts
/// (`downtime-reference.json`): the three reference keys sign a state message, the CLI aggregates
/// the signatures and the keys, and the results equal the reference's bytes.
struct BLSCommandTests {
    struct Reference: Decodable {
        struct Event: Decodable {
            var address: String
            var state: String
            var timestamp: Int
            var aggregated_signature: String
            var non_signing_nodes: [String]
        }
        struct Case: Decodable {
            var name: String
            var event: Event
        }
        var aggregate_public_key_hex: String
        var stage3_events: [Case]
    }

    /// The reference's hard-coded node secrets (`downtime-reference.md` §1).
    static let secrets = [
        "5b009195821da22cf90f375db7ee2dcf698791a5190a0b50dda3af653ee67d9b",
        "53217fdb58315338ab035f6939b9c684ca54ec7fa7da2f78cf9583af5799fb40",
        "7126ea0f6c7acb39d30ce7fde262a8a1fc53f5d994ef03be265d65bf370ad184",
    ]

    func argus(_ arguments: [String]) throws -> (status: Int32, last: String) {
        let result = try runCommand(try Executables.argus, arguments)
        return (result.status, result.stdout.split(separator: "\n").last.map(String.init) ?? "")
    }

    @Test func reproducesTheReferenceAggregates() throws {
        let reference = try loadVector(Reference.self, "downtime-reference.json")
        let event = try #require(reference.stage3_events.first { $0.name == "all_three_signed" }?.event)
        let message = "Address: \(event.address), State: \(event.state), Timestamp: \(event.timestamp)"

        let pubkeys = try Self.secrets.map { try argus(["bls", "pubkey", "--secret-hex", $0]).last }
        #expect(try argus(["bls", "aggregate-pubkeys"] + pubkeys).last == reference.aggregate_public_key_hex)

        let signatures = try Self.secrets.map { try argus(["bls", "sign", "--secret-hex", $0, "--message", message]).last }
        for (key, signature) in zip(pubkeys, signatures) {
            #expect(try argus(["bls", "verify", "--pubkey", key, "--signature", signature, "--message", message]).status == 0)
        }
        let aggregate = try argus(["bls", "aggregate-signatures"] + signatures).last
        #expect(aggregate == event.aggregated_signature)
        let verdict = try argus(["bls", "verify", "--pubkey", reference.aggregate_public_key_hex, "--signature", aggregate, "--message", message])
        #expect(verdict.status == 0)
        let wrong = try argus(["bls", "verify", "--pubkey", reference.aggregate_public_key_hex, "--signature", aggregate, "--message", message + " "])
        #expect(wrong.status == 1)
        #expect(wrong.last.hasPrefix("invalid"))

        let proof = try argus(["bls", "pop-prove", "--secret-hex", Self.secrets[0]]).last
        #expect(try argus(["bls", "pop-verify", "--pubkey", pubkeys[0], "--proof", proof]).status == 0)
        #expect(try argus(["bls", "pop-verify", "--pubkey", pubkeys[1], "--proof", proof]).status == 1)
    }

    /// Secrets need not be on the command line (where `ps` shows them): a file, or standard input.
    @Test func secretsFromAFileOrStandardInput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("secret")
        try Data((Self.secrets[0] + "\n").utf8).write(to: file)
        let expected = try argus(["bls", "pop-prove", "--secret-hex", Self.secrets[0]]).last
        #expect(try argus(["bls", "pop-prove", "--secret-file", file.path]).last == expected)
        let piped = try runCommand(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" bls pop-prove --secret-file - < \"$1\"", try Executables.argus.path, file.path])
        #expect(piped.status == 0 && piped.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
        #expect(try argus(["bls", "pubkey"]).status == 2)
        #expect(try argus(["bls", "pubkey", "--secret-file", file.path, "--secret-hex", Self.secrets[0]]).status == 2)
        #expect(try argus(["bls", "pubkey", "--secret-file", directory.url.appendingPathComponent("none").path]).status == 2)
    }

    @Test(arguments: [
        ["bls", "pubkey", "--secret-hex", "zz"],
        ["bls", "pubkey", "--secret-hex", String(repeating: "0", count: 64)],
        ["bls", "pubkey", "--secret-hex", "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"],
        ["bls", "verify", "--pubkey", "c0" + String(repeating: "00", count: 47), "--signature", "00", "--message", "m"],
        ["bls", "aggregate-signatures", "abcd"],
        ["bls", "sign", "--secret-hex", "5b009195821da22cf90f375db7ee2dcf698791a5190a0b50dda3af653ee67d9b"],
        ["bls", "frobnicate"],
    ])
    func badInputExitsTwo(arguments: [String]) throws {
        #expect(try argus(arguments).status == 2)
    }
}
