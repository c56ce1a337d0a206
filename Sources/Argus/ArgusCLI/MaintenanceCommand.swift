import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `argus maintenance announce | list`: a maintenance window announced to a node, which has the
/// cluster's quorum attest it and replicates it (docs/ACCOUNTING.md, "Maintenance windows").
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Announce maintenance windows (excluded from downtime when announced before they begin), and list them.",
        subcommands: [Announce.self, List.self]
    )

    struct Announce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Announce a maintenance window of a target through a node (needs the node's admin token).",
            discussion: """
                The node signs the window with its peers (a quorum must attest it before it begins) and \
                sends it through Zellular; every replica verifies it. Times are Unix seconds, ISO 8601 \
                (2026-12-07T02:00:00Z) or relative to now (+10m, +2h). Prints the announced event.
                """
        )

        @Option(name: .long, help: "The node's URL, e.g. http://127.0.0.1:5000.")
        var node: String

        @Option(name: .long, help: "A file holding the node's admin token (or ARGUS_ADMIN_TOKEN).")
        var tokenFile: String?

        @Option(name: .long, help: "The target's address.")
        var address: String

        @Option(name: .long, help: "When it begins.")
        var from: String

        @Option(name: .long, help: "When it ends.")
        var to: String

        @Option(name: .long, help: "Why (one line, at most 200 bytes).")
        var reason: String = ""

        func run() async throws {
            let token = try adminToken(file: tokenFile)
            let now = Date().timeIntervalSince1970
            let from = try parseTime(self.from, option: "--from", now: now)
            let to = try parseTime(self.to, option: "--to", now: now)
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["address": address, "from": from, "to": to, "reason": reason],
                                                                   options: [.sortedKeys]), as: UTF8.self)
            var request = HTTPClientRequest(url: base(node) + "/maintenance")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.body = .bytes(ByteBuffer(string: body))
            let (status, text) = try await send(request)
            guard status == 202 else { throw CommandFailure(message: "the node refused (HTTP \(status)): \(detail(text))", exitCode: status >= 500 || status == 0 ? 1 : 2) }
            say(text)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the maintenance windows a node has applied.")

        @Option(name: .long, help: "The node's URL.")
        var node: String

        @Option(name: .long, help: "Only this target's windows.")
        var address: String?

        func run() async throws {
            var url = base(node) + "/maintenance"
            if let address { url += "?address=" + (address.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? address) }
            let (status, text) = try await send(HTTPClientRequest(url: url))
            guard status == 200 else { throw CommandFailure(message: "the node answered HTTP \(status): \(detail(text))", exitCode: 1) }
            say(text)
        }
    }
}

/// Unix seconds, ISO 8601, or `+N[s|m|h|d]` from now.
func parseTime(_ text: String, option: String, now: Double) throws -> Int64 {
    if let seconds = Int64(text), seconds >= 0 { return seconds }
    if text.hasPrefix("+"), let unit = text.last, let amount = Double(text.dropFirst().dropLast()), amount >= 0 {
        let scale: Double? = switch unit { case "s": 1; case "m": 60; case "h": 3600; case "d": 86_400; default: nil }
        if let scale { return Int64((now + amount * scale).rounded(.down)) }
    }
    if let date = ISO8601DateFormatter().date(from: text) { return Int64(date.timeIntervalSince1970) }
    throw CommandFailure(message: "\(option): expected Unix seconds, ISO 8601 (2026-12-07T02:00:00Z) or +N with s, m, h or d; got \"\(text)\"")
}

func adminToken(file: String?) throws -> String {
    if let token = ProcessInfo.processInfo.environment["ARGUS_ADMIN_TOKEN"], !token.isEmpty { return token }
    guard let file else { throw CommandFailure(message: "the node's admin token: give --token-file or set ARGUS_ADMIN_TOKEN") }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure(message: "--token-file: cannot read \(file)") }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}

private func base(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

/// The status and body of a request to a node (status 0 and the error when it cannot be reached).
private func send(_ request: HTTPClientRequest) async throws -> (Int, String) {
    do {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 22)))
    } catch {
        throw CommandFailure(message: "cannot reach the node: \(error)", exitCode: 1)
    }
}

/// The `detail` of a JSON error body, else the body.
private func detail(_ text: String) -> String {
    struct Detail: Decodable { var detail: String }
    return (try? JSONDecoder().decode(Detail.self, from: Data(text.utf8)))?.detail ?? String(text.prefix(500))
}
