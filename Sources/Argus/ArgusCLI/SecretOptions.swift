import ArgumentParser
import Foundation

/// Where a command reads a secret key: a file (or `-`, standard input), which `ps` does not show,
/// or — for scripts and test vectors — the command line.
struct SecretOptions: ParsableArguments {
    @Option(name: .customLong("secret-file"), help: "File holding the secret key as hex, or - for standard input (preferred: not visible in ps).")
    var secretFile: String?

    @Option(name: .customLong("secret-hex"), help: "Secret key as hex on the command line (visible to other users in ps; prefer --secret-file).")
    var secretHex: String?

    /// The secret's hex text, from exactly one of the two.
    func hexText() throws -> String {
        switch (secretFile, secretHex) {
        case let (file?, nil):
            if file == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
            guard let data = FileManager.default.contents(atPath: file) else { throw badInput("--secret-file: cannot read \(file)") }
            return String(decoding: data, as: UTF8.self)
        case let (nil, hex?):
            return hex
        default:
            throw badInput("give the secret key with exactly one of --secret-file FILE (or -) and --secret-hex HEX")
        }
    }
}
