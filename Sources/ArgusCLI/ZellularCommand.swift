import ArgumentParser
import AsyncHTTPClient
import Foundation
import Zellular
import ZellularHTTP

struct ZellularCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zellular",
        abstract: "Talk to a Zellular network: send batches, follow the verified finalized stream.",
        subcommands: [Tail.self, Send.self]
    )

    struct NetworkOptions: ParsableArguments {
        @Option(name: .long, help: "Static network description (the SDK's nodes.json).")
        var network: String

        @Option(name: .long, help: "App name.")
        var app: String

        @Option(name: .long, help: "Gateway base URL (default: the first posting operator's socket).")
        var gateway: String?

        @Option(name: .long, help: "Finality threshold in percent of stake.")
        var threshold = 67

        func client(http: HTTPClient) throws -> ZellularClient {
            guard (0...100).contains(threshold) else { throw CommandFailure(message: "--threshold must be in 0...100") }
            let text: String
            do {
                text = try String(contentsOfFile: network, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "\(network): cannot read: \(error.localizedDescription)")
            }
            let set: OperatorSet
            do {
                set = try OperatorSet.staticNetwork(json: text)
            } catch {
                throw CommandFailure(message: "\(network): \(error)")
            }
            guard let gateway = gateway ?? set.ids.compactMap({ set.operators[$0] }).first(where: { $0.roles.contains("posting") })?.socket else {
                throw CommandFailure(message: "\(network): no posting operator; pass --gateway")
            }
            return ZellularClient(http: http, gateway: gateway, appName: app, network: set, rule: QuorumRule(thresholdPercent: threshold))
        }
    }

    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print verified finalized batches as JSON lines; refuse (exit 1, with the reason) anything that fails verification.")

        @OptionGroup var options: NetworkOptions

        @Option(name: .long, help: "Start after this index.")
        var after = 0

        @Option(name: .long, help: "Stop after this many batches (default: follow forever).")
        var count: Int?

        func run() async throws {
            guard after >= 0 else { throw CommandFailure(message: "--after must be ≥ 0") }
            let client = try options.client(http: HTTPClient.shared)
            var seen = 0
            do {
                for try await batch in client.batches(after: after) {
                    say(WireJSON.object([("index", .int(batch.index)), ("timestamp", .int(batch.timestamp)), ("body", .string(batch.body))]).text)
                    seen += 1
                    if let count, seen >= count { return }
                }
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 1)
            }
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send one batch (raw text).")

        @OptionGroup var options: NetworkOptions

        @Argument(help: "The batch body.")
        var body: String

        func run() async throws {
            let client = try options.client(http: HTTPClient.shared)
            do {
                try await client.send(body)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 1)
            }
            say("sent")
        }
    }
}
