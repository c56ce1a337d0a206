import ArgumentParser
import ArgusProof
import BLS12381
import Foundation
import SecretFile

struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a monitoring node's BLS key and print its registry entry (pubkey and proof of possession).",
        discussion: """
            Writes an EIP-2335 keystore (scrypt + AES-128-CTR) encrypted with the password from \
            --password-file or ARGUS_KEY_PASSWORD, or with --raw the 32-byte secret as hex (the \
            reference's format). The file is created with mode 0600 and never overwritten. Prints the \
            monitoring_nodes.json entry: "NAME": {"url", "pubkey", "pop"}.
            """
    )

    @Option(name: .long, help: "Where to write the key.")
    var out: String

    @Option(name: .long, help: "The node's name in the registry.")
    var name: String

    @Option(name: .long, help: "The node's base URL, as its peers reach it.")
    var url: String

    @Option(name: .long, help: "Stake, for stake-weighted quorums.")
    var stake: UInt64?

    @Flag(name: .long, help: "Write the secret as raw hex instead of a keystore.")
    var raw = false

    @Option(name: .long, help: "File holding the keystore password (else ARGUS_KEY_PASSWORD).")
    var passwordFile: String?

    func run() async throws {
        // A cheap early answer; the create below is what guarantees it (O_EXCL).
        guard !FileManager.default.fileExists(atPath: out) else { throw CommandFailure(message: "\(out) exists; refusing to overwrite a key") }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw CommandFailure(message: "--url: expected an http(s) URL, got \(url)")
        }
        guard stake != 0 else { throw CommandFailure(message: "--stake must be positive") }
        let key = PrivateKey()
        let contents: String
        if raw {
            contents = key.hexString + "\n"
        } else {
            var password: String
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw CommandFailure(message: "\(passwordFile): cannot read")
                }
                password = text
                if password.hasSuffix("\n") { password.removeLast() }
            } else if let environment = ProcessInfo.processInfo.environment["ARGUS_KEY_PASSWORD"] {
                password = environment
            } else {
                throw CommandFailure(message: "a keystore needs a password: --password-file FILE or ARGUS_KEY_PASSWORD (or --raw for hex)")
            }
            contents = try Keystore.encrypt(key, password: password, description: "argus monitoring node \(name)")
        }
        do {
            try SecretFile.create(atPath: out, contents: contents)
        } catch .exists {
            throw CommandFailure(message: "\(out) exists; refusing to overwrite a key")
        } catch {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
        let entry = MonitoringNode(name: name, url: url, publicKey: key.publicKey, proofOfPossession: key.proofOfPossession(), stake: stake)
        say(entry.entryLine)
    }
}
