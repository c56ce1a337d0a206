import ArgusCore
import ArgusNode
import ArgusProof
import ArgusStore
import BLS12381
import Hummingbird
import PythonJSON

/// The cluster routes: `/state` (stage 03), `/aggregate_downtime` (stage 04), `/cluster`.
extension NodeAPI {
    /// `GET /state?address=&timestamp=` — this node's signed observation (the reference's body).
    func state(_ query: QueryParameters) async throws -> Response {
        guard let cluster, cluster.settings.mode.requiresProofs else {
            throw APIError(.notFound, "This node does not attest (cluster mode \(cluster?.settings.mode.rawValue ?? "standalone"))")
        }
        let address = try query.string("address")
        let timestamp = try query.int64("timestamp")
        do {
            let attestation = try await cluster.attest(address: address, timestamp: timestamp)
            return JSONResponse.raw(SignedBodies.state(attestation))
        } catch .unknownAddress {
            throw APIError.addressNotFound
        } catch .drift {
            throw APIError(.badRequest, "Timestamp drift too large")
        } catch {
            throw APIError(.notFound, "This node does not attest")
        }
    }

    /// `GET /aggregate_downtime?address=&from_timestamp=&to_timestamp=` — the cluster's proof.
    func aggregateDowntime(_ query: QueryParameters) async throws -> Response {
        guard let cluster, cluster.settings.mode == .verifiable else {
            throw APIError(.notFound, "Downtime proofs need cluster mode verifiable")
        }
        let address = try query.string("address")
        let from = try query.int64("from_timestamp")
        let to = try query.int64("to_timestamp")
        // The address first: an unknown one costs no peer calls and no signature.
        guard targets[address] != nil else { throw APIError.addressNotFound }
        let window: DowntimeQuery
        do {
            window = try DowntimeQuery(from: from, to: to, asOf: Int64(clock.now().rounded(.down)))
        } catch {
            throw APIError(.badRequest, error.description)
        }
        do {
            let proof = try await Self.settled { try await cluster.aggregateDowntime(address: address, query: window) }
            return JSONResponse.raw(proof.json)
        } catch is SignatureAggregator.Shortfall {
            throw APIError(HTTPResponse.Status(code: 424, reasonPhrase: "Failed Dependency"), "Not enough valid signatures to aggregate downtime proof.")
        }
    }

    /// `GET /cluster` — mode, members (and whether they answer), quorum rule, this node's Zellular
    /// cursor and lag, outbox depth.
    func clusterStatus() async throws -> Response {
        guard let cluster else { return JSONResponse.raw(WireJSON.object([("mode", .string("standalone"))]).text) }
        let cursor = try await store.cursor(app: cluster.settings.zellular.app)
        let outbox = try await store.pendingOutbox().count
        let lag = await cluster.lag(cursor: cursor.index)
        var fields: [(String, WireJSON)] = [
            ("mode", .string(cluster.settings.mode.rawValue)),
            ("name", cluster.member.map { .string($0.name) } ?? .null),
            ("zellular", .object([
                ("app", .string(cluster.settings.zellular.app)), ("gateway", .string(cluster.zellular.gateway)),
                ("cursor", .int(cursor.index)), ("finalized_at", .int(Int(cursor.finalizedAt))), ("lag", lag.map(WireJSON.int) ?? .null),
            ])),
            ("outbox", .int(outbox)),
            ("max_event_age", .int(Int(cluster.settings.maxEventAge))),
        ]
        if let registry = cluster.registry {
            let members = await cluster.memberStatus().map { item in
                WireJSON.object([("name", .string(item.member.name)), ("url", .string(item.member.url)), ("answers", .bool(item.answers))])
            }
            fields.append(("members", .array(members)))
            fields.append(("quorum", .string(registry.quorum.description)))
        }
        return JSONResponse.raw(WireJSON.object(fields).text)
    }

    /// `GET /rejections?limit=` — replicated events this node refused, newest first, with the reason.
    func rejections(_ query: QueryParameters) async throws -> Response {
        let limit = try query.optionalInt64("limit") ?? 100
        guard (1...10_000).contains(limit) else { throw APIError(.badRequest, "Query parameter 'limit' must be in 1...10000, got \(limit)") }
        let list = try await store.rejections(limit: Int(limit)).map { item in
            WireJSON.object([("zellular_index", .int(item.zellularIndex)), ("reason", .string(item.reason)), ("event", .string(item.body))])
        }
        return JSONResponse.raw(WireJSON.object([("rejections", .array(list))]).text)
    }

    /// Maps "not yet" answers to 425/503 with `Retry-After`.
    static func settled<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ClusterNode.DowntimeError {
            switch error {
            case let .notSettled(retryAfter):
                throw APIError(.tooEarly, "The window is not settled yet: events for it may still arrive. Retry in \(retryAfter) s.",
                               retryAfter: retryAfter)
            case let .catchingUp(retryAfter):
                throw APIError(.serviceUnavailable, "This node is still applying the replicated log. Retry in \(retryAfter) s.",
                               retryAfter: retryAfter)
            case .notSigning:
                throw APIError(.notFound, "This node does not sign downtime")
            }
        }
    }
}

/// Signed bodies in the reference's field order (compact, as FastAPI writes them).
enum SignedBodies {
    static func state(_ attestation: ClusterNode.Attestation) -> String {
        WireJSON.object([
            ("address", .string(attestation.address)), ("state", .string(attestation.state.rawValue)),
            ("timestamp", .int(Int(attestation.timestamp))), ("signature", .string(attestation.signature.hexString)),
        ]).text
    }

    static func downtime(address: String, from: Int64, to: Int64, total: Int64, signature: Signature) -> String {
        WireJSON.object([
            ("address", .string(address)), ("from_timestamp", .int(Int(from))), ("to_timestamp", .int(Int(to))),
            ("total_downtime_seconds", .int(Int(total))), ("signature", .string(signature.hexString)),
        ]).text
    }
}
