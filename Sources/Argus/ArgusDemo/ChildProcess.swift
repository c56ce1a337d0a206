import Foundation

/// A child process of the demo or of a multi-process test: its stdout is collected line by line,
/// and the caller can wait for a line, send signals and read the exit status. Standard error goes
/// to `log` (or nowhere). Killed when deallocated.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var lines: [String] = []
    private var partial = Data()
    private let name: String

    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                log: URL? = nil) throws {
        name = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        if let log, FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) {
            process.standardError = handle
        } else {
            process.standardError = FileHandle.nullDevice
        }
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            self?.append(data)
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(SIGKILL) }
    }

    private func append(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        partial.append(data)
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
            partial.removeSubrange(partial.startIndex...newline)
        }
    }

    /// Every complete line printed so far.
    public var output: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Waits until a printed line satisfies `predicate`, and returns it.
    @discardableResult
    public func waitForLine(timeout: Double = 30, where predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.first(where: predicate) { return line }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Timeout(description: "\(name): no matching line within \(timeout)s (running: \(process.isRunning)); output: \(output.suffix(5))")
    }

    /// The port from a "listening on http://HOST:PORT" line.
    public func listeningPort(timeout: Double = 60) async throws -> Int {
        let line = try await waitForLine(timeout: timeout) { $0.hasPrefix("listening on ") }
        guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw Timeout(description: "\(name): unparseable line \(line)")
        }
        return port
    }

    public func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { kill(SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
