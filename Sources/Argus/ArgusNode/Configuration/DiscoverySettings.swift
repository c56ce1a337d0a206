import ArgusCore
import Foundation
import Yams

/// `targets_from`: targets made from an AVS's registered operators (`OperatorDirectory`), each
/// checked as the template says, its URL or host made from the operator's socket.
///
///     targets_from:
///       subgraph: https://api.studio.thegraph.com/query/95922/avs-subgraph/version/latest
///       # or: file: operators.json
///       avs: "0x…"                      # only for a subgraph that indexes several AVSs
///       interval: 5m                    # how often the set is read again
///       socket_to_url: "http://{host}:9010"   # default {url}: the socket itself as a URL
///       check: eigen                    # and any other target keys but address and url
public struct DiscoverySettings: Sendable {
    public enum Source: Sendable, Hashable {
        case subgraph(url: String, avs: String?)
        case file(String)
    }

    public var source: Source
    /// Seconds between reads of the operator set.
    public var interval: Double
    /// The template as written (a reload that leaves it alone leaves the discovered targets alone).
    public var template: String
    /// The target of one operator; throws naming the operator when its socket does not fit.
    public let target: @Sendable (OperatorDirectory.Entry) throws(ConfigurationError) -> Target

    /// The targets of `entries`, and what could not be made of the others.
    public func targets(_ entries: [OperatorDirectory.Entry]) -> (targets: [Target], problems: [String]) {
        var targets: [Target] = []
        var problems: [String] = []
        var seen = Set<String>()
        for entry in entries {
            do {
                let target = try target(entry)
                if seen.insert(target.address).inserted { targets.append(target) }
            } catch {
                problems.append(error.description)
            }
        }
        return (targets, problems)
    }
}

/// Yams nodes are immutable values; the template keeps them for every operator it is applied to.
private struct TemplateFields: @unchecked Sendable {
    let fields: [(key: String, value: Node)]
    let node: Node
}

extension YAMLReader {
    static let discoveryKeys: Set<String> = ["subgraph", "file", "avs", "interval", "socket_to_url"]

    func discovery(_ node: Node, defaults: CheckPolicy) throws(ConfigurationError) -> DiscoverySettings {
        let key = "targets_from"
        let fields = try mapping(node, key: key)
        func field(_ name: String) -> Node? { fields.first(where: { $0.key == name })?.value }
        let source: DiscoverySettings.Source
        switch (field("subgraph"), field("file")) {
        case let (.some(url), nil):
            let text = try string(url, key: join(key, "subgraph"))
            guard let components = URLComponents(string: text), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                  components.host?.isEmpty == false else {
                throw error(at: url, key: join(key, "subgraph"), expected: "an http:// or https:// URL", found: describe(url))
            }
            var avs: String?
            if let value = field("avs") {
                let text = try string(value, key: join(key, "avs"))
                guard text.count == 42, text.hasPrefix("0x"), text.dropFirst(2).allSatisfy(\.isHexDigit) else {
                    throw error(at: value, key: join(key, "avs"), expected: "the AVS's address, 0x and 40 hex digits", found: describe(value))
                }
                avs = text
            }
            source = .subgraph(url: text, avs: avs)
        case let (nil, .some(file)):
            if field("avs") != nil { throw error(at: field("avs"), key: join(key, "avs"), expected: "only with subgraph") }
            source = .file(try string(file, key: join(key, "file")))
        default:
            throw error(at: node, key: key, expected: "exactly one of subgraph (URL) and file (operators.json)")
        }
        let interval = try field("interval").map { (value) throws(ConfigurationError) -> Double in
            try seconds(value, key: join(key, "interval"), in: 1...86_400)
        } ?? 300
        let urlTemplate = try field("socket_to_url").map { (value) throws(ConfigurationError) -> String in
            try string(value, key: join(key, "socket_to_url"))
        } ?? "{url}"
        for forbidden in ["address", "url"] {
            if let value = field(forbidden) {
                throw error(at: value, key: join(key, forbidden), expected: forbidden == "url" ? "socket_to_url (a template) instead" : "no address (each operator's is its own)")
            }
        }
        let template = TemplateFields(fields: fields.filter { !Self.discoveryKeys.contains($0.key) }, node: node)
        let reader = self
        let make: @Sendable (OperatorDirectory.Entry) throws(ConfigurationError) -> Target = { entry throws(ConfigurationError) in
            guard let socket = OperatorDirectory.socket(entry.socket) else {
                throw ConfigurationError(source: reader.source, key: key, expected: "a socket host:port or URL", found: "\"\(entry.socket)\" for operator \(entry.id)")
            }
            var fields = template.fields
            let kind = fields.first(where: { $0.key == "check" }).flatMap { pair -> String? in
                if case let .scalar(scalar) = pair.value { scalar.string } else { nil }
            } ?? (fields.contains { $0.key == "host" } ? "tcp" : "http")
            if kind == "http" || kind == "eigen" {
                fields.append(("url", Node(OperatorDirectory.fill(urlTemplate, with: socket))))
            } else if let index = fields.firstIndex(where: { $0.key == "host" }), case let .scalar(scalar) = fields[index].value {
                fields[index] = ("host", Node(OperatorDirectory.fill(scalar.string, with: socket)))
            } else {
                fields.append(("host", Node(socket.port.map { "\(socket.host):\($0)" } ?? socket.host)))
            }
            return try reader.target(address: entry.id.lowercased(), fields: fields, node: template.node, key: key, defaults: defaults)
        }
        // The template must make a target of an operator with a plain socket.
        _ = try make(OperatorDirectory.Entry(id: "0x0000000000000000000000000000000000000001", socket: "203.0.113.1:9000"))
        let text = (try? Yams.serialize(node: node)) ?? "\(node)"
        return DiscoverySettings(source: source, interval: interval, template: text + "\(defaults)", target: make)
    }
}
