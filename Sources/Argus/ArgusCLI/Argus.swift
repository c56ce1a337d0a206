import ArgumentParser
import Foundation

@main
struct Argus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argus",
        abstract: "Verifiable downtime monitoring.",
        subcommands: [DemoCommand.self, ServeCommand.self, TargetCommand.self, MaintenanceCommand.self, KeygenCommand.self, VerifyCommand.self, EVMCommand.self, SequencerCommand.self, ZellularCommand.self,
                      BLSCommand.self, BN254Command.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("argus: \(failure.message)\n".utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            // Usage errors (unknown or missing options, unparseable values) are bad input: exit 2,
            // like every other bad input, rather than ArgumentParser's 64.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A failure the user can act on: printed as one line on standard error, with an exit code
/// (2 = bad input or configuration, 1 = a runtime failure).
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 2
}

/// Bad input to a subcommand that exits through ArgumentParser: the message on standard error, exit code 2.
func badInput(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(2)
}

/// Writes one line to standard output unbuffered, so that a parent reading a pipe sees it at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
