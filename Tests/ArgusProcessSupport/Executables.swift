// ArgusProcessSupport — test helpers for suites that run the package's executables and the demo
// launcher (the app layer). Crypto and wire suites use ArgusTestSupport alone.

@_exported import ArgusDemo
@_exported import ArgusTestSupport
import Foundation

/// The package's built executables (`argus`, the store writer), next to the test binary.
public enum Executables {
    public static func url(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if let directory = ProcessInfo.processInfo.environment["ARGUS_BIN_DIR"] {
            candidates.append(URL(fileURLWithPath: directory))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for configuration in ["debug", "release"] {
            candidates.append(Vectors.packageRoot.appendingPathComponent(".build/\(configuration)"))
        }
        for directory in candidates {
            let file = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: file.path) { return file }
        }
        throw ChildProcess.Timeout(description: "executable \(name) not found (build it first: swift build); looked in \(candidates.map(\.path))")
    }

    public static var argus: URL { get throws { try url("argus") } }
}

/// A fresh temporary directory, removed by the caller with `remove()`.
public struct TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("argus-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs a command to completion and returns its exit status, standard output and standard error.
public func runCommand(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { _, new in new }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
