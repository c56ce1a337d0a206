import ArgusNode
import ArgusProof
import Hummingbird
import PythonJSON

/// The settlement routes: `/epochs`, `/epochs/{n}`, `/epochs/{n}/proof`, and the peers'
/// `/epochs/{n}/signature`.
extension NodeAPI {
    var settler: EpochSettler {
        get throws(APIError) {
            guard let settler = cluster?.epochs else {
                throw APIError(.notFound, "This node does not settle epochs (configure `settlement` in cluster mode verifiable)")
            }
            return settler
        }
    }

    static let failedDependency = HTTPResponse.Status(code: 424, reasonPhrase: "Failed Dependency")

    /// `GET /epochs?after=&limit=` — epochs from the first (or after `after`) to the current one.
    func epochList(_ query: QueryParameters) async throws -> Response {
        let settler = try settler
        let after = try query.optionalInt64("after")
        let limit = try query.optionalInt64("limit") ?? 100
        guard (1...1000).contains(limit) else { throw APIError(.badRequest, "Query parameter 'limit' must be in 1...1000, got \(limit)") }
        if let after, after < 0 { throw APIError(.badRequest, "Query parameter 'after' must be an epoch number (≥ 0), got \(after)") }
        let epochs = try await settler.list(after: after.map(UInt64.init), limit: Int(limit), now: clock.now()).map { item in
            var fields: [(String, WireJSON)] = [
                ("epoch", .number(String(item.epoch))), ("from_timestamp", .number(String(item.from))), ("to_timestamp", .number(String(item.to))),
                ("status", .string(item.root == nil ? "pending" : "settled")),
            ]
            if let root = item.root { fields.append(("root", .string(root))) }
            return WireJSON.object(fields)
        }
        return JSONResponse.raw(WireJSON.object([("epochs", .array(epochs))]).text)
    }

    /// The epoch number of a path (`/epochs/{n}`).
    static func epochNumber(_ context: NodeRequestContext) throws(APIError) -> UInt64 {
        let text = context.parameters.get("epoch") ?? ""
        guard let epoch = UInt64(text), epoch <= UInt64(Int64.max) / 1_000_000 else {
            throw APIError(.badRequest, "Path parameter 'epoch' must be an epoch number, got \"\(text.prefix(40))\"")
        }
        return epoch
    }

    /// The settled report of `epoch`, or the error saying why there is none (425, 424, 503, 404).
    func settledReport(_ epoch: UInt64) async throws -> String {
        switch try await settler.status(epoch, now: clock.now()) {
        case let .settled(report):
            return report
        case let .pending(retryAfter, reason):
            throw APIError(.tooEarly, "Epoch \(epoch) is not settled yet: \(reason). Retry in \(retryAfter) s.", retryAfter: retryAfter)
        case let .catchingUp(retryAfter):
            throw APIError(.serviceUnavailable, "This node is still applying the replicated log. Retry in \(retryAfter) s.", retryAfter: retryAfter)
        case let .disagreement(reason):
            throw APIError(Self.failedDependency, "Epoch \(epoch) cannot be settled: \(reason)")
        case let .beforeFirst(first):
            throw APIError(.notFound, "Epoch \(epoch) is before this node's first epoch (\(first))")
        }
    }

    /// `GET /epochs/{n}` — the settled report.
    func epochReport(_ context: NodeRequestContext) async throws -> Response {
        JSONResponse.raw(try await settledReport(try Self.epochNumber(context)))
    }

    /// `GET /epochs/{n}/proof?address=` — one target's inclusion proof in a settled epoch.
    func epochProof(_ query: QueryParameters, _ context: NodeRequestContext) async throws -> Response {
        let epoch = try Self.epochNumber(context)
        let address = try query.string("address")
        _ = try await settledReport(epoch)
        guard let content = try await settler.content(epoch), let proof = content.proof(address: address) else {
            throw APIError(.notFound, "Address not found in epoch \(epoch)")
        }
        return JSONResponse.raw(proof.json)
    }

    /// `GET /epochs/{n}/signature` — this node's signature for a settled epoch (what peers collect).
    func epochSignature(_ context: NodeRequestContext) async throws -> Response {
        let epoch = try Self.epochNumber(context)
        let settler = try settler
        let signature = try await Self.settled { try await settler.signature(epoch, now: clock.now()) }
        return JSONResponse.raw(signature.json)
    }
}
