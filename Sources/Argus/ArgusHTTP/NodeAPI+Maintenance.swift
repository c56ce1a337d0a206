import ArgusCluster
import ArgusCore
import ArgusNode
import ArgusProof
import Foundation
import Hummingbird
import PythonJSON

/// Maintenance windows (docs/ACCOUNTING.md, "Maintenance windows"): announced by an operator
/// through one node (`POST /maintenance`, admin token), attested by its peers
/// (`GET /maintenance/attest`), listed by anyone (`GET /maintenance`).
extension NodeAPI {
    struct Announcement: Decodable {
        var address: String
        var from: Int64
        var to: Int64
        var reason: String?
    }

    /// `POST /maintenance {"address", "from", "to", "reason"}` — announces a window now: 202 with
    /// the event as proposed to the cluster (or as recorded, standalone); 400 naming what is
    /// wrong (a window that has begun, longer than a week, …), 404 for an unknown address, 503
    /// when no quorum attested it.
    func announceMaintenance(_ request: Request) async throws -> Response {
        guard let maintenance = admin.maintenance else { throw APIError(.conflict, "This node does not take maintenance announcements") }
        let body = try await request.body.collect(upTo: 4096)
        let announcement: Announcement
        do {
            announcement = try JSONDecoder().decode(Announcement.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, #"Expected a JSON body {"address": "…", "from": <unix seconds>, "to": <unix seconds>, "reason": "…"}"#)
        }
        do {
            let event = try await maintenance.announce(address: announcement.address, from: announcement.from, to: announcement.to,
                                                       reason: announcement.reason ?? "")
            let status = event.aggregatedSignature == nil && cluster == nil ? "recorded" : "proposed"
            return JSONResponse.raw("{\"status\": \"\(status)\", \"event\": \(event.json)}", status: .accepted)
        } catch let error as MaintenanceService.Failure {
            switch error {
            case .refused(.unknownAddress): throw APIError.addressNotFound
            case let .refused(refusal): throw APIError(.badRequest, refusal.description)
            case .noQuorum: throw APIError(.serviceUnavailable, error.description)
            }
        }
    }

    /// `GET /maintenance/attest?address=&from=&to=&announced=&reason=` — this node's signature over
    /// a window a peer announces, if it is one it attests (`MaintenanceRules.attest`).
    func attestMaintenance(_ query: QueryParameters) throws -> Response {
        guard let maintenance = admin.maintenance else { throw APIError(.notFound, "This node does not attest maintenance windows") }
        let window = MaintenanceWindow(address: try query.string("address"), from: try query.int64("from"), to: try query.int64("to"),
                                       announced: try query.int64("announced"), reason: query.optionalString("reason") ?? "")
        do {
            guard let signature = try maintenance.attest(window) else {
                throw APIError(.notFound, "This node has no key: it does not sign")
            }
            return JSONResponse.raw(WireJSON.object([("statement", .string(Statement.maintenance(window))), ("signature", .string(signature.hexString))]).text)
        } catch let refusal as MaintenanceRules.Refusal {
            if case .unknownAddress = refusal { throw APIError.addressNotFound }
            throw APIError(.badRequest, refusal.description)
        }
    }

    /// `GET /maintenance?address=&from=&to=` — the applied windows overlapping `[from, to)` (of
    /// every address without `address`), by start.
    func maintenanceList(_ query: QueryParameters) async throws -> Response {
        let address = query.optionalString("address")
        if let address, !targets.isKnown(address) { throw APIError.addressNotFound }
        let windows = try await store.maintenanceWindows(address: address, from: try query.optionalInt64("from") ?? .min,
                                                         to: try query.optionalInt64("to") ?? .max)
        return JSONResponse.raw(WireJSON.object([("windows", .array(windows.map(\.wire)))]).text)
    }
}
