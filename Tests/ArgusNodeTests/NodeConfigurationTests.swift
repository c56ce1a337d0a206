import ArgusCore
import ArgusNode
import Testing
import ArgusTestSupport

struct NodeConfigurationTests {
    @Test func fullForm() throws {
        let configuration = try NodeConfiguration.parse(yaml: """
            listen: 127.0.0.1:5001
            data_dir: /tmp/argus
            max_concurrent_checks: 8
            check_flush_interval: 250ms
            defaults:
              interval: 5
              timeout: 1.5
              failures_before_down: 3
            targets:
              - address: "0xNodeA123"
                url: http://localhost:8001
              - address: "0xNodeB456"
                url: http://localhost:8002/
                path: /status
                expected_status: 204
                interval: 500ms
              - address: db
                host: 10.0.0.5:5432
              - address: cache
                check: tcp
                host: localhost
                port: 6379
                retry_interval: 1m
            """, source: "argus.yml")
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 5001)
        #expect(configuration.dataDirectory == "/tmp/argus")
        #expect(configuration.maxConcurrentChecks == 8)
        #expect(configuration.checkFlushInterval == 0.25)
        let targets = configuration.targets
        #expect(targets.map(\.address) == ["0xNodeA123", "0xNodeB456", "db", "cache"])
        #expect(targets[0].check == .http(baseURL: "http://localhost:8001", path: "/health", expectedStatus: 200))
        #expect(targets[0].policy == CheckPolicy(interval: 5, timeout: 1.5, failuresBeforeDown: 3))
        #expect(targets[1].check == .http(baseURL: "http://localhost:8002/", path: "/status", expectedStatus: 204))
        #expect(targets[1].check.description == "http://localhost:8002/status")
        #expect(targets[1].policy.interval == 0.5)
        #expect(targets[2].check == .tcp(host: "10.0.0.5", port: 5432))
        #expect(targets[3].check == .tcp(host: "localhost", port: 6379))
        #expect(targets[3].policy.retryInterval == 60)
    }

    @Test func referenceMapForms() throws {
        let json = """
            {"0xNodeA123": "http://localhost:8001", "0xNodeB456": "http://localhost:8002", "0xNodeC789": "http://localhost:8003"}
            """
        let whole = try NodeConfiguration.parse(yaml: json, source: "nodes.json")
        #expect(whole.targets.map(\.address) == ["0xNodeA123", "0xNodeB456", "0xNodeC789"])
        #expect(whole.targets[2].check == .http(baseURL: "http://localhost:8003", path: "/health", expectedStatus: 200))
        let nested = try NodeConfiguration.parse(yaml: """
            targets:
              0xNodeA123: http://localhost:8001
              0xNodeB456: {url: "http://localhost:8002", interval: 2}
            """, source: "argus.yml")
        #expect(nested.targets.count == 2)
        #expect(nested.targets[1].policy.interval == 2)
    }

    @Test(arguments: [
        ("targets: []\nlisten: nowhere", "argus.yml:2: listen: expected host:port with a port in 0...65535, found \"nowhere\""),
        ("targets:\n  - url: http://x", "argus.yml:2: targets[0].address: expected the monitored node's address"),
        ("targets:\n  - address: a\n    url: ftp://x", "argus.yml:3: targets[0].url: expected an http:// or https:// URL with a host, found \"ftp://x\""),
        ("targets:\n  - address: a\n    url: http://x\n    interval: soon", "argus.yml:4: targets[0].interval: expected a duration in seconds between 0.1 and 86400.0 (e.g. 10, 2.5, 500ms, 1m), found \"soon\""),
        ("targets:\n  - address: a\n    url: http://x\n    intervall: 5", "argus.yml:4: targets[0].intervall: expected one of address, body, body_contains, body_excludes, check, conditions, expected_status, failures_before_down, headers, interval, jitter, method, path, refs, response_time, retry_interval, status, successes_before_up, timeout, url, found an unknown key"),
        ("targets:\n  - address: a\n    check: icmp\n    url: http://x", "argus.yml:3: targets[0].check: expected http, tcp, eigen, tls, grpc, found \"icmp\""),
        ("targets:\n  - address: a\n    host: db", "argus.yml:3: targets[0].host: expected host:port with a port in 1...65535, found \"db\""),
        ("targets:\n  a: http://x\n  b: {address: b, url: http://y}", "argus.yml:3: targets.b.address: expected no `address` inside the map form (the key is the address)"),
        ("targets:\n  - {address: a, url: http://x}\n  - {address: a, url: http://y}", "argus.yml:2: targets: expected each address once, found \"a\" twice"),
        ("listen: 127.0.0.1:1", "argus.yml:1: targets: expected a list or map of targets to monitor (or targets_from)"),
        ("targets: 5", "argus.yml:1: targets: expected a list of targets or a map from address to URL, found \"5\""),
        ("defaults: {failures_before_down: 0}\ntargets: []", "argus.yml:1: defaults.failures_before_down: expected an integer in 1...100, found \"0\""),
        ("check_flush_interval: -1\ntargets: []", "argus.yml:1: check_flush_interval: expected a duration in seconds between 0.0 and 60.0 (e.g. 10, 2.5, 500ms, 1m), found \"-1\""),
    ])
    func errorsNameFileKeyAndExpectation(yaml: String, message: String) {
        #expect {
            try NodeConfiguration.parse(yaml: yaml, source: "argus.yml")
        } throws: { error in
            (error as? ConfigurationError)?.description == message
        }
    }

    @Test func invalidYAMLAndMissingFile() {
        #expect(throws: ConfigurationError.self) { try NodeConfiguration.parse(yaml: "targets: [", source: "argus.yml") }
        #expect {
            try NodeConfiguration.load(file: "/nonexistent/argus.yml")
        } throws: { error in
            (error as? ConfigurationError)?.description.hasPrefix("/nonexistent/argus.yml: (top level): expected a readable UTF-8 file") == true
        }
    }

    @Test func environmentOverrides() throws {
        var configuration = try NodeConfiguration.parse(yaml: "listen: 127.0.0.1:5000\ntargets: []", source: "argus.yml")
        try configuration.applyEnvironment(["ARGUS_LISTEN": "127.0.0.2:6000", "ARGUS_DATA_DIR": "/var/lib/argus"])
        #expect(configuration.listenHost == "127.0.0.2")
        #expect(configuration.listenPort == 6000)
        #expect(configuration.dataDirectory == "/var/lib/argus")
        try configuration.applyEnvironment(["ARGUS_LISTEN": "7000"])
        #expect(configuration.listenPort == 7000)
        #expect(throws: ConfigurationError(source: "environment", key: "ARGUS_LISTEN", expected: "host:port with a port in 0...65535", found: "\"host:99999\"")) {
            try configuration.applyEnvironment(["ARGUS_LISTEN": "host:99999"])
        }
    }
}

