import ArgusCore
import ArgusNode
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// `targets_from`: the operator directory's requests and answers, and targets made from sockets.
struct DiscoveryTests {
    @Test func requestsPageByIDAndFilterByAVS() {
        #expect(OperatorDirectory.request(after: nil, avs: nil) == #"{"query":"{ operators(first: 1000, orderBy: id) { id socket } }"}"#)
        #expect(OperatorDirectory.request(after: "0x0a", avs: "0xABC")
            == #"{"query":"{ operators(first: 1000, orderBy: id, where: { id_gt: \"0x0a\", avs: \"0xabc\" }) { id socket } }"}"#)
    }

    @Test func readsAnswersAndFiles() throws {
        let answer = Data(#"{"data": {"operators": [{"id": "0xA1", "socket": "http://10.0.0.1:6001"}, {"id": "0xb2", "socket": "10.0.0.2:9000"}]}}"#.utf8)
        #expect(try OperatorDirectory.page(answer).map(\.id) == ["0xA1", "0xb2"])
        #expect(throws: OperatorDirectory.Failure.graphQL(["no such field"])) {
            try OperatorDirectory.page(Data(#"{"errors": [{"message": "no such field"}]}"#.utf8))
        }
        #expect(try OperatorDirectory.file(Data(#"[{"id": "0x1", "socket": "h:1"}]"#.utf8)).count == 1)
        #expect(try OperatorDirectory.file(Data(#"{"operators": [{"id": "0x1", "socket": "h:1"}]}"#.utf8)).count == 1)
        #expect(try OperatorDirectory.file(answer).count == 2)
        #expect(throws: OperatorDirectory.Failure.self) { try OperatorDirectory.file(Data("[1]".utf8)) }
    }

    @Test func socketsAndTemplates() throws {
        let url = try #require(OperatorDirectory.socket("http://10.0.0.1:6001"))
        #expect(url.host == "10.0.0.1" && url.port == 6001 && url.url == "http://10.0.0.1:6001")
        let bare = try #require(OperatorDirectory.socket("node.example:9000"))
        #expect(bare.url == "http://node.example:9000")
        #expect(OperatorDirectory.fill("https://{host}:9010/x", with: bare) == "https://node.example:9010/x")
        #expect(OperatorDirectory.socket("") == nil && OperatorDirectory.socket("http://") == nil)
    }

    @Test func targetsFromTheTemplate() throws {
        let configuration = try NodeConfiguration.parse(yaml: """
            defaults: {interval: 5}
            targets_from:
              file: operators.json
              interval: 30s
              socket_to_url: "http://{host}:9010"
              check: eigen
              degraded_is_down: true
            """, source: "argus.yml")
        let discovery = try #require(configuration.discovery)
        #expect(discovery.source == .file("operators.json") && discovery.interval == 30)
        #expect(configuration.targets.isEmpty)
        let (targets, problems) = discovery.targets([
            .init(id: "0xAbC", socket: "10.0.0.1:6001"), .init(id: "0xdef", socket: "://"), .init(id: "0xabc", socket: "10.0.0.9:1"),
        ])
        #expect(targets == [Target(address: "0xabc", check: .eigen(EigenCheck(baseURL: "http://10.0.0.1:9010", degradedIsDown: true)),
                                   policy: CheckPolicy(interval: 5))])
        #expect(problems == [#"argus.yml: targets_from: expected a socket host:port or URL, found "://" for operator 0xdef"#])

        let grpc = try NodeConfiguration.parse(yaml: "targets_from: {subgraph: 'https://g.example/q', check: grpc, host: '{host}:50051'}",
                                               source: "argus.yml").discovery
        #expect(grpc?.targets([.init(id: "0x1", socket: "http://10.0.0.1:6001")]).targets.first?.check
            == .grpc(GRPCCheck(host: "10.0.0.1", port: 50051)))
    }

    @Test(arguments: [
        ("targets_from: {file: a, subgraph: 'https://x'}", "argus.yml:1: targets_from: expected exactly one of subgraph (URL) and file (operators.json)"),
        ("targets_from: {subgraph: 'https://x', avs: 0x12}", "argus.yml:1: targets_from.avs: expected the AVS's address, 0x and 40 hex digits, found \"0x12\""),
        ("targets_from: {file: a, url: 'http://x'}", "argus.yml:1: targets_from.url: expected socket_to_url (a template) instead"),
        ("targets_from: {file: a, check: tcp, port: 0}", "argus.yml:1: targets_from.port: expected an integer in 1...65535, found \"0\""),
        ("targets_from: {file: a, conditions: ['$.x = 1']}", "argus.yml:1: targets_from.conditions[0]: expected a condition (docs/CHECKS.md), e.g. $.block_number >= head - 50, found \"$.x = 1\": use == to compare at column 5"),
    ])
    func errors(yaml: String, message: String) {
        #expect {
            try NodeConfiguration.parse(yaml: yaml, source: "argus.yml")
        } throws: { error in
            (error as? ConfigurationError)?.description == message
        }
    }
}

