import ArgumentParser
import ArgusProof
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a downtime proof, a state event or an epoch report offline against a cluster registry.",
        discussion: """
            Reads PROOF (a file, or - for standard input): the JSON of GET /aggregate_downtime, a state \
            event, a batch holding one event, or an epoch report (GET /epochs/N). Checks the non-signers, \
            the quorum, the aggregate of the signers' keys and the BLS pairing, and prints what was proven \
            in one paragraph. An epoch report is also rebuilt from its leaves (root, leaf count, statement) \
            and its registry root checked against the registry; --domain checks its domain. With --epoch \
            EPOCH.json, PROOF is an inclusion proof (GET /epochs/N/proof) checked against that report. \
            Exit 0 valid, 1 invalid (with the reason), 2 bad input. The formats are described in docs/PROOFS.md.
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

    @Option(name: .long, help: "The deployment's settlement domain (0x and 64 hex digits): an epoch report must carry it.")
    var domain: String?

    @Option(name: .long, help: "An epoch report (GET /epochs/N): PROOF is then an inclusion proof of one of its targets.")
    var epoch: String?

    @Argument(help: "The proof file, or - for standard input.")
    var proof: String = "-"

    func run() async throws {
        let members = try loadRegistry(file: registry, allowMissingPop: allowMissingPop, quorum: quorum, fraction: fraction)
        var expectedDomain: Bytes32?
        if let domain {
            guard let value = Bytes32(hex: domain) else { throw CommandFailure(message: "--domain: expected 0x and 64 hex digits, got \(domain)") }
            expectedDomain = value
        }
        if let epoch {
            try verifyInclusion(reportFile: epoch, registry: members, domain: expectedDomain)
            return
        }
        let data = try readInput(proof)
        let document: ProofDocument
        do {
            document = try ProofDocument(json: data)
        } catch {
            throw CommandFailure(message: "\(proof == "-" ? "standard input" : proof): \(error)")
        }
        do {
            let verified = try document.verify(with: members, domain: expectedDomain)
            say(document.summary(verified))
        } catch {
            throw CommandFailure(message: "INVALID: \(error)", exitCode: 1)
        }
    }

    /// `--epoch EPOCH.json PROOF.json`: the report first (it is what makes the root the
    /// cluster's), then the proof against it.
    func verifyInclusion(reportFile: String, registry: Registry, domain: Bytes32?) throws {
        let report: EpochReport
        do {
            report = try EpochReport(json: try readInput(reportFile))
        } catch let error as EpochReport.Failure {
            if case .invalid = error { throw CommandFailure(message: "INVALID: \(reportFile): \(error)", exitCode: 1) }
            throw CommandFailure(message: "\(reportFile): \(error)")
        }
        let inclusion: InclusionProof
        do {
            inclusion = try InclusionProof(json: try readInput(proof))
        } catch let error as InclusionProof.Failure {
            throw CommandFailure(message: "\(proof == "-" ? "standard input" : proof): \(error)")
        }
        do {
            let verified = try report.verify(with: registry, domain: domain)
            try inclusion.verify(against: report)
            say("VALID: \(inclusion.address) (target_id \(inclusion.targetID)) was down \(inclusion.downtimeSeconds) s in epoch \(inclusion.epoch) "
                + "[\(inclusion.from), \(inclusion.to)): its leaf \(inclusion.leaf) is in root \(inclusion.root) (\(inclusion.proof.count) steps), "
                + "which \(verified.signers.count) of \(verified.members) monitoring nodes (\(verified.signers.joined(separator: ", "))) signed; "
                + "quorum \(verified.quorum), met; domain \(report.content.domain).")
        } catch {
            throw CommandFailure(message: "INVALID: \(error)", exitCode: 1)
        }
    }
}

extension ClusterQuorum.Weighting: ExpressibleByArgument {}
