import AsyncHTTPClient
import Foundation
import NIOCore
import Zellular

/// A Zellular network registered on EigenLayer, read from its subgraph over GraphQL
/// (`zellular-protocol.md` §10, the SDK's `EigenlayerNetwork`): the current tag is the subgraph's
/// head block minus 5; the operators of a tag are read at that block and cached per tag (a tag's
/// set never changes). Concurrent requests for the same tag share one query.
public actor EigenLayerNetwork: ZellularNetwork {
    public nonisolated let subgraphURL: String
    let http: HTTPClient
    let timeout: TimeAmount
    private var cache: [Int: Task<OperatorSet, any Error>] = [:]
    /// Queries sent so far (for tests and logs).
    public private(set) var queriesSent = 0

    public enum NetworkError: Error, Sendable, CustomStringConvertible {
        case unreachable(url: String, reason: String)
        case http(status: Int, body: String)
        case subgraph(EigenLayerSubgraph.Failure)
        case noOperators(tag: Int)

        public var description: String {
            switch self {
            case let .unreachable(url, reason): "the subgraph at \(url) is unreachable: \(reason)"
            case let .http(status, body): "the subgraph answered HTTP \(status): \(body.prefix(200))"
            case let .subgraph(failure): "\(failure)"
            case let .noOperators(tag): "the subgraph lists no operators at block \(tag)"
            }
        }
    }

    public init(subgraphURL: String, http: HTTPClient = .shared, timeout: Double = 10) {
        self.subgraphURL = subgraphURL
        self.http = http
        self.timeout = .milliseconds(Int64(timeout * 1000))
    }

    /// The subgraph's head block minus the reorg margin.
    public func currentTag() async throws -> Int {
        let response = try await post(EigenLayerSubgraph.headBlockRequest)
        do throws(EigenLayerSubgraph.Failure) {
            return try EigenLayerSubgraph.tag(fromHeadBlock: response)
        } catch {
            throw NetworkError.subgraph(error)
        }
    }

    public func operators(tag: Int) async throws -> OperatorSet {
        if let task = cache[tag] { return try await task.value }
        let task = Task { try await self.fetchOperators(tag: tag) }
        cache[tag] = task
        do {
            return try await task.value
        } catch {
            cache[tag] = nil  // Failures are not cached: the next caller asks again.
            throw error
        }
    }

    public func currentOperators() async throws -> OperatorSet {
        try await operators(tag: currentTag())
    }

    func fetchOperators(tag: Int) async throws -> OperatorSet {
        let response = try await post(EigenLayerSubgraph.operatorsRequest(tag: tag))
        let set: OperatorSet
        do throws(EigenLayerSubgraph.Failure) {
            set = try EigenLayerSubgraph.operatorSet(fromOperators: response)
        } catch {
            throw NetworkError.subgraph(error)
        }
        guard !set.ids.isEmpty else { throw NetworkError.noOperators(tag: tag) }
        return set
    }

    func post(_ body: String) async throws -> Data {
        queriesSent += 1
        var request = HTTPClientRequest(url: subgraphURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response: HTTPClientResponse
        let data: Data
        do {
            response = try await http.execute(request, timeout: timeout)
            data = Data((try await response.body.collect(upTo: 16 << 20)).readableBytesView)
        } catch {
            throw NetworkError.unreachable(url: subgraphURL, reason: "\(error)")
        }
        guard response.status.code == 200 else {
            throw NetworkError.http(status: Int(response.status.code), body: String(decoding: data, as: UTF8.self))
        }
        return data
    }
}
