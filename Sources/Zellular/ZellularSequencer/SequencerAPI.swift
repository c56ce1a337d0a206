import Foundation
import Hummingbird
import Zellular
import PythonJSON

/// The node routes a client needs (`zellular-protocol.md` §4.1–4.4), with a real node's
/// envelopes, field order, error codes and size limit.
public struct SequencerAPI: Sendable {
    public let sequencer: EmbeddedSequencer
    /// A real node's version string (PEP 440, so the SDK's gateway selection accepts it).
    public static let version = "v0.1.7"
    /// `MAX_BATCH_SIZE_KB` = 5: at most 5120 bytes of UTF-8.
    public var maxBatchBytes = 5120
    /// Whole batches per finalized response, up to this many bytes of bodies.
    public var responseBudget = 1 << 20
    /// When set, `PUT /node/{app}/batches` needs `Authorization: Bearer <token>` (401 otherwise):
    /// only the cluster's monitors may write. Reads stay open, as a Zellular node's are; the
    /// Python SDK sends no token, so a mixed cluster leaves it unset.
    public var writeToken: String?

    public init(sequencer: EmbeddedSequencer) {
        self.sequencer = sequencer
    }

    struct NodeError: Error {
        var status: HTTPResponse.Status
        var code: String
        var message: String

        var response: Response { SequencerAPI.respond(.error(code: code, message: message), status: status) }

        static func invalidRequest(_ message: String) -> NodeError { NodeError(status: .badRequest, code: "InvalidRequestError", message: message) }
    }

