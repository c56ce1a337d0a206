import Foundation
import PythonJSON

/// An AVS's registered operators and their sockets, as `targets_from` reads them: from the AVS's
/// subgraph (GraphQL, the `operators { id socket }` entities Zellular's subgraph serves, read a
/// page of 1000 at a time) or from a JSON file of the same entries. Pure: `TargetDiscovery`
/// performs the requests and reads the file.
public enum OperatorDirectory {
    /// One registered operator: its address (the target's address) and the socket it registered
    /// (`host:port` or a URL, as the operator wrote it on-chain).
    public struct Entry: Sendable, Hashable, Decodable {
        public var id: String
        public var socket: String

        public init(id: String, socket: String) {
            self.id = id
            self.socket = socket
        }
    }

    public static let pageSize = 1000

    /// `{"query": …}` for the page of operators after `after` (by id), of `avs` when the subgraph
    /// indexes several AVSs (its operators then carry an `avs` field).
    public static func request(after: String?, avs: String?) -> String {
        var filters: [String] = []
        if let after { filters.append("id_gt: \(WireJSON.string(after).text)") }
        if let avs { filters.append("avs: \(WireJSON.string(avs.lowercased()).text)") }
        let filter = filters.isEmpty ? "" : ", where: { \(filters.joined(separator: ", ")) }"
        return WireJSON.object([("query", .string("{ operators(first: \(pageSize), orderBy: id\(filter)) { id socket } }"))]).text
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(String)
        case graphQL([String])

        public var description: String {
            switch self {
            case let .malformed(reason): "malformed operator list: \(reason)"
            case let .graphQL(messages): "the subgraph answered with errors: \(messages.joined(separator: "; "))"
            }
        }
    }

    /// The operators of one subgraph answer (`{"data": {"operators": [...]}}`).
    public static func page(_ response: Data) throws(Failure) -> [Entry] {
        struct Answer: Decodable {
            struct Payload: Decodable { var operators: [Entry] }
            struct Message: Decodable { var message: String }
            var data: Payload?
            var errors: [Message]?
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: response)
        } catch {
            throw .malformed("\(error)")
        }
        if let errors = answer.errors, !errors.isEmpty { throw .graphQL(errors.map(\.message)) }
        guard let operators = answer.data?.operators else { throw .malformed("no data.operators") }
        return operators
    }

    /// The operators of a file: `[{"id", "socket"}, …]`, `{"operators": [...]}` or a subgraph answer.
    public static func file(_ contents: Data) throws(Failure) -> [Entry] {
        if let list = try? JSONDecoder().decode([Entry].self, from: contents) { return list }
        struct Wrapped: Decodable { var operators: [Entry] }
        if let wrapped = try? JSONDecoder().decode(Wrapped.self, from: contents) { return wrapped.operators }
        do {
            return try page(contents)
        } catch {
            throw .malformed("expected a JSON list of {\"id\", \"socket\"}, {\"operators\": [...]} or a subgraph answer")
        }
    }

    /// A socket's parts: `http://host:port/…` or `host:port` (or a bare host).
    public struct Socket: Sendable, Hashable {
        public var raw: String
        public var host: String
        public var port: Int?
        /// The socket as a URL: itself if it has a scheme, else `http://` + it.
        public var url: String
    }

    public static func socket(_ text: String) -> Socket? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let url = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        return Socket(raw: trimmed, host: host, port: components.port, url: url)
    }

    /// `template` with `{socket}`, `{url}`, `{host}` and `{port}` replaced by the socket's parts
    /// (`{port}` empty when the socket has none).
    public static func fill(_ template: String, with socket: Socket) -> String {
        template.replacingOccurrences(of: "{socket}", with: socket.raw)
            .replacingOccurrences(of: "{url}", with: socket.url)
            .replacingOccurrences(of: "{host}", with: socket.host)
            .replacingOccurrences(of: "{port}", with: socket.port.map(String.init) ?? "")
    }
}
