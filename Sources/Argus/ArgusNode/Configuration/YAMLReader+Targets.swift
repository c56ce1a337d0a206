import ArgusCore
import Foundation
import Yams

/// Targets in the configuration (docs/CHECKS.md): a list of `{address, check, …}` or a map from
/// address to a URL or to the same keys; each check kind takes its own keys.
extension YAMLReader {
    static let checkKinds = ["http", "tcp", "eigen", "tls", "grpc"]
    static let keysOfKind: [String: Set<String>] = [
        "http": ["url", "path", "method", "headers", "body", "expected_status", "status", "body_contains", "body_excludes",
                 "response_time", "conditions", "refs"],
        "tcp": ["host", "port"],
        "eigen": ["url", "degraded_is_down"],
        "tls": ["host", "port", "server_name", "min_days", "ca_file"],
        "grpc": ["host", "port", "service", "tls", "ca_file"],
    ]

    func targets(_ node: Node, key: String, defaults: CheckPolicy) throws(ConfigurationError) -> [Target] {
        var targets: [Target] = []
        switch node {
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() {
                let path = "\(key)[\(index)]"
                let fields = try mapping(element, key: path)
                guard let address = fields.first(where: { $0.key == "address" })?.value else {
                    throw error(at: element, key: join(path, "address"), expected: "the monitored node's address")
                }
                targets.append(try target(address: try string(address, key: join(path, "address")), fields: fields, node: element, key: path, defaults: defaults))
            }
        case .mapping:
            for (address, value) in try mapping(node, key: key) {
                let path = join(key, address)
                if case .scalar = value {
                    targets.append(try target(address: address, fields: [("url", value)], node: value, key: path, defaults: defaults))
                } else {
                    let fields = try mapping(value, key: path)
                    if fields.contains(where: { $0.key == "address" }) {
                        throw error(at: value, key: join(path, "address"), expected: "no `address` inside the map form (the key is the address)")
                    }
                    targets.append(try target(address: address, fields: fields, node: value, key: path, defaults: defaults))
                }
            }
        default:
            throw error(at: node, key: key, expected: "a list of targets or a map from address to URL", found: describe(node))
        }
        var seen = Set<String>()
        for target in targets where !seen.insert(target.address).inserted {
            throw error(at: node, key: key, expected: "each address once", found: "\"\(target.address)\" twice")
        }
        return targets
    }

    /// One target from its keys (`address` given separately).
    func target(address: String, fields: [(key: String, value: Node)], node: Node, key: String, defaults: CheckPolicy) throws(ConfigurationError) -> Target {
        func field(_ name: String) -> Node? { fields.first(where: { $0.key == name })?.value }
        let policy = try self.policy(fields, key: key, base: defaults)
        var kind = try field("check").map { (value) throws(ConfigurationError) -> String in try string(value, key: join(key, "check")) }
        if kind == nil { kind = field("host") != nil ? "tcp" : "http" }
        guard let kind, let allowed = Self.keysOfKind[kind] else {
            throw error(at: field("check"), key: join(key, "check"), expected: Self.checkKinds.joined(separator: ", "), found: "\"\(kind ?? "")\"")
        }
        let common = Self.policyKeys.union(["address", "check"])
        for (name, value) in fields where !common.contains(name) && !allowed.contains(name) {
            let kinds = Self.checkKinds.filter { Self.keysOfKind[$0]!.contains(name) }
            guard kinds.isEmpty else {
                throw error(at: value, key: join(key, name), expected: "only with check: \(kinds.joined(separator: " or ")) (this target's check is \(kind))")
            }
            throw error(at: value, key: join(key, name), expected: "one of \(common.union(allowed).sorted().joined(separator: ", "))", found: "an unknown key")
        }
        let check: Target.Check
        switch kind {
        case "http": check = .http(try httpCheck(field, node: node, key: key))
        case "eigen":
            var eigen = EigenCheck(baseURL: try url(field("url"), node: node, key: key))
            if let value = field("degraded_is_down") { eigen.degradedIsDown = try bool(value, key: join(key, "degraded_is_down")) }
            check = .eigen(eigen)
        case "tcp":
            let (host, port) = try endpoint(field, node: node, key: key, defaultPort: nil)
            check = .tcp(host: host, port: port)
        case "tls":
            let (host, port) = try endpoint(field, node: node, key: key, defaultPort: 443)
            var tls = TLSCheck(host: host, port: port)
            if let value = field("server_name") { tls.serverName = try string(value, key: join(key, "server_name")) }
            if let value = field("min_days") { tls.minDays = try number(value, key: join(key, "min_days"), in: 0...3650) }
            if let value = field("ca_file") { tls.caFile = try string(value, key: join(key, "ca_file")) }
            check = .tls(tls)
        default:
            let (host, port) = try endpoint(field, node: node, key: key, defaultPort: nil)
            var grpc = GRPCCheck(host: host, port: port)
            if let value = field("service") {
                guard case let .scalar(scalar) = value else { throw error(at: value, key: join(key, "service"), expected: "a service name", found: describe(value)) }
                grpc.service = scalar.string
            }
            if let value = field("tls") { grpc.tls = try bool(value, key: join(key, "tls")) }
            if let value = field("ca_file") { grpc.caFile = try string(value, key: join(key, "ca_file")) }
            check = .grpc(grpc)
        }
        return Target(address: address, check: check, policy: policy)
    }