    static func respond(_ json: WireJSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json.text)))
    }

    /// FastAPI's validation failure: 422 `{"detail": [...]}`.
    static func validation(_ location: [String], _ message: String, type: String) -> Response {
        respond(.object([("detail", .array([.object([
            ("type", .string(type)), ("loc", .array(location.map(WireJSON.string))), ("msg", .string(message)),
        ])]))]), status: .unprocessableContent)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: NodeErrorMiddleware())
        router.put("/node/:app/batches") { request, context in try await self.put(request, context) }
        router.get("/node/:app/batches/:state") { request, context in try await self.finalized(request, context) }
        router.get("/node/:app/batches/:state/last") { request, context in try await self.last(request, context) }
        router.get("/node/state") { request, _ in try await self.state(request) }
        router.get("/node/ready") { _, _ in Self.respond(.object([("status", .bool(true))])) }
        return router
    }

    func app(_ context: BasicRequestContext, request: Request) throws -> String {
        if let version = request.headers.first(where: { $0.name.canonicalName == "version" })?.value, version != Self.version {
            throw NodeError(status: .badRequest, code: "InvalidNodeVersionError", message: "Invalid node version. Please get the latest version of node.")
        }
        let app = context.parameters.get("app") ?? ""
        guard sequencer.apps.contains(app) else { throw NodeError.invalidRequest("Invalid app name: \(app).") }
        return app
    }

    func put(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        if let writeToken, !Self.authorizes(request.headers[.authorization], token: writeToken) {
            throw NodeError(status: .unauthorized, code: "UnauthorizedError", message: "A bearer token is required to write batches.")
        }
        let app = try app(context, request: request)
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let raw = Data(buffer.readableBytesView)
        guard !raw.isEmpty else { return Self.validation(["body"], "Field required", type: "missing") }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let body: String
        if contentType.hasPrefix("text/") {
            guard let text = String(data: raw, encoding: .utf8) else { throw NodeError.invalidRequest("The batch is not valid UTF-8.") }
            body = text
        } else {
            // FastAPI parses other content types as JSON: the batch must then be a JSON string literal.
            guard let text = try? JSONDecoder().decode(String.self, from: raw) else {
                return Self.validation(["body"], "Input should be a valid string", type: "string_type")
            }
            body = text
        }
        guard body.utf8.count <= maxBatchBytes else {
            throw NodeError(status: .tooManyRequests, code: "BatchSizeExceededError", message: "The batch exceeds the maximum allowed size.")
        }
        try await sequencer.store.append(app: app, body: body)
        return Self.respond(.success(.object([]), message: "The batch is received successfully."))
    }

    /// Whether `header` is `Bearer <token>`, compared in time independent of where they differ.
    static func authorizes(_ header: String?, token: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.utf8.dropFirst(7))
        let expected = Array(token.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count { difference |= expected[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }

    func finalized(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let app = try app(context, request: request)
        guard context.parameters.get("state") == "finalized" else {
            throw NodeError.invalidRequest("Invalid state: \(context.parameters.get("state") ?? ""). This node serves finalized batches.")
        }
        let text = request.uri.queryParameters["after"].map(String.init) ?? "0"
        guard let after = Int(text), after >= 0 else {
            return Self.validation(["query", "after"], "Input should be greater than or equal to 0", type: "greater_than_equal")
        }
        var batches = try await sequencer.store.finalized(app: app, after: after, byteBudget: responseBudget)
        if batches == nil {
            // Idle clients (the SDK) re-poll at once: hold the answer briefly instead of spinning.
            try await Task.sleep(for: .milliseconds(200))
            batches = try await sequencer.store.finalized(app: app, after: after, byteBudget: responseBudget)
        }
        return Self.respond(.success(batches?.wire ?? .null))
    }

    func last(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let app = try app(context, request: request)
        let state = context.parameters.get("state") ?? ""
        guard state == "finalized" || state == "locked" else { throw NodeError.invalidRequest("Invalid state: \(state).") }
        guard let (body, signature) = try await sequencer.store.lastFinalized(app: app) else { return Self.respond(.success(.null)) }
        let nonsigners = WireJSON.array([])
        return Self.respond(.success(.object([
            ("app_name", .string(app)), ("body", .string(body)), ("chaining_hash", .string(signature.chainingHash)),
            ("parent_index", .int(signature.parentIndex)), ("next_index", .null), ("timestamp", .int(signature.timestamp)),
            ("locked_signature", .string(signature.signature)), ("locked_nonsigners", nonsigners), ("locked_tag", .int(0)),
            ("finalized_signature", .string(signature.signature)), ("finalized_nonsigners", nonsigners), ("finalized_tag", .int(0)),
            ("index", .int(signature.index)), ("state", .string(state)),
        ])))
    }

    func state(_ request: Request) async throws -> Response {
        let identity = sequencer.identity
        var apps: [(String, WireJSON)] = []
        for app in sequencer.apps.sorted() {
            let progress = try await sequencer.store.progress(app: app)
            apps.append((app, .object([
                ("last_sequenced_index", .int(progress.lastIndex)), ("last_locked_index", .int(progress.lastFinalized)),
                ("last_finalized_index", .int(progress.lastFinalized)),
            ])))
        }
        let key = identity.key.publicKey
        return Self.respond(.success(.object([
            ("sequencer", .bool(false)), ("version", .string(Self.version)), ("sequencer_id", .string(identity.id)),
            ("node_id", .string(identity.id)), ("pubkeyG2_X", .array(key.pubkeyG2X.map(WireJSON.number))),
            ("pubkeyG2_Y", .array(key.pubkeyG2Y.map(WireJSON.number))), ("address", .string(identity.id)), ("apps", .object(apps)),
        ])))
    }
}

/// Node errors as the error envelope; Hummingbird's own (unknown route) likewise.
struct NodeErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SequencerAPI.NodeError {
            return error.response
        } catch let error as HTTPError {
            return SequencerAPI.respond(.error(code: "InvalidRequestError", message: error.body ?? error.status.reasonPhrase), status: error.status)
        } catch {
            context.logger.error("sequencer error: \(error)")
            return SequencerAPI.respond(.error(code: "InternalError", message: "Internal error"), status: .internalServerError)
        }
    }
}
