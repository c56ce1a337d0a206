import ArgusProcessSupport
import ArgusTestSupport
import Foundation
import Testing

/// `argus bn254 …` as an operator runs it: the result on the last line, exit 0/1/2.
struct BN254CommandTests {
    func argus(_ arguments: String...) throws -> (status: Int32, last: String, stderr: String) {
        let result = try runCommand(try Executables.argus, arguments)
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (result.status, last, result.stderr)
    }

    @Test func keygenSignVerify() throws {
        let secret = try argus("bn254", "keygen").last
        #expect(secret.hasPrefix("secret_hex: "))
        let secretHex = String(secret.dropFirst("secret_hex: ".count))
        #expect(secretHex.count == 64)
        let pubkey = try argus("bn254", "pubkey", "--secret-hex", secretHex)
        #expect(pubkey.status == 0)
        #expect(pubkey.last.hasPrefix("1 ") && pubkey.last.split(separator: " ").count == 5)
        // The same key from a file, off the command line.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bn254-\(UUID().uuidString).key")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data((secretHex + "\n").utf8).write(to: file)
        #expect(try argus("bn254", "pubkey", "--secret-file", file.path).last == pubkey.last)
        let signature = try argus("bn254", "sign", "--secret-hex", secretHex, "--message", "hello")
        #expect(signature.status == 0)
        #expect(signature.last.hasPrefix("1 ") && signature.last.split(separator: " ").count == 3)

        let valid = try argus("bn254", "verify", "--pubkey-g2", pubkey.last, "--signature", signature.last, "--message", "hello")
        #expect(valid.status == 0)
        #expect(valid.last == "valid")
        let invalid = try argus("bn254", "verify", "--pubkey-g2", pubkey.last, "--signature", signature.last, "--message", "hellO")
        #expect(invalid.status == 1)
        #expect(invalid.last.hasPrefix("invalid: "))
    }

    @Test func badInputExitsTwo() throws {
        let malformed = try argus("bn254", "verify", "--pubkey-g2", "1 2 3", "--signature", "0", "--message", "m")
        #expect(malformed.status == 2)
        #expect(malformed.last.hasPrefix("bad input: "))
        let missing = try argus("bn254", "verify", "--message", "m")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument"))
        let zero = try argus("bn254", "pubkey", "--secret-hex", String(repeating: "0", count: 64))
        #expect(zero.status == 2)
    }
}
