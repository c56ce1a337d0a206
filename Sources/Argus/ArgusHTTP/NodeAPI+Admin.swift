import ArgusCore
import ArgusNode
import Hummingbird
import PythonJSON

/// The write routes (each behind the admin token, `AccessControl.authorizeWrite`).
extension NodeAPI {
    /// `POST /reload` — reads the configuration file again (as SIGHUP does) and reads the operator
    /// set of `targets_from` again: 200 with what changed, or 400 naming the file, line and key
    /// at fault (the node runs on as before).
    func reload() async throws -> Response {
        guard let reloader = admin.reloader else {
            throw APIError(.conflict, "This node was not started from a configuration file: there is nothing to reload")
        }
        switch reloader.reload(reason: "POST /reload") {
        case let .failure(error):
            throw APIError(.badRequest, "The configuration was not reloaded: \(error.description)")
        case let .success(outcome):
            await admin.discovery?.refresh()
            let change = outcome.change
            return JSONResponse.raw(WireJSON.object([
                ("targets", .int(targets.count)),
                ("target_set", .string(targets.digest)),
                ("added", .array(change.added.map { .string($0.address) })),
                ("removed", .array(change.removed.map { .string($0) })),
                ("changed", .array(change.changed.map { .string($0.address) })),
                ("needs_restart", .array(outcome.needsRestart.map { .string($0) })),
            ]).text)
        }
    }
}