struct ClusterConfigurationTests {
    static let targets = "targets: {\"0xNodeA123\": \"http://127.0.0.1:8001\"}\n"

    @Test func readsTheClusterSections() throws {
        let configuration = try NodeConfiguration.parse(yaml: Self.targets + """
            cluster:
              name: Node2
              key: keys/node2.json
              password_file: keys/node2.password
              registry: monitoring_nodes.json
              require_pop: true
              quorum: stake
              quorum_fraction: 3/4
              peer_timeout: 4
              attest_deadline: 1500ms
              max_event_age: 1m
            zellular:
              subgraph: https://example.org/graphql
              app: downtime-monitoring
              threshold: 70
            """, source: "argus.yml")
        let cluster = try #require(configuration.cluster)
        #expect(cluster.mode == .verifiable)
        #expect(cluster.name == "Node2" && cluster.requireProofsOfPossession && cluster.quorumWeighting == "stake")
        #expect(cluster.quorumFraction == (3, 4))
        #expect(cluster.peerTimeout == 4 && cluster.attestDeadline == 1.5 && cluster.maxEventAge == 60)
        #expect(cluster.zellular.subgraphURL == "https://example.org/graphql" && cluster.zellular.thresholdPercent == 70)
        // One proposer per change by default, each rank a peer timeout after the one before it.
        #expect(cluster.oneProposerPerChange && cluster.rules.proposalGrace == 4)
    }

    @Test func choosesWhoProposes() throws {
        let configuration = try NodeConfiguration.parse(yaml: Self.targets + """
            cluster: {name: a, key: k, registry: r, proposers: all, proposal_grace: 1500ms}
            zellular: {network: n}
            """, source: "argus.yml")
        let cluster = try #require(configuration.cluster)
        #expect(!cluster.oneProposerPerChange && cluster.rules.proposalGrace == 1.5)
    }

