import AsyncHTTPClient
import Foundation
import NIOCore

/// What the scenarios run beside the cluster: a command (mount, dd, wrk, a Python check) and a
/// plain GET of any URL.
extension ChaosContext {
    /// Runs a command; its status and output.
    func shell(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func get(_ url: String) async -> (Int, String) {
        guard let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5)),
              let body = try? await response.body.collect(upTo: 1 << 20) else { return (0, "") }
        return (Int(response.status.code), String(buffer: body))
    }
}
