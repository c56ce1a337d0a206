import ArgumentParser
import AsyncHTTPClient
import Foundation
import Zellular
import ZellularHTTP
import PythonJSON

struct ZellularCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zellular",
        abstract: "Talk to a Zellular network: send batches, follow the verified finalized stream.",
        subcommands: [Tail.self, Send.self]
    )

    struct NetworkOptions: ParsableArguments {
        @Option(name: .long, help: "Static network description (the SDK's nodes.json).")
        var network: String?

        @Option(name: .long, help: "EigenLayer subgraph URL (GraphQL) listing the network's operators.")
        var subgraph: String?

        @Option(name: .long, help: "App name.")
        var app: String

        @Option(name: .long, help: "Gateway base URL (default: chosen among the active operators as the SDK does).")
        var gateway: String?

        @Option(name: .long, help: "Finality threshold in percent of stake.")
        var threshold = 67

        func validate() throws {
            guard (network == nil) != (subgraph == nil) else {
                throw ValidationError("pass exactly one of --network FILE and --subgraph URL")
            }
            guard (0...100).contains(threshold) else { throw ValidationError("--threshold must be in 0...100") }
        }

        func zellularNetwork(http: HTTPClient) throws -> any ZellularNetwork {
            if let subgraph {
                guard let url = URL(string: subgraph), ["http", "https"].contains(url.scheme ?? "") else {
                    throw CommandFailure(message: "--subgraph: not an http(s) URL: \(subgraph)")
                }
                return EigenLayerNetwork(subgraphURL: subgraph, http: http)
            }
            let path = network ?? ""
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "\(path): cannot read: \(error.localizedDescription)")
            }
            do {
                return try StaticNetwork(json: text)
            } catch {
                throw CommandFailure(message: "\(path): \(error)")
            }
        }

        func client(http: HTTPClient) async throws -> ZellularClient {
            let network = try zellularNetwork(http: http)
            let chosen: String
            if let gateway {
                chosen = gateway
            } else {
                do {
                    chosen = try await GatewaySelector(network: network, appName: app, http: http).select()
                } catch {
                    throw CommandFailure(message: "choosing a gateway: \(error)", exitCode: 1)
                }
            }
            return ZellularClient(http: http, gateway: chosen, appName: app, network: network, rule: QuorumRule(thresholdPercent: threshold))
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
            let client = try await options.client(http: HTTPClient.shared)
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
            let client = try await options.client(http: HTTPClient.shared)
            do {
                try await client.send(body)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: 1)
            }
            say("sent")
        }
    }
}
