import ArgumentParser
import ArgusProof
import Foundation

/// `argus evm`: settlement data as the arguments of the on-chain verifier contract.
struct EVMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evm",
        abstract: "Convert settlement data into calldata for the on-chain verifier (EIP-2537 points).",
        discussion: "The JSON shapes are described in docs/PROOFS.md, \"On-chain calldata (argus evm)\".",
        subcommands: [EVMCalldataCommand.self, EVMRotateSignCommand.self, EVMRotateCommand.self]
    )
}

/// The registry flags shared by the `evm` commands, as `argus verify` has them.
struct EVMRegistryOptions: ParsableArguments {
    @Option(name: .long, help: "The cluster's monitoring_nodes.json.")
    var registry: String

    @Flag(name: .long, help: "Accept registry members without a proof of possession (unsafe: a rogue key can then forge a quorum alone).")
    var allowMissingPop = false

    @Option(name: .long, help: "Quorum weighting: count or stake (default: stake when every member has one, else count).")
    var quorum: ClusterQuorum.Weighting?

    @Option(name: .long, help: "The fraction that must sign, n/d (default 2/3).")
    var fraction = "2/3"

    func load() throws -> Registry {
        try loadRegistry(file: registry, allowMissingPop: allowMissingPop, quorum: quorum, fraction: fraction)
    }
}

struct EVMCalldataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calldata",
        abstract: "Print an epoch report as the verifier's constructor, submit_epoch and claim arguments.",
        discussion: """
            Reads EPOCH (the body of GET /epochs/N, a file or - for standard input) and prints one JSON \
            object: {"constructor": {domain, pubkeys, stakes, quorum_numerator, quorum_denominator, \
            epoch_seconds}, "submit_epoch": {epoch, from_ts, to_ts, leaf_count, root, non_signers, \
            signature}, "claims": [{address, target_id, downtime, proof}…]}, points in EIP-2537 form. \
            A pure conversion: the signature and the quorum are not checked (argus verify and the \
            contract do that). Exit 2 on undecodable input; 1 if the report's root is not the root of \
            its leaves.
            """
    )

    @OptionGroup var options: EVMRegistryOptions

    @Argument(help: "The epoch report (GET /epochs/N), or - for standard input.")
    var epoch: String = "-"

    func run() async throws {
        let registry = try options.load()
        let source = epoch == "-" ? "standard input" : epoch
        let report: EpochReport
        do {
            report = try EpochReport(json: try readInput(epoch))
        } catch let error as EpochReport.Failure {
            if case .invalid = error { throw CommandFailure(message: "INVALID: \(source): \(error)", exitCode: 1) }
            throw CommandFailure(message: "\(source): \(error)")
        }
        let calldata: EpochCalldata
        do {
            calldata = try EpochCalldata(report: report, registry: registry)
        } catch {
            throw CommandFailure(message: "\(source): \(error)")
        }
        let expected = EpochStatement.registryRoot(registry)
        if report.content.registryRoot != expected {
            FileHandle.standardError.write(Data(("warning: the report's registry_root \(report.content.registryRoot) is not this registry's (\(expected)) "
                + "under \(registry.quorum): a contract built from this registry will refuse the signature\n").utf8))
        }
        say(calldata.json)
    }
}
