import Foundation

/// The Python that runs the independent cross-checks (blspy, py_ecc, xxhash): `ARGUS_PYTHON`, else
/// the project's `.venv` (made by `make deps`), else `python3`.
///
/// Cross-checks are skipped when their module is missing on a developer machine, but **required**
/// under CI (`CI` set), so a green CI run always includes them.
public enum Python {
    public static var interpreter: String {
        if let explicit = ProcessInfo.processInfo.environment["ARGUS_PYTHON"], !explicit.isEmpty { return explicit }
        let venv = Vectors.packageRoot.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return "python3"
    }

    public static var isRequired: Bool {
        ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
    }

    /// Whether `import <module>` works; under CI a missing module is a failure, not a skip.
    public static func canImport(_ module: String) -> Bool {
        run(["-c", "import \(module)"]).status == 0 || isRequired
    }

    /// A script of the repository, by path relative to the package root.
    public static func script(_ relativePath: String) -> String {
        Vectors.packageRoot.appendingPathComponent(relativePath).path
    }

    /// Runs the interpreter with `arguments`, feeding `input` on standard input.
    public static func run(_ arguments: [String], input: Data? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter] + arguments
        let stdout = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        do { try process.run() } catch { return (-1, "\(error)") }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