    private func httpCheck(_ field: (String) -> Node?, node: Node, key: String) throws(ConfigurationError) -> HTTPCheck {
        var check = HTTPCheck(baseURL: try url(field("url"), node: node, key: key))
        if let value = field("path") { check.path = try string(value, key: join(key, "path")) }
        if let value = field("method") {
            let method = try string(value, key: join(key, "method")).uppercased()
            guard ["GET", "HEAD", "POST", "PUT", "OPTIONS"].contains(method) else {
                throw error(at: value, key: join(key, "method"), expected: "GET, HEAD, POST, PUT or OPTIONS", found: describe(value))
            }
            check.method = method
        }
        if let value = field("headers") {
            for (name, header) in try mapping(value, key: join(key, "headers")) {
                check.headers[name] = try string(header, key: join(join(key, "headers"), name))
            }
        }
        if let value = field("body") { check.body = try string(value, key: join(key, "body")) }
        switch (field("expected_status"), field("status")) {
        case let (.some(one), .some(other)):
            _ = one
            throw error(at: other, key: join(key, "status"), expected: "either expected_status or status, not both")
        case let (.some(value), nil):
            check.acceptedStatuses = [try int(value, key: join(key, "expected_status"), in: 100...599)]
        case let (nil, .some(value)):
            check.acceptedStatuses = Set(try list(value, key: join(key, "status")).map { (item, path) throws(ConfigurationError) -> Int in
                try int(item, key: path, in: 100...599)
            })
        case (nil, nil):
            break
        }
        if let value = field("body_contains") { check.bodyContains = try strings(value, key: join(key, "body_contains")) }
        if let value = field("body_excludes") { check.bodyExcludes = try strings(value, key: join(key, "body_excludes")) }
        if let value = field("response_time") { check.maxResponseTime = try seconds(value, key: join(key, "response_time"), in: 0.001...600) }
        if let value = field("refs") {
            let path = join(key, "refs")
            for (name, reference) in try mapping(value, key: path) {
                let referencePath = join(path, name)
                guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                      !["status", "response_time", "true", "false", "null"].contains(name) else {
                    throw error(at: reference, key: referencePath, expected: "a name of letters, digits and _ (not a built-in name)")
                }
                let entry = try mapping(reference, key: referencePath)
                try rejectUnknownKeys(entry, allowed: ["target", "value"], key: referencePath)
                guard let target = entry.first(where: { $0.key == "target" })?.value else {
                    throw error(at: reference, key: join(referencePath, "target"), expected: "the address of the target whose answer is read")
                }
                guard let valueNode = entry.first(where: { $0.key == "value" })?.value else {
                    throw error(at: reference, key: join(referencePath, "value"), expected: "a JSON path into that target's answer, e.g. $.block_number")
                }
                let text = try string(valueNode, key: join(referencePath, "value"))
                guard case let .path(components) = try expression(text, node: valueNode, key: join(referencePath, "value")) else {
                    throw error(at: valueNode, key: join(referencePath, "value"), expected: "a JSON path starting with $", found: "\"\(text)\"")
                }
                check.references[name] = HTTPCheck.Reference(target: try string(target, key: join(referencePath, "target")), path: components)
            }
        }
        if let value = field("conditions") {
            check.conditions = try list(value, key: join(key, "conditions")).map { (item, path) throws(ConfigurationError) -> Condition in
                let text = try string(item, key: path)
                do {
                    return try Condition(parsing: text, references: Set(check.references.keys))
                } catch {
                    throw self.error(at: item, key: path, expected: "a condition (docs/CHECKS.md), e.g. $.block_number >= head - 50",
                                     found: "\"\(text)\": \(error)")
                }
            }
        }
        return check
    }