    @Test(arguments: [
        ("cluster: {mode: sideways, name: a, key: k, registry: r}\nzellular: {network: n}", "cluster.mode: expected standalone, replicated, attested, verifiable"),
        ("cluster: {name: a, key: k}\nzellular: {network: n}", "cluster.registry: expected a value"),
        ("cluster: {name: a, key: k, registry: r}", "zellular: expected a zellular section"),
        ("cluster: {name: a, key: k, registry: r}\nzellular: {network: n, subgraph: s}", "zellular: expected exactly one of network"),
        ("cluster: {name: a, key: k, registry: r, attest_deadline: 3}\nzellular: {network: n}", "cluster.attest_deadline: expected less than cluster.peer_timeout"),
        ("cluster: {name: a, key: k, registry: r, quorum: most}\nzellular: {network: n}", "cluster.quorum: expected count or stake"),
        ("zellular: {network: n}", "zellular: expected a `cluster` section too"),
        ("cluster: {name: a, key: k, registry: r, colour: red}\nzellular: {network: n}", "cluster.colour: expected one of"),
        ("cluster: {name: a, key: k, registry: r, quorum_fraction: 4/3}\nzellular: {network: n}", "cluster.quorum_fraction: expected a fraction"),
        ("log_level: chatty", "log_level: expected trace, debug, info"),
        ("cluster: {name: a, key: k, registry: r, proposers: some}\nzellular: {network: n}", "cluster.proposers: expected one (one proposer per change) or all"),
        ("cluster: {name: a, key: k, registry: r, proposal_grace: -1}\nzellular: {network: n}", "cluster.proposal_grace: expected"),
    ])
    func refusesBadClusterSections(yaml: String, message: String) {
        #expect {
            try NodeConfiguration.parse(yaml: Self.targets + yaml, source: "argus.yml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

struct NotificationConfigurationTests {
    @Test func readsWebhooks() throws {
        let configuration = try NodeConfiguration.parse(yaml: ClusterConfigurationTests.targets + """
            notifications:
              webhooks:
                - http://127.0.0.1:9000/hook
                - {url: "https://hooks.example.org/argus", timeout: 2s}
            """, source: "argus.yml")
        let channels = configuration.notifications.channels
        #expect(channels.map(\.url) == ["http://127.0.0.1:9000/hook", "https://hooks.example.org/argus"])
        #expect(channels.map(\.timeout) == [5, 2])
        #expect(channels.map(\.name) == ["webhook", "webhook-2"] && channels.allSatisfy { $0.kind == .webhook })
    }

    @Test func readsChannelsAndRoutes() throws {
        let configuration = try NodeConfiguration.parse(yaml: ClusterConfigurationTests.targets + """
            notifications:
              channels:
                slack: {type: slack, url: "https://hooks.slack.com/services/T1/B2/x"}
                pager: {type: pagerduty, routing_key_file: keys/pd.key}
                tg: {type: telegram, token_file: tg.token, chat_id: "-1001234567890"}
              routes:
                - {targets: ["0xNodeA*", "0xdef"], channels: [pager]}
                - {channels: [slack, tg]}
            """, source: "argus.yml")
        let notifications = configuration.notifications
        #expect(notifications.channels.map(\.name) == ["slack", "pager", "tg"])
        #expect(notifications.channels[2].chatID == "-1001234567890")
        #expect(notifications.routing.channels(for: "0xNodeA123") == ["slack", "pager", "tg"])
        #expect(notifications.routing.channels(for: "0xNodeB456") == ["slack", "tg"])
        #expect(notifications.routing.channels(for: "0xDEF") == ["slack", "pager", "tg"], "addresses match case-insensitively")
        #expect(NotificationRouting.matches("0xabc123", pattern: "0x*1*3") && !NotificationRouting.matches("0xabc", pattern: "0x*d"))
    }

    @Test(arguments: [
        ("notifications: {webhooks: [ftp://x]}", "notifications.webhooks[0]: expected an http:// or https:// URL"),
        ("notifications: {webhooks: http://x}", "notifications.webhooks: expected a list"),
        ("notifications: {email: a@b}", "notifications.email: expected one of channels, routes, webhooks"),
        ("notifications: {channels: {x: {type: sms}}}", "notifications.channels.x.type: expected webhook, slack, discord, telegram, pagerduty, found \"sms\""),
        ("notifications: {channels: {x: {type: telegram, token_file: t}}}", "notifications.channels.x.chat_id: expected the chat to send to"),
        ("notifications: {channels: {x: {type: slack, url: h, chat_id: 1}}}", "notifications.channels.x.chat_id: expected one of timeout, type, url"),
        ("notifications: {channels: {x: {type: slack, url: 'https://h'}}, routes: [{channels: [y]}]}", "notifications.routes[0].channels: expected channels defined in notifications.channels (x), found \"y\""),
        ("notifications: {channels: {x: {type: pagerduty}}}", "notifications.channels.x.routing_key_file: expected a file holding"),
        ("notifications: {webhooks: [{timeout: 1}]}", "notifications.webhooks[0].url: expected the webhook's URL"),
    ])
    func refusesBadWebhooks(yaml: String, message: String) {
        #expect {
            try NodeConfiguration.parse(yaml: ClusterConfigurationTests.targets + yaml, source: "argus.yml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

/// The documented example configuration is a working one: every feature it shows parses.
struct ExampleConfigurationTests {
    @Test func theExampleParses() throws {
        let configuration = try NodeConfiguration.load(file: Vectors.packageRoot.appendingPathComponent("argus.example.yml").path)
        #expect(configuration.targets.map(\.check.kind) == ["http", "http", "http", "eigen", "tls", "grpc", "tcp"])
        #expect(configuration.discovery != nil && configuration.adminTokenFile?.hasSuffix("admin.token") == true)
        #expect(configuration.notifications.channels.map(\.name) == ["ops-slack", "ops-discord", "ops-telegram", "pager", "audit"])
        #expect(configuration.notifications.routing.channels(for: "0xNodeA123").contains("pager"))
    }
}
