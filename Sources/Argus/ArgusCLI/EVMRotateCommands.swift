import ArgumentParser
import ArgusNode
import ArgusProof
import BLS12381
import Foundation

/// The flags naming a rotation: the old and new registries (each with its own rule) and the domain.
struct RotationOptions: ParsableArguments {
    @OptionGroup var old: EVMRegistryOptions

    @Option(name: .long, help: "The registry that replaces it (monitoring_nodes.json).")
    var newRegistry: String

    @Option(name: .long, help: "The new registry's quorum weighting (default: stake when every member has one, else count).")
    var newQuorum: ClusterQuorum.Weighting?

    @Option(name: .long, help: "The new registry's fraction, n/d (default 2/3).")
    var newFraction = "2/3"

    @Option(name: .long, help: "The deployment's settlement domain (0x and 64 hex digits).")
    var domain: String

    func rotation() throws -> RegistryRotation {
        guard let domain = Bytes32(hex: domain) else { throw CommandFailure(message: "--domain: expected 0x and 64 hex digits, got \(self.domain)") }
        let oldRegistry = try old.load()
        let newRegistry = try loadRegistry(file: newRegistry, allowMissingPop: old.allowMissingPop, quorum: newQuorum, fraction: newFraction,
                                           fractionFlag: "--new-fraction", warn: false)
        return RegistryRotation(domain: domain, old: oldRegistry, new: newRegistry)
    }
}

struct EVMRotateSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-sign",
        abstract: "Sign a registry rotation with an old member's key.",
        discussion: """
            Signs keccak256(keccak256("argus.rotate.v1") ‖ domain ‖ old_registry_root ‖ new_registry_root) \
            with the key in --key (an EIP-2335 keystore, its password from --password-file or \
            ARGUS_KEY_PASSWORD, or a file holding the secret as hex) and prints {"node", \
            "old_registry_root", "new_registry_root", "statement", "signature"}. Exit 2 if the key is \
            not a member of the old registry.
            """
    )

    @OptionGroup var rotation: RotationOptions

    @Option(name: .long, help: "The member's key: an EIP-2335 keystore or a hex secret key file.")
    var key: String

    @Option(name: .long, help: "File holding the keystore password (else ARGUS_KEY_PASSWORD).")
    var passwordFile: String?

    func run() async throws {
        let rotation = try rotation.rotation()
        let secret: PrivateKey
        do {
            secret = try NodeKey.load(file: key, passwordFile: passwordFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        guard let signed = rotation.sign(with: secret) else {
            throw CommandFailure(message: "\(key): its public key \(secret.publicKey) is not a member of \(self.rotation.old.registry)")
        }
        say(signed.json)
    }
}

struct EVMRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Aggregate old members' rotation signatures into the verifier's rotate arguments.",
        discussion: """
            Reads rotate-sign outputs, checks that each is an old member's, over this rotation's \
            statement, and verifies, requires the old registry's quorum, and prints {"old_registry_root", \
            "new_registry_root", "statement", "rotate": {pubkeys, stakes, quorum_numerator, \
            quorum_denominator, non_signers, signature}}. Exit 1 naming the node whose signature is \
            refused, or "under quorum"; 2 on undecodable input.
            """
    )

    @OptionGroup var rotation: RotationOptions

    @Argument(help: "rotate-sign outputs (files, or - for standard input).")
    var signatures: [String]

    func run() async throws {
        let rotation = try rotation.rotation()
        var items: [RotationSignature] = []
        for file in signatures {
            do {
                items.append(try RotationSignature(json: try readInput(file)))
            } catch let error as RotationSignature.Failure {
                throw CommandFailure(message: "\(file == "-" ? "standard input" : file): \(error)")
            }
        }
        do {
            say(try rotation.aggregate(items).json)
        } catch {
            throw CommandFailure(message: "INVALID: \(error)", exitCode: 1)
        }
    }
}
