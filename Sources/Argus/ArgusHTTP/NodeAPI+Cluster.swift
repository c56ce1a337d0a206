import ArgusCluster
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
        guard let attester = cluster?.attester else {
            throw APIError(.notFound, "This node does not attest (cluster mode \(cluster?.role.mode.rawValue ?? "standalone"))")
        }
        let address = try query.string("address")
        let timestamp = try query.int64("timestamp")
        do {
            let attestation = try await attester.attest(address: address, timestamp: timestamp)
            metrics?.attestation("signed")
            return JSONResponse.raw(attestation.json)
        } catch {
            metrics?.attestation("refused")
            throw Self.stateError(error, address: address, timestamp: timestamp)
        }
    }

    static func stateError(_ refusal: Attestation.Refusal, address: String, timestamp: Int64) -> APIError {
        switch refusal {
        case .unknownAddress: APIError.addressNotFound
        case .drift: APIError(.badRequest, "Timestamp drift too large")
        case let .future(seconds): APIError(.badRequest, "Timestamp drift too large: \(Int(min(seconds, 1e12).rounded(.up))) s in the future")
        case .unconfirmed: APIError(.conflict, "This node has not confirmed the state of \(address) at \(timestamp)")
        }
    }

    /// `GET /aggregate_downtime?address=&from_timestamp=&to_timestamp=` — the cluster's proof.
    func aggregateDowntime(_ query: QueryParameters) async throws -> Response {
        guard let signer = cluster?.downtime else {
            throw APIError(.notFound, "Downtime proofs need cluster mode verifiable")
        }
        let (address, window, now) = try downtimeWindow(query)
        do {
            let proof = try await Self.settled { try await signer.aggregateDowntime(address: address, query: window, now: now) }
            return JSONResponse.raw(proof.json)
        } catch is SignatureAggregator.Shortfall {
            throw APIError(HTTPResponse.Status(code: 424, reasonPhrase: "Failed Dependency"), "Not enough valid signatures to aggregate downtime proof.")
        }
    }

    /// `GET /cluster` — mode, members (and whether they answer), quorum rule, this node's Zellular
    /// cursor and lag, outbox depth, and the settlement schedule when it settles epochs.
    func clusterStatus() async throws -> Response {
        guard let status = cluster?.status else { return JSONResponse.raw(WireJSON.object([("mode", .string("standalone"))]).text) }
        let cursor = try await store.cursor(app: status.app)
        let outbox = try await store.pendingOutbox().count
        let lag = await status.lag(cursor: cursor.index)
        var fields: [(String, WireJSON)] = [
            ("mode", .string(status.role.mode.rawValue)),
            ("name", status.role.signer.map { .string($0.member.name) } ?? .null),
            ("zellular", .object([
                ("app", .string(status.app)), ("gateway", .string(status.gateway)),
                ("cursor", .int(cursor.index)), ("finalized_at", .int(Int(cursor.finalizedAt))), ("lag", lag.map(WireJSON.int) ?? .null),
            ])),
            ("outbox", .int(outbox)),
            ("max_event_age", .int(Int(status.maxEventAge))),
        ]
        let digest = targets.digest
        var targetSet: [(String, WireJSON)] = [("count", .int(targets.count)), ("digest", .string(digest))]
        if let registry = status.role.registry {
            let statuses = await status.memberStatus(targetSet: digest)
            let members = statuses.map { item in
                WireJSON.object([("name", .string(item.member.name)), ("url", .string(item.member.url)), ("answers", .bool(item.answers)),
                                 ("target_set", item.targetSet.map(WireJSON.string) ?? .null)])
            }
            fields.append(("members", .array(members)))
            fields.append(("quorum", .string(registry.quorum.description)))
            // Members that answered with another digest (a reference node reports none: not counted).
            let differing = statuses.filter { $0.answers && $0.targetSet != nil && $0.targetSet != digest }.map(\.member.name)
            targetSet.append(("agree", .bool(differing.isEmpty)))
            targetSet.append(("differing", .array(differing.map(WireJSON.string))))
            metrics?.targetSetAgreement(differing.isEmpty)
        }
        fields.append(("target_set", .object(targetSet)))
        if let epochs = cluster?.epochs {
            fields.append(("settlement", .object([
                ("epoch_seconds", .int(Int(epochs.schedule.length))), ("first_epoch", .number(String(epochs.firstEpoch))),
                ("domain", .string(epochs.domain.hex)), ("registry_root", .string(epochs.registryRoot.hex)),
            ])))
        }
        return JSONResponse.raw(WireJSON.object(fields).text)
    }

    /// `GET /rejections?limit=` — replicated events this node refused, newest first, with the reason.
    func rejections(_ query: QueryParameters) async throws -> Response {
        let limit = try query.optionalInt64("limit") ?? 100
        guard (1...1000).contains(limit) else { throw APIError(.badRequest, "Query parameter 'limit' must be in 1...1000, got \(limit)") }
        let list = try await store.rejections(limit: Int(limit)).map { item in
            WireJSON.object([("zellular_index", .int(item.zellularIndex)), ("reason", .string(item.reason)), ("event", .string(item.body))])
        }
        return JSONResponse.raw(WireJSON.object([("rejections", .array(list))]).text)
    }

    /// Maps "not yet" answers to 425/503 with `Retry-After`.
    static func settled<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DowntimeSigner.NotYet {
            switch error {
            case let .notSettled(retryAfter):
                throw APIError(.tooEarly, "The window is not settled yet: events for it may still arrive. Retry in \(retryAfter) s.",
                               retryAfter: retryAfter)
            case let .catchingUp(retryAfter):
                throw APIError(.serviceUnavailable, "This node is still applying the replicated log. Retry in \(retryAfter) s.",
                               retryAfter: retryAfter)
            }
        }
    }
}
