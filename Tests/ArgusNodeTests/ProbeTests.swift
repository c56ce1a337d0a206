import ArgusCore
import ArgusNode
import ArgusSimulator
import AsyncHTTPClient
import Crypto
import Foundation
import GRPCCore
import GRPCHealth
import GRPCNIOTransportHTTP2Posix
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing
import X509

/// Every check kind against a real local server: the simulator's EigenLayer node API and its
/// chain head (advancing or stalled), TLS servers with chains made in the test, and a gRPC health
/// server. The checker is the node's own (`NetworkHealthChecker`).
@Suite(.serialized)
struct ProbeTests {
    static let logger = { var logger = Logger(label: "probe-tests"); logger.logLevel = .critical; return logger }()
    // A generous timeout: no case here waits for one, and the whole suite runs beside this one (the
    // node API probe reads its services only within what is left of it).
    let policy = CheckPolicy(interval: 20, retryInterval: 10, timeout: 10)

    /// Runs `body` with a simulated target listening on a free port.
    func withSimulator<T: Sendable>(_ simulator: SimulatedTarget, _ body: @Sendable (Int) async throws -> T) async throws -> T {
        let port = Mutex<Int?>(nil)
        let app = Application(router: simulator.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: Self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            defer { group.cancelAll() }
            var bound: Int?
            for _ in 0..<200 where bound == nil {
                bound = port.withLock { $0 }
                if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            return try await body(try #require(bound))
        }
    }

    func checker() -> NetworkHealthChecker {
        NetworkHealthChecker(httpClient: HTTPClient.shared)
    }

    // MARK: EigenLayer node API

    @Test(arguments: [
        (SimulatedNodeAPI.healthy, true, false, nil as String?),
        (.partial, true, true, "partially healthy (206): BLS signer Down"),
        (.unhealthy, false, false, "unhealthy (503): Sequencer Down, BLS signer Down"),
    ])
    func eigenNodeAPI(mode: SimulatedNodeAPI, healthy: Bool, degraded: Bool, reason: String?) async throws {
        try await withSimulator(SimulatedTarget(nodeAPI: mode)) { port in
            let target = Target(address: "0xEigen", check: .eigen(EigenCheck(baseURL: "http://127.0.0.1:\(port)")), policy: policy)
            let outcome = await checker().check(target)
            #expect(outcome.healthy == healthy)
            #expect(outcome.degraded == degraded)
            #expect(outcome.failureReason == reason)
        }
    }

    @Test func aPartiallyHealthyNodeIsDownWhenDegradedCountsAsDowntime() async throws {
        try await withSimulator(SimulatedTarget(nodeAPI: .partial)) { port in
            let target = Target(address: "0xEigen", check: .eigen(EigenCheck(baseURL: "http://127.0.0.1:\(port)", degradedIsDown: true)), policy: policy)
            let outcome = await checker().check(target)
            #expect(!outcome.healthy && !outcome.degraded)
            #expect(outcome.failureReason == "partially healthy (206): BLS signer Down")
        }
    }

    // MARK: HTTP conditions

    @Test func blockHeightWithinKOfAReferenceTarget() async throws {
        // The reference advances 200 blocks a second; the operator's node keeps up, then stalls.
        let reference = SimulatedTarget(chain: SimulatedChain(start: 5_000, blocksPerSecond: 200))
        let node = SimulatedTarget(chain: SimulatedChain(start: 5_000, blocksPerSecond: 200))
        try await withSimulator(reference) { referencePort in
            try await withSimulator(node) { nodePort in
                let checker = checker()
                let referenceTarget = Target(address: "0xReference", check: .http(baseURL: "http://127.0.0.1:\(referencePort)", path: "/status"),
                                             policy: policy)
                let operatorTarget = Target(address: "0xOperator", check: .http(HTTPCheck(
                    baseURL: "http://127.0.0.1:\(nodePort)", path: "/status", bodyContains: ["block_number"],
                    conditions: [try Condition(parsing: "$.block_number >= head - 100", references: ["head"]),
                                 try Condition(parsing: "$.syncing == false")],
                    references: ["head": HTTPCheck.Reference(target: "0xReference", path: [.member("block_number")])])), policy: policy)
                checker.references.track([referenceTarget, operatorTarget])

                // Before the reference has answered, its value is unavailable: the condition says nothing.
                #expect(await checker.check(operatorTarget).healthy)
                #expect(await checker.check(referenceTarget).healthy)
                #expect(await checker.check(operatorTarget).healthy, "in step with the reference")

                let (status, _) = try await post(port: nodePort, #"{"chain": "stall"}"#)
                #expect(status == 200)
                try await Task.sleep(for: .seconds(1))
                #expect(await checker.check(referenceTarget).healthy)
                let stalled = await checker.check(operatorTarget)
                #expect(!stalled.healthy)
                #expect(stalled.failureReason?.hasPrefix("$.block_number >= head - 100: $.block_number (") == true, "\(stalled)")

                _ = try await post(port: nodePort, #"{"chain": "advance"}"#)
                // Advancing again from where it stopped, it stays behind: still down.
                #expect(!(await checker.check(operatorTarget).healthy))
            }
        }
    }

    @Test func statusesKeywordsAndResponseTime() async throws {
        try await withSimulator(SimulatedTarget(initial: .down)) { port in
            let base = "http://127.0.0.1:\(port)"
            let checker = checker()
            func outcome(_ check: HTTPCheck) async -> ProbeOutcome {
                await checker.check(Target(address: "a", check: .http(check), policy: policy))
            }
            #expect(await outcome(HTTPCheck(baseURL: base)).failureReason == "status 503")
            #expect(await outcome(HTTPCheck(baseURL: base, acceptedStatuses: [200, 503])).healthy)
            #expect(await outcome(HTTPCheck(baseURL: base, acceptedStatuses: [503], bodyContains: ["down"])).healthy)
            #expect(await outcome(HTTPCheck(baseURL: base, acceptedStatuses: [503], bodyContains: ["up"])).failureReason == "the body lacks \"up\"")
            #expect(await outcome(HTTPCheck(baseURL: base, acceptedStatuses: [503], bodyExcludes: ["down"])).failureReason
                == "the body contains \"down\"")
            let slow = await outcome(HTTPCheck(baseURL: base, acceptedStatuses: [503], maxResponseTime: 0.000_001))
            #expect(slow.failureReason?.hasSuffix("over 0 ms") == true, "\(slow)")
            let notJSON = await outcome(HTTPCheck(baseURL: base, path: "/eigen/node/health", conditions: [try Condition(parsing: "$.x == 1")]))
            #expect(notJSON.failureReason == "$.x == 1: the answer is not JSON")
        }
    }

    func post(port: Int, _ body: String) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/control")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 16))
        return (Int(response.status.code), text)
    }

    // MARK: TLS

    @Test func tlsExpiryAndTrust() async throws {
        let chain = try TestChain()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argus-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let caFile = directory.appendingPathComponent("ca.pem").path
        try chain.caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        let checker = checker()
        func outcome(_ leaf: TestChain.Leaf, minDays: Double = 7, ca: String? = caFile, name: String = "localhost") async throws -> ProbeOutcome {
            try await withTLSServer(leaf) { port in
                await checker.check(Target(address: "tls", check: .tls(TLSCheck(host: "127.0.0.1", port: port, serverName: name, minDays: minDays, caFile: ca)),
                                           policy: policy))
            }
        }
        #expect(try await outcome(try chain.leaf(days: 30)).healthy)
        let soon = try await outcome(try chain.leaf(days: 3))
        #expect(!soon.healthy)
        #expect(soon.failureReason?.hasPrefix("the certificate expires in 3") == true, "\(soon)")
        #expect(try await outcome(try chain.leaf(days: 3), minDays: 1).healthy)
        let expired = try await outcome(try chain.leaf(days: -2))
        #expect(expired.failureReason?.hasPrefix("the certificate expired 2") == true, "\(expired)")
        let untrusted = try await outcome(try chain.leaf(days: 30), ca: nil)
        #expect(untrusted.failureReason == "the certificate chain does not verify (untrusted, or not valid yet)")
        let wrongName = try await outcome(try chain.leaf(days: 30), name: "other.example")
        #expect(!wrongName.healthy)
        #expect(wrongName.failureReason?.contains("other.example") == true, "\(wrongName)")
    }

    /// A CA and leaves for `localhost` signed by it, made with swift-certificates (no IP address in
    /// the leaves: NIOSSL accepts a certificate for the address it connected to whatever the name).
    struct TestChain {
        struct Leaf {
            var certificatePEM: String
            var keyPEM: String
        }

        let caKey = P256.Signing.PrivateKey()
        let caName: DistinguishedName
        let ca: Certificate

        init() throws {
            caName = try DistinguishedName { CommonName("Argus test CA") }
            let now = Date()
            ca = try Certificate(version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
                                 notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(365 * 86_400),
                                 issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
                                 extensions: try Certificate.Extensions {
                                     Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                                     Critical(KeyUsage(keyCertSign: true))
                                 },
                                 issuerPrivateKey: .init(caKey))
        }

        var caPEM: String { (try? ca.serializeAsPEM().pemString) ?? "" }

        /// A leaf valid from a week ago until `days` from now.
        func leaf(days: Double) throws -> Leaf {
            let key = P256.Signing.PrivateKey()
            let now = Date()
            let leaf = try Certificate(version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
                                       notValidBefore: now.addingTimeInterval(-7 * 86_400), notValidAfter: now.addingTimeInterval(days * 86_400),
                                       issuer: caName, subject: try DistinguishedName { CommonName("localhost") },
                                       signatureAlgorithm: .ecdsaWithSHA256,
                                       extensions: try Certificate.Extensions {
                                           SubjectAlternativeNames([.dnsName("localhost")])
                                           try ExtendedKeyUsage([.serverAuth])
                                       },
                                       issuerPrivateKey: .init(caKey))
            return Leaf(certificatePEM: try leaf.serializeAsPEM().pemString, keyPEM: key.pemRepresentation)
        }
    }

    /// A TLS server on a free port that completes handshakes with `leaf` and then idles.
    func withTLSServer<T: Sendable>(_ leaf: TestChain.Leaf, _ body: (Int) async throws -> T) async throws -> T {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(leaf.certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(leaf.keyPEM.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        defer { server.close(promise: nil) }
        return try await body(try #require(server.localAddress?.port))
    }

    // MARK: gRPC

    /// `grpc.health.v1.Health` as a server keeps it: a status per service, NOT_FOUND otherwise.
    struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
        let statuses: [String: Grpc_Health_V1_HealthCheckResponse.ServingStatus]

        func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws -> Grpc_Health_V1_HealthCheckResponse {
            guard let status = statuses[request.service] else { throw RPCError(code: .notFound, message: "unknown service") }
            var response = Grpc_Health_V1_HealthCheckResponse()
            response.status = status
            return response
        }

        func watch(request: Grpc_Health_V1_HealthCheckRequest, response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
                   context: ServerContext) async throws {
            throw RPCError(code: .unimplemented, message: "not in this test")
        }
    }

    @Test func grpcHealth() async throws {
        let transport = HTTP2ServerTransport.Posix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext)
        let service = HealthService(statuses: ["": .serving, "zellular.Node": .serving, "argus.Signer": .notServing])
        try await withGRPCServer(transport: transport, services: [service]) { _ in
            let port = try #require(await transport.listeningAddress.ipv4?.port)
            let checker = checker()
            func outcome(_ service: String, port: Int) async -> ProbeOutcome {
                await checker.check(Target(address: "g", check: .grpc(GRPCCheck(host: "127.0.0.1", port: port, service: service)), policy: policy))
            }
            #expect(await outcome("", port: port).healthy)
            #expect(await outcome("zellular.Node", port: port).healthy)
            #expect(await outcome("argus.Signer", port: port).failureReason == "health status NOT_SERVING")
            #expect(await outcome("nothing", port: port).failureReason == "the server does not know the service \"nothing\" (NOT_FOUND)")
        }
        // Nothing listening: down, with the transport's reason.
        let closed = try await withTLSServer(try TestChain().leaf(days: 30)) { port in port }
        let refused = await checker().check(Target(address: "g", check: .grpc(GRPCCheck(host: "127.0.0.1", port: closed)), policy: policy))
        #expect(!refused.healthy)
    }
}
