// BLSCommand.swift — `argus bls …`: BLS12-381 (blspy PopSchemeMPL-compatible) developer/operator tools.
//
// Hex in and hex out (lower case, as blspy prints), the result on the last line of standard output.
// Exit codes: 0 success / valid, 1 invalid (verify, pop-verify; with a one-line reason), 2 bad input
// (undecodable hex, malformed key/signature encodings, bad secret key; `argus` also maps
// ArgumentParser's usage errors to 2).

import ArgumentParser
import BLS12381
import Foundation
import HexCodec

struct BLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bls",
        abstract: "BLS12-381 keys and signatures (IETF POP ciphersuite, byte-compatible with blspy PopSchemeMPL).",
        subcommands: [
            KeyGen.self, PubKey.self, Sign.self, Verify.self,
            AggregateSignatures.self, AggregatePubkeys.self, PopProve.self, PopVerify.self,
        ]
    )
}

// MARK: - Shared helpers

private func decodeHex(_ text: String, what: String) throws -> [UInt8] {
    // Surrounding whitespace (a pasted line) is forgiven; everything else must be hex.
    do { return try Hex.decode(text.filter { !$0.isWhitespace }, allowingPrefix: true) } catch {
        throw badInput("\(what): \(error)")
    }
}

private func privateKey(_ secret: SecretOptions) throws -> PrivateKey {
    let bytes = try decodeHex(try secret.hexText(), what: "secret key")
    do { return try PrivateKey(rawRepresentation: bytes) } catch {
        throw badInput("secret key: \(describe(error)) (need 32 bytes, 0 < sk < r)")
    }
}

private func publicKey(_ hex: String, what: String) throws -> PublicKey {
    let bytes = try decodeHex(hex, what: what)
    do { return try PublicKey(compressedRepresentation: bytes) } catch { throw badInput("\(what): \(describe(error))") }
}

private func signature(_ hex: String, what: String) throws -> Signature {
    let bytes = try decodeHex(hex, what: what)
    do { return try Signature(compressedRepresentation: bytes) } catch { throw badInput("\(what): \(describe(error))") }
}

private func describe(_ error: DecodingFailure) -> String {
    switch error {
    case .badEncoding: return "bad encoding (wrong length or flag bits)"
    case .nonCanonical: return "non-canonical (coordinate not below the field modulus, or a point at infinity with stray bits)"
    case .notOnCurve: return "point not on the curve"
    case .notInSubgroup: return "point not in the prime-order subgroup"
    case .unexpectedIdentity: return "public key is the identity"
    case .invalidSecretKey: return "invalid secret key"
    }
}

/// Exactly one of `--message` (UTF-8 text) or `--message-hex`.
struct MessageOptions: ParsableArguments {
    @Option(help: "The message as UTF-8 text.")
    var message: String?

    @Option(name: .customLong("message-hex"), help: "The message as hex.")
    var messageHex: String?

    /// Checked here rather than in `validate()` so that a missing/duplicate message exits 2 (bad
    /// input) like every other input error, not ArgumentParser's 64.
    func bytes() throws -> [UInt8] {
        if (message == nil) == (messageHex == nil) { throw badInput("give exactly one of --message or --message-hex") }
        if let message { return Array(message.utf8) }
        return try decodeHex(messageHex ?? "", what: "--message-hex")
    }
}

// MARK: - Subcommands

extension BLSCommand {
    struct KeyGen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Make a secret key (IETF HKDF KeyGen); prints the public key, then the secret key last.")

        @Option(name: .customLong("seed-hex"), help: "Seed (IKM), at least 32 bytes of hex. Default: 32 random bytes.")
        var seedHex: String?

        @Flag(name: .customLong("blspy-compatible"), help: "Use blspy's key_gen (draft-02: salt not hashed), for keys identical to the Python reference.")
        var blspyCompatible = false

        func run() throws {
            var seed: [UInt8]
            if let seedHex {
                seed = try decodeHex(seedHex, what: "--seed-hex")
            } else {
                var rng = SystemRandomNumberGenerator()
                seed = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            guard seed.count >= 32 else { throw badInput("--seed-hex: need at least 32 bytes, got \(seed.count)") }
            let key: PrivateKey
            do {
                key = try PrivateKey(keyGenSeed: seed, variant: blspyCompatible ? .blspyDraft02 : .ietf)
            } catch {
                throw badInput("seed yields the zero key (blspy KeyGen); choose another seed")
            }
            print("public-key: \(key.publicKey.hexString)")
            print(key.hexString)
        }
    }

    struct PubKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pubkey", abstract: "Print the public key of a secret key.")

        @OptionGroup var secret: SecretOptions

        func run() throws {
            print(try privateKey(secret).publicKey.hexString)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a message (POP ciphersuite DST).")

        @OptionGroup var secret: SecretOptions

        @OptionGroup var message: MessageOptions

        func run() throws {
            let key = try privateKey(secret)
            print(key.signature(for: try message.bytes()).hexString)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a signature. Exit 0 if valid, 1 if not, 2 on bad input.")

        @Option(help: "Public key, 48-byte compressed hex.")
        var pubkey: String

        @Option(help: "Signature, 96-byte compressed hex.")
        var signature: String

        @OptionGroup var message: MessageOptions

        func run() throws {
            let pk = try publicKey(pubkey, what: "--pubkey")
            let sig = try BLSCommand.signatureArgument(signature, what: "--signature")
            let msg = try message.bytes()
            if pk.isValidSignature(sig, for: msg) {
                print("valid")
            } else {
                print("invalid: signature does not verify for this public key and message")
                throw ExitCode(1)
            }
        }
    }

    struct AggregateSignatures: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add signatures (compressed hex) into one aggregate signature.")

        @Argument(help: "Signatures, 96-byte compressed hex each.")
        var signatures: [String]

        func run() throws {
            guard !signatures.isEmpty else { throw badInput("give at least one signature") }
            let sigs = try signatures.enumerated().map { try BLSCommand.signatureArgument($1, what: "signature \($0 + 1)") }
            print(try Signature(aggregating: sigs).hexString)
        }
    }

    struct AggregatePubkeys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add public keys (compressed hex) into one aggregate key.")

        @Argument(help: "Public keys, 48-byte compressed hex each.")
        var pubkeys: [String]

        func run() throws {
            guard !pubkeys.isEmpty else { throw badInput("give at least one public key") }
            let keys = try pubkeys.enumerated().map { try publicKey($1, what: "public key \($0 + 1)") }
            do {
                print(try PublicKey(aggregating: keys).hexString)
            } catch {
                throw badInput("the keys sum to the identity")
            }
        }
    }

    struct PopProve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a proof of possession for a secret key.")

        @OptionGroup var secret: SecretOptions

        func run() throws {
            print(try privateKey(secret).proofOfPossession().hexString)
        }
    }

    struct PopVerify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a proof of possession. Exit 0 if valid, 1 if not, 2 on bad input.")

        @Option(help: "Public key, 48-byte compressed hex.")
        var pubkey: String

        @Option(help: "Proof of possession, 96-byte compressed hex.")
        var proof: String

        func run() throws {
            let pk = try publicKey(pubkey, what: "--pubkey")
            let pop = try BLSCommand.signatureArgument(proof, what: "--proof")
            if pk.isValidProofOfPossession(pop) {
                print("valid")
            } else {
                print("invalid: proof of possession does not verify for this public key")
                throw ExitCode(1)
            }
        }
    }

    fileprivate static func signatureArgument(_ hex: String, what: String) throws -> Signature {
        try signature(hex, what: what)
    }
}
