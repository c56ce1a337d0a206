import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Zellular
import ZellularHTTP
import ZellularSequencer

/// The embedded sequencer and the verifying client on loopback, in this process (release build).
func zellularBenchmark(_ options: Options) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let app = "downtime-monitoring"
    let store = try SequencerStore(path: directory.appendingPathComponent("sequencer.sqlite").path)
    let identity = try SequencerIdentity.loadOrCreate(keyFile: directory.appendingPathComponent("operator.key").path)
    let sequencer = EmbeddedSequencer(store: store, identity: identity, apps: [app])
    let finalizer = Task { await sequencer.runFinalizer() }
    defer { finalizer.cancel() }

    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
        router: SequencerAPI(sequencer: sequencer).router(),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
        logger: Logger(label: "argus-bench", factory: { _ in SwiftLogNoOpLogHandler() }))
    let server = Task { try await application.run() }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    let gateway = "http://127.0.0.1:\(port)"
    let nodesJSON = identity.nodesJSON(socket: gateway)
    let client = ZellularClient(http: .shared, gateway: gateway, appName: app, network: try OperatorSet.staticNetwork(json: nodesJSON))

    // A downtime event as Argus sends it: a one-element JSON array, ~330 bytes with its proof.
    func body(_ index: Int) -> String {
        #"[{"address": "http://10.0.\#(index / 250).\#(index % 250):8080", "state": "down", "timestamp": \#(1_790_000_000 + index), "#
            + #""aggregated_signature": "\#(String(repeating: "a5", count: 96))", "non_signing_nodes": []}]"#
    }
    let count = options.batches
    let senders = 8
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for sender in 0..<senders {
            group.addTask {
                for index in stride(from: sender, to: count, by: senders) { try await client.send(body(index)) }
            }
        }
        try await group.waitForAll()
    }
    let accepted = seconds(ContinuousClock.now - started)
    while try await client.lastFinalized()?.index ?? 0 < count { try await Task.sleep(for: .milliseconds(5)) }
    let finalized = seconds(ContinuousClock.now - started)

    // Read everything back from index 0, verifying every sync point.
    var readTimings: [Double] = []
    for _ in 0..<3 {
        let readStarted = ContinuousClock.now
        var read = 0
        for try await batch in client.batches(after: 0) {
            read += 1
            precondition(batch.index == read)
            if read == count { break }
        }
        readTimings.append(seconds(ContinuousClock.now - readStarted))
    }
    let readTime = median(readTimings)

    // The anchor: the independent Python verifier on the same batches (one response from index 0).
    var anchor: Double?
    var syncPoints = "?"
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/zellular/verify_finalized.py")
    var request = HTTPClientRequest(url: "\(gateway)/node/\(app)/batches/finalized?after=0")
    request.method = .GET
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let text = String(buffer: try await response.body.collect(upTo: 64 << 20))
    let returned = (try? JSONDecoder().decode(Envelope<FinalizedBatches>.self, from: Data(text.utf8)))?.data?.batches.count ?? 0
    let input = try JSONSerialization.data(withJSONObject: ["app": app, "nodes_json": nodesJSON, "response": text])
    let python = ProcessInfo.processInfo.environment["ARGUS_PYTHON"] ?? "python3"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script.path]
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    let pythonStarted = ContinuousClock.now
    if (try? process.run()) != nil {
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.hasPrefix("OK ") {
            anchor = seconds(ContinuousClock.now - pythonStarted) / Double(returned)
            syncPoints = output.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    if !options.json {
        print("Zellular over loopback HTTP, \(count) batches of \(body(0).utf8.count) bytes (release build)")
        print(String(format: "  sent by %d concurrent clients: accepted in %.2f s (%.0f batches/s), all finalized after %.2f s (%.0f batches/s)",
                     senders, accepted, Double(count) / accepted, finalized, Double(count) / finalized))
        print(String(format: "  verified read from index 0: %.3f s (%.0f batches/s)", readTime, Double(count) / readTime))
        if let anchor {
            print(String(format: "  Python py_ecc + xxhash verifying the first response (%d batches, %@ sync points): %.0f batches/s",
                         returned, syncPoints, 1 / anchor))
        }
    }
    report("zellular: send until finalized, per batch", argus: finalized / Double(count), anchor: nil, anchorName: "", options: options)
    report("zellular: verified read, per batch", argus: readTime / Double(count), anchor: anchor, anchorName: "py_ecc", options: options)
}