/// `TargetDiscovery` against a local GraphQL server that serves an operator set a page at a time.
@Suite(.serialized)
struct SubgraphDiscoveryTests {
    final class Subgraph: Sendable {
        let operators = Mutex<[OperatorDirectory.Entry]>([])
        let failing = Mutex(false)
        let requests = Mutex<[String]>([])

        func answer(_ query: String) -> (HTTPResponse.Status, String) {
            requests.withLock { $0.append(query) }
            if failing.withLock({ $0 }) { return (.ok, #"{"errors": [{"message": "indexer behind"}]}"#) }
            // `id_gt: "…"` in the query: the page after that id.
            var after: String?
            if let range = query.range(of: #"id_gt: \""#) {
                after = String(query[range.upperBound...].prefix { $0 != "\\" })
            }
            let page = operators.withLock { $0 }.sorted { $0.id < $1.id }.filter { after == nil || $0.id > after! }.prefix(OperatorDirectory.pageSize)
            let list = page.map { #"{"id": "\#($0.id)", "socket": "\#($0.socket)"}"# }.joined(separator: ",")
            return (.ok, #"{"data": {"operators": [\#(list)]}}"#)
        }
    }

    @Test func readsEveryPageKeepsTheSetOnFailureAndFollowsChanges() async throws {
        let subgraph = Subgraph()
        subgraph.operators.withLock { list in
            list = (0..<1500).map { OperatorDirectory.Entry(id: String(format: "0x%040x", $0), socket: "10.0.\($0 / 256).\($0 % 256):9000") }
        }
        let router = Router()
        router.post("/graphql") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let (status, text) = subgraph.answer(String(buffer: body))
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
                              logger: { var logger = Logger(label: "subgraph"); logger.logLevel = .critical; return logger }())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            defer { group.cancelAll() }
            var bound: Int?
            while bound == nil { bound = port.withLock { $0 }; try await Task.sleep(for: .milliseconds(10)) }
            let configuration = try NodeConfiguration.parse(yaml: """
                targets: [{address: "0xstatic", host: "127.0.0.1:1"}]
                targets_from: {subgraph: "http://127.0.0.1:\(bound!)/graphql", socket_to_url: "http://{host}:9010", check: eigen}
                """, source: "argus.yml")
            let targets = TargetSet(configured: configuration.targets)
            let discovery = TargetDiscovery(settings: configuration.discovery, targets: targets, http: HTTPClient.shared,
                                            logger: Logger(label: "test"))
            await discovery.refresh()
            #expect(targets.count == 1501, "the static target and every page of operators")
            #expect(subgraph.requests.withLock { $0.count } == 2)
            #expect(targets.target(String(format: "0x%040x", 1499))?.check == .eigen(EigenCheck(baseURL: "http://10.0.5.219:9010")))

            // The subgraph fails: nothing changes, and the error is kept.
            subgraph.failing.withLock { $0 = true }
            await discovery.refresh()
            #expect(targets.count == 1501)
            #expect(discovery.lastError == "the subgraph answered with errors: indexer behind")

            // An operator deregisters: it leaves the set, retired.
            subgraph.failing.withLock { $0 = false }
            subgraph.operators.withLock { $0.removeFirst() }
            await discovery.refresh()
            #expect(targets.count == 1500 && targets.retired == [String(format: "0x%040x", 0)] && discovery.lastError == nil)

            // An empty answer is not believed.
            subgraph.operators.withLock { $0 = [] }
            await discovery.refresh()
            #expect(targets.count == 1500)
            #expect(discovery.lastError == "the operator set is empty")
        }
    }
}
