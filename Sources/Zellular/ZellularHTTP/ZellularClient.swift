import AsyncHTTPClient
import Foundation
import NIOCore
import Zellular

/// A verifying client for one app of a Zellular network (`zellular-protocol.md` §8): it sends
/// batches and reads back only what the operators finalized and it could verify itself, so a
/// lying gateway cannot rewrite history. Unlike the SDK it never spins: it waits
/// `pollInterval` when there is nothing new, and backs off on errors.
public struct ZellularClient: Sendable {
    public let http: HTTPClient
    public let gateway: String
    public let appName: String
    public let network: any ZellularNetwork
    public let rule: QuorumRule
    public var pollInterval: Double = 0.25
    public var requestTimeout: Double = 5
    public var maxBackoff: Double = 5
    /// Sent as `Authorization: Bearer …` with every batch, for a sequencer that asks for one.
    public var writeToken: String?

    public enum ClientError: Error, Sendable, CustomStringConvertible {
        case node(status: Int, code: String, message: String)
        case http(status: Int, body: String)
        case malformedResponse(String)
        case verification(FinalizedStream.Failure)

        public var description: String {
            switch self {
            case let .node(status, code, message): "node error \(status) \(code): \(message)"
            case let .http(status, body): "HTTP \(status): \(body.prefix(200))"
            case let .malformedResponse(reason): "malformed response: \(reason)"
            case let .verification(failure): "refused: \(failure)"
            }
        }

        /// Worth retrying: the network or the node, not the data.
        var isTransient: Bool {
            switch self {
            case let .node(status, _, _), let .http(status, _): status >= 500 || status == 429
            case .malformedResponse, .verification: false
            }
        }
    }

    /// A client of a static network (the SDK's `nodes.json`): every tag maps to the one set.
    public init(http: HTTPClient, gateway: String, appName: String, network: OperatorSet, rule: QuorumRule = QuorumRule()) {
        self.init(http: http, gateway: gateway, appName: appName, network: StaticNetwork(network), rule: rule)
    }

    /// A client of any network; `GatewaySelector` finds a gateway when the caller has none.
    public init(http: HTTPClient, gateway: String, appName: String, network: any ZellularNetwork, rule: QuorumRule = QuorumRule()) {
        self.http = http
        self.gateway = gateway.hasSuffix("/") ? String(gateway.dropLast()) : gateway
        self.appName = appName
        self.rule = rule
        self.network = network
    }

    var appPath: String {
        "\(gateway)/node/\(appName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? appName)"
    }

