import ArgusCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Performs HTTP checks' requests (`HTTPCheck`, `EigenCheck`) and reports what came back; the
/// check's rule judges it. The body is read up to `bodyCap` bytes.
struct HTTPProbe: Sendable {
    let client: HTTPClient
    static let bodyCap = 64 * 1024

    /// `decodeJSON`: decode the body even if the check's own conditions do not need it (another
    /// target's conditions read this one's answers).
    func observe(_ check: HTTPCheck, timeout: Double, decodeJSON: Bool = false) async -> Observation {
        var request = HTTPClientRequest(url: check.url)
        request.method = HTTPMethod(rawValue: check.method)
        request.headers.add(name: "User-Agent", value: "argus-monitor")
        for (name, value) in check.headers.sorted(by: { $0.key < $1.key }) { request.headers.replaceOrAdd(name: name, value: value) }
        if let body = check.body { request.body = .bytes(ByteBuffer(string: body)) }
        let started = ContinuousClock.now
        switch await fetch(request, timeout: timeout) {
        case let .failure(reason):
            return .unreachable(reason)
        case let .success((status, body, truncated)):
            let json = check.needsJSON || decodeJSON ? Self.json(body) : nil
            return .http(HTTPAnswer(status: status, body: body, truncated: truncated, json: json, latency: seconds(since: started)))
        }
    }

    /// The node API's health route, and its services when the node is not fully healthy (best
    /// effort, within what is left of the timeout).
    func observe(_ check: EigenCheck, timeout: Double) async -> Observation {
        let started = ContinuousClock.now
        var request = HTTPClientRequest(url: check.url)
        request.headers.add(name: "User-Agent", value: "argus-monitor")
        let status: Int
        switch await fetch(request, timeout: timeout) {
        case let .failure(reason): return .unreachable(reason)
        case let .success((code, _, _)): status = code
        }
        var services: [EigenAnswer.Service] = []
        let remaining = timeout - seconds(since: started)
        if status != 200, remaining > 0 {
            var listing = HTTPClientRequest(url: Target.Check.join(check.baseURL, EigenCheck.servicesPath))
            listing.headers.add(name: "User-Agent", value: "argus-monitor")
            if case let .success((200, body, _)) = await fetch(listing, timeout: remaining),
               let list = try? JSONDecoder().decode(ServiceList.self, from: Data(body)) {
                services = list.services.map { EigenAnswer.Service(id: $0.id, name: $0.name ?? "", status: $0.status) }
            }
        }
        return .eigen(EigenAnswer(status: status, services: services))
    }

    /// `GET /eigen/node/services` (the AVS Node Specification).
    struct ServiceList: Decodable {
        struct Service: Decodable {
            var id: String
            var name: String?
            var status: String
        }

        var services: [Service]
    }

    /// The status and up to `bodyCap` bytes of the body, or why there is none.
    func fetch(_ request: HTTPClientRequest, timeout: Double) async -> FetchResult {
        do {
            let response = try await client.execute(request, deadline: .now() + timeAmount(timeout))
            var body: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
                let room = Self.bodyCap - body.count
                if chunk.readableBytes > room {
                    body += chunk.readableBytesView.prefix(room)
                    truncated = true
                    break
                }
                body += chunk.readableBytesView
            }
            return .success((Int(response.status.code), body, truncated))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .failure("timed out after \(timeout)s")
        } catch {
            return .failure("\(error)")
        }
    }

    enum FetchResult {
        case success((Int, [UInt8], Bool))
        case failure(String)
    }

    /// The body as JSON, or `nil` if it is not JSON.
    static func json(_ body: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(body))
    }
}

/// Seconds elapsed since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
