import ArgumentParser
import ArgusProof
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a downtime proof or a state event offline against a cluster registry.",
        discussion: """
            Reads PROOF (a file, or - for standard input): the JSON of GET /aggregate_downtime, a state \
            event, or a batch holding one event. Checks the non-signers, the quorum, the aggregate of the \
            signers' keys and the BLS pairing, and prints what was proven in one paragraph. Exit 0 valid, \
            1 invalid (with the reason), 2 bad input. The proof format is described in docs/PROOFS.md.
            """
    )

    @Option(name: .long, help: "The cluster's monitoring_nodes.json.")
    var registry: String

    /// Without proofs of possession a registry member can register a rogue key (`a·G − pk1 − pk2`)
    /// and forge a quorum alone, so they are required unless the verifier opts out.
    @Flag(name: .long, help: "Accept registry members without a proof of possession (unsafe: a rogue key can then forge a quorum alone).")
    var allowMissingPop = false

    @Flag(name: .long, help: .hidden)
    var requirePop = false

    @Option(name: .long, help: "Quorum weighting: count or stake (default: stake when every member has one, else count).")
    var quorum: ClusterQuorum.Weighting?

    @Option(name: .long, help: "The fraction that must sign, n/d (default 2/3).")
    var fraction = "2/3"

    @Argument(help: "The proof file, or - for standard input.")
    var proof: String = "-"

    func run() async throws {
        let registryText: String
        do {
            registryText = try String(contentsOfFile: registry, encoding: .utf8)
        } catch {
            throw CommandFailure(message: "\(registry): cannot read: \(error.localizedDescription)")
        }
        guard ClusterQuorum(weighting: .count, fraction: fraction) != nil else {
            throw CommandFailure(message: "--fraction: expected n/d with 0 < n ≤ d, got \(fraction)")
        }
        if allowMissingPop {
            FileHandle.standardError.write(Data("warning: --allow-missing-pop: a member without a proof of possession can forge a quorum with a rogue key\n".utf8))
        }
        let members: Registry
        do {
            let parsed = try Registry.parse(json: registryText, requireProofsOfPossession: !allowMissingPop)
            members = try parsed.with(quorum: ClusterQuorum(weighting: quorum ?? parsed.quorum.weighting, fraction: fraction)!)
        } catch {
            throw CommandFailure(message: "\(registry): \(error)")
        }
        let data: Data
        if proof == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: proof) else { throw CommandFailure(message: "\(proof): cannot read") }
            data = contents
        }
        let document: ProofDocument
        do {
            document = try ProofDocument(json: data)
        } catch {
            throw CommandFailure(message: "\(proof == "-" ? "standard input" : proof): \(error)")
        }
        do {
            let verified = try document.verify(with: members)
            say(document.summary(verified))
        } catch {
            throw CommandFailure(message: "INVALID: \(error)", exitCode: 1)
        }
    }
}

extension ClusterQuorum.Weighting: ExpressibleByArgument {}