    /// `PUT /node/{app}/batches` with the raw text (`text/plain`). Acceptance means "queued", not
    /// delivered: callers that must not lose a batch watch for it in `batches(after:)`.
    public func send(_ body: String) async throws {
        var request = HTTPClientRequest(url: "\(appPath)/batches")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "text/plain")
        if let writeToken { request.headers.add(name: "Authorization", value: "Bearer \(writeToken)") }
        request.body = .bytes(ByteBuffer(string: body))
        _ = try await execute(request, as: EmptyData.self)
    }

    /// The newest finalized sync point, its signature verified over the chaining hash the node
    /// reports (as the SDK's `get_last_finalized`); `nil` when nothing is finalized yet.
    public func lastFinalized() async throws -> FinalitySignature? {
        let request = HTTPClientRequest(url: "\(appPath)/batches/finalized/last")
        guard let record = try await execute(request, as: LastFinalized.self) else { return nil }
        let signature = FinalitySignature(
            signature: record.finalized_signature ?? "", chainingHash: record.chaining_hash,
            nonsigners: record.finalized_nonsigners ?? [], index: record.index, parentIndex: record.parent_index ?? 0,
            tag: record.finalized_tag ?? 0, timestamp: record.timestamp ?? 0)
        let set = try await network.operators(tag: signature.tag)
        do throws(FinalityVerifier.Failure) {
            try FinalityVerifier(appName: appName, rule: rule).verify(signature, chainingHash: record.chaining_hash, operators: set)
        } catch {
            throw ClientError.verification(.verification(error))
        }
        return signature
    }

    /// Verified finalized batches after `index`, forever (until cancelled or refused). Pass the
    /// chaining hash at `index` when resuming from a stored cursor, and whether `index` is a sync point.
    public func batches(after index: Int = 0, chainingHash: String? = nil, isSyncPoint: Bool = true) -> AsyncThrowingStream<FinalizedStream.Batch, any Error> {
        let pages = pages(after: index, chainingHash: chainingHash, isSyncPoint: isSyncPoint)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await page in pages { for batch in page { continuation.yield(batch) } }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The same batches a page at a time, as each response of the node holds them (never an
    /// empty page): what a replica can verify and apply together.
    public func pages(after index: Int = 0, chainingHash: String? = nil, isSyncPoint: Bool = true) -> AsyncThrowingStream<[FinalizedStream.Batch], any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var stream = FinalizedStream(
                    verifier: FinalityVerifier(appName: appName, rule: rule), after: index,
                    chainingHash: chainingHash, isSyncPoint: isSyncPoint && chainingHash != nil)
                var backoff = pollInterval
                while !Task.isCancelled {
                    do {
                        let request = HTTPClientRequest(url: "\(appPath)/batches/finalized?after=\(stream.nextAfter)")
                        let response = try await execute(request, as: FinalizedBatches.self)
                        // The operator sets of the tags this response's signatures name, looked
                        // up first (a subgraph query per new tag) so the verification stays pure.
                        var sets: [Int: OperatorSet] = [:]
                        for tag in Set(response?.finalizedSignatures.map(\.tag) ?? []) {
                            sets[tag] = try await network.operators(tag: tag)
                        }
                        let verified: [FinalizedStream.Batch]
                        do throws(FinalizedStream.Failure) {
                            verified = try stream.consume(response, operators: { sets[$0] })
                        } catch {
                            throw ClientError.verification(error)
                        }
                        if !verified.isEmpty { continuation.yield(verified) }
                        backoff = pollInterval
                        if verified.isEmpty { try await Task.sleep(for: .milliseconds(Int64(pollInterval * 1000))) }
                    } catch is CancellationError {
                        break
                    } catch let error as ClientError where !error.isTransient {
                        continuation.finish(throwing: error)
                        return
                    } catch {
                        // Transport errors, 5xx, an unreachable subgraph: back off and try again.
                        try? await Task.sleep(for: .milliseconds(Int64(backoff * 1000)))
                        backoff = min(maxBackoff, backoff * 2)
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    struct EmptyData: Decodable, Sendable {}

    struct LastFinalized: Decodable, Sendable {
        var chaining_hash: String
        var index: Int
        var parent_index: Int?
        var timestamp: Int?
        var finalized_signature: String?
        var finalized_nonsigners: [String]?
        var finalized_tag: Int?
    }

    /// Runs a request and unwraps the node's envelope (`data`, possibly null).
    func execute<T: Decodable & Sendable>(_ request: HTTPClientRequest, as: T.Type) async throws -> T? {
        let response = try await http.execute(request, timeout: .milliseconds(Int64(requestTimeout * 1000)))
        let body = try await response.body.collect(upTo: 64 << 20)
        let data = Data(body.readableBytesView)
        let status = Int(response.status.code)
        let envelope = try? JSONDecoder().decode(Envelope<T>.self, from: data)
        guard (200..<300).contains(status) else {
            if let error = envelope?.error { throw ClientError.node(status: status, code: error.code, message: error.message) }
            throw ClientError.http(status: status, body: String(decoding: data, as: UTF8.self))
        }
        guard let envelope, envelope.status == "success" else {
            throw ClientError.malformedResponse(String(decoding: data.prefix(200), as: UTF8.self))
        }
        return envelope.data
    }
}