    /// A JSON path on its own (a reference's `value`), parsed by the condition grammar.
    private func expression(_ text: String, node: Node, key: String) throws(ConfigurationError) -> Condition.Expression {
        do {
            return try Condition(parsing: "\(text) == null").left
        } catch {
            throw self.error(at: node, key: key, expected: "a JSON path starting with $", found: "\"\(text)\": \(error)")
        }
    }

    private func url(_ node: Node?, node parent: Node, key: String) throws(ConfigurationError) -> String {
        guard let node else {
            throw error(at: parent, key: join(key, "url"), expected: "the base URL of an HTTP target (e.g. http://127.0.0.1:8001)")
        }
        let url = try string(node, key: join(key, "url"))
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw error(at: node, key: join(key, "url"), expected: "an http:// or https:// URL with a host", found: "\"\(url)\"")
        }
        return url
    }

    /// `host: name:port`, or `host: name` with `port:` (or the kind's default port).
    private func endpoint(_ field: (String) -> Node?, node: Node, key: String, defaultPort: Int?) throws(ConfigurationError) -> (String, Int) {
        guard let hostNode = field("host") else {
            throw error(at: node, key: join(key, "host"), expected: "host:port (or host with port) of the target")
        }
        let hostText = try string(hostNode, key: join(key, "host"))
        if let portNode = field("port") {
            return (hostText, try int(portNode, key: join(key, "port"), in: 1...65535))
        }
        if let (host, port) = NodeConfiguration.parseHostPort(hostText), port > 0 { return (host, port) }
        if let defaultPort, !hostText.contains(":") { return (hostText, defaultPort) }
        throw error(at: hostNode, key: join(key, "host"), expected: "host:port with a port in 1...65535", found: "\"\(hostText)\"")
    }

    func bool(_ node: Node, key: String) throws(ConfigurationError) -> Bool {
        guard case let .scalar(scalar) = node, let flag = Bool(scalar.string.lowercased()) else {
            throw error(at: node, key: key, expected: "true or false", found: describe(node))
        }
        return flag
    }

    func number(_ node: Node, key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string), value.isFinite, range.contains(value) else {
            throw error(at: node, key: key, expected: "a number in \(JSONValue.number(range.lowerBound).summary)...\(JSONValue.number(range.upperBound).summary)",
                        found: describe(node))
        }
        return value
    }

    /// A list's items with their key paths (`key[0]`, …); a single scalar counts as a list of one.
    func list(_ node: Node, key: String) throws(ConfigurationError) -> [(Node, String)] {
        switch node {
        case let .sequence(items): return items.enumerated().map { ($1, "\(key)[\($0)]") }
        case .scalar: return [(node, key)]
        default: throw error(at: node, key: key, expected: "a list", found: describe(node))
        }
    }

    /// One string or a list of strings.
    func strings(_ node: Node, key: String) throws(ConfigurationError) -> [String] {
        try list(node, key: key).map { (item, path) throws(ConfigurationError) -> String in try string(item, key: path) }
    }
}

extension YAMLReader {
    /// Every reference names another HTTP target of the configuration.
    func checkReferences(_ targets: [Target], node: Node) throws(ConfigurationError) {
        let http = Set(targets.compactMap { target -> String? in if case .http = target.check { target.address } else { nil } })
        for (index, target) in targets.enumerated() {
            guard case let .http(check) = target.check else { continue }
            for (name, reference) in check.references.sorted(by: { $0.key < $1.key }) {
                let key = "targets[\(index)].refs.\(name).target"
                if reference.target == target.address {
                    throw error(at: node, key: key, expected: "another target's address", found: "the target itself")
                }
                guard http.contains(reference.target) else {
                    throw error(at: node, key: key, expected: "the address of an HTTP target in this configuration", found: "\"\(reference.target)\"")
                }
            }
        }
    }
}
