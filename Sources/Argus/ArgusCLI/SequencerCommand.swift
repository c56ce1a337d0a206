import ArgumentParser
import ArgusNode
import Foundation
import Hummingbird
import ZellularSequencer

struct SequencerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequencer",
        abstract: "Run an embedded one-operator Zellular sequencer (for a demo, a test or a small team).",
        discussion: """
            Creates its BN254 key on first start (DATA/operator.key, or --key) and writes DATA/nodes.json, \
            the static network description clients load (ours, or the Python SDK's StaticNetwork). \
            Everything it finalizes is in DATA/sequencer.sqlite before it is served.
            """
    )

    @Option(name: .long, help: "Listen address host:port (port 0 picks a free one).")
    var listen = "127.0.0.1:6001"

    @Option(name: .long, help: "Data directory.")
    var data: String

    @Option(name: .long, help: "App name to serve (repeat for several).")
    var app: [String] = ["downtime-monitoring"]

    @Option(name: .long, help: "Key file (hex BN254 secret); created when missing.")
    var key: String?

    @Option(name: .long, help: "File holding a bearer token that writers must send (PUT /node/APP/batches); reads stay open.")
    var tokenFile: String?

    func run() async throws {
        guard let (host, port) = NodeConfiguration.parseHostPort(listen) else {
            throw CommandFailure(message: "--listen: expected host:port, got \(listen)")
        }
        let sequencer: EmbeddedSequencer
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let store = try SequencerStore(path: (data as NSString).appendingPathComponent("sequencer.sqlite"))
            let identity = try SequencerIdentity.loadOrCreate(keyFile: key ?? (data as NSString).appendingPathComponent("operator.key"))
            sequencer = EmbeddedSequencer(store: store, identity: identity, apps: Set(app))
        } catch {
            throw CommandFailure(message: "cannot open \(data): \(error.localizedDescription)", exitCode: 1)
        }
        let nodesFile = (data as NSString).appendingPathComponent("nodes.json")
        let finalizer = Task { await sequencer.runFinalizer() }
        defer { finalizer.cancel() }
        var api = SequencerAPI(sequencer: sequencer)
        if let tokenFile {
            guard let token = try? String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
                throw CommandFailure(message: "--token-file: cannot read a token from \(tokenFile)")
            }
            api.writeToken = token
        }
        let application = Application(
            router: api.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "argus-sequencer"),
            onServerRunning: { channel in
                let socket = "http://\(host):\(channel.localAddress?.port ?? port)"
                try? sequencer.identity.nodesJSON(socket: socket).write(toFile: nodesFile, atomically: true, encoding: .utf8)
                say("operator \(sequencer.identity.id); network description in \(nodesFile)")
                say("listening on \(socket)")
            })
        do {
            try await application.runService()
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
    }
}
