// `argus bn254 …` — BN254 / eigensdk BLS tools in mcl text format, for operators debugging a
// Zellular signature that does not verify. Part of the `argus` CLI (ArgusCLI).
// The result is always the last line of standard output.
//
// Exit codes: 0 success / valid signature; 1 signature invalid (one-line reason); 2 bad input
// (a value that does not decode, and usage errors such as a missing or unknown option: `argus`
// maps ArgumentParser's usage errors to 2).
import ArgumentParser
import BN254

struct BN254Command: ParsableCommand {
    static let configuration: CommandConfiguration = CommandConfiguration(
        commandName: "bn254",
        abstract: "BN254 BLS keys and signatures as eigensdk (mcl) and Zellular use them.",
        subcommands: [Keygen.self, Pubkey.self, Sign.self, Verify.self]
    )

    /// Prints `message` as the final stdout line and exits with code 2.
    static func badInput(_ what: String, _ failure: DecodingFailure) -> ExitCode {
        print("bad input: \(what): \(describe(failure))")
        return ExitCode(2)
    }

    static func describe(_ failure: DecodingFailure) -> String {
        switch failure {
        case .badEncoding: return "malformed (expected canonical mcl decimal text or hex)"
        case .nonCanonical: return "value out of range (coordinate >= p)"
        case .notOnCurve: return "point is not on the curve"
        case .notInSubgroup: return "G2 point is not in the order-r subgroup"
        case .unexpectedIdentity: return "the identity (point at infinity) is not allowed here"
        case .invalidSecretKey: return "secret key out of range (need 0 < sk < r)"
        }
    }

    static func printPublicKeys(of key: PrivateKey) {
        let g2: PublicKey = key.publicKey
        print("pubkey_g1: \(key.publicKeyG1.mclString)")
        print("pubkeyG2_X: [\(g2.pubkeyG2X.joined(separator: ", "))]")
        print("pubkeyG2_Y: [\(g2.pubkeyG2Y.joined(separator: ", "))]")
        print("pubkey_g2: \(g2.mclString)")
    }

    struct Keygen: ParsableCommand {
        static let configuration: CommandConfiguration = CommandConfiguration(
            abstract: "Generate a random secret key (uniform in [1, r)) and print its public keys.")

        func run() throws {
            let key: PrivateKey = PrivateKey()
            BN254Command.printPublicKeys(of: key)
            print("secret_hex: \(key.hexString)")
        }
    }

    struct Pubkey: ParsableCommand {
        static let configuration: CommandConfiguration = CommandConfiguration(
            abstract: "Print the G1 and G2 public keys (mcl text) and the pubkeyG2_X/Y lists of a secret key.")

        @OptionGroup var secret: SecretOptions

        func run() throws {
            let key: PrivateKey
            let text = try secret.hexText().trimmingCharacters(in: .whitespacesAndNewlines)
            do { key = try PrivateKey(hexString: text) } catch { throw BN254Command.badInput("secret", error) }
            let g2: PublicKey = key.publicKey
            print("pubkey_g1: \(key.publicKeyG1.mclString)")
            print("pubkeyG2_X: [\(g2.pubkeyG2X.joined(separator: ", "))]")
            print("pubkeyG2_Y: [\(g2.pubkeyG2Y.joined(separator: ", "))]")
            print(g2.mclString)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration: CommandConfiguration = CommandConfiguration(
            abstract: "Sign the UTF-8 bytes of a message (for Zellular: the 32-character xxh128 hex digest).")

        @OptionGroup var secret: SecretOptions

        @Option(help: "The message text; its UTF-8 bytes are hashed to G1 (eigensdk try-and-increment).")
        var message: String

        func run() throws {
            let key: PrivateKey
            let text = try secret.hexText().trimmingCharacters(in: .whitespacesAndNewlines)
            do { key = try PrivateKey(hexString: text) } catch { throw BN254Command.badInput("secret", error) }
            print(key.signature(for: Array(message.utf8)).mclString)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration: CommandConfiguration = CommandConfiguration(
            abstract: "Verify an mcl G1 signature against an mcl G2 public key (exit 0 valid, 1 invalid, 2 bad input).")

        @Option(name: .customLong("pubkey-g2"), help: "G2 public key: \"1 x_real x_imag y_real y_imag\".")
        var pubkeyG2: String

        @Option(help: "Signature: \"1 x y\".")
        var signature: String

        @Option(help: "The signed message text (its UTF-8 bytes).")
        var message: String

        func run() throws {
            let key: PublicKey
            let parsed: Signature
            do { key = try PublicKey(mclString: pubkeyG2) } catch { throw BN254Command.badInput("pubkey-g2", error) }
            do { parsed = try Signature(mclString: signature) } catch { throw BN254Command.badInput("signature", error) }
            if key.isValidSignature(parsed, for: Array(message.utf8)) {
                print("valid")
            } else {
                print("invalid: e(H(message), pubkey) != e(signature, G2) — wrong key, message or signature")
                throw ExitCode(1)
            }
        }
    }
}
