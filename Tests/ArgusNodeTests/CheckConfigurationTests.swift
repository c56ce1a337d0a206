import ArgusCore
import ArgusNode
import Testing

/// The check kinds in the configuration (docs/CHECKS.md): each one's keys, and errors that name
/// the key and the line.
struct CheckConfigurationTests {
    @Test func everyKind() throws {
        let configuration = try NodeConfiguration.parse(yaml: """
            targets:
              - address: "0xReference"
                url: http://10.0.0.1:8545
                method: post
                headers: {Content-Type: application/json}
                body: '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}'
              - address: "0xOperator"
                url: http://10.0.0.2:9000
                path: /status
                status: [200, 206]
                body_contains: synced
                body_excludes: [error, panic]
                response_time: 500ms
                refs:
                  head: {target: "0xReference", value: $.result}
                conditions:
                  - $.block_number >= head - 50
                  - $.syncing == false
              - address: "0xEigen"
                check: eigen
                url: http://10.0.0.3:9010
                degraded_is_down: true
              - address: "0xTLS"
                check: tls
                host: rpc.example.org
                min_days: 14
                ca_file: ca.pem
              - address: "0xGRPC"
                check: grpc
                host: 10.0.0.4:50051
                service: zellular.Node
                tls: true
            """, source: "argus.yml")
        let targets = configuration.targets
        guard case let .http(reference) = targets[0].check, case let .http(node) = targets[1].check,
              case let .eigen(eigen) = targets[2].check, case let .tls(tls) = targets[3].check, case let .grpc(grpc) = targets[4].check
        else { Issue.record("kinds: \(targets.map(\.check.kind))"); return }
        #expect(reference.method == "POST" && reference.headers == ["Content-Type": "application/json"])
        #expect(reference.body?.contains("eth_blockNumber") == true)
        #expect(node.url == "http://10.0.0.2:9000/status")
        #expect(node.acceptedStatuses == [200, 206])
        #expect(node.bodyContains == ["synced"] && node.bodyExcludes == ["error", "panic"])
        #expect(node.maxResponseTime == 0.5)
        #expect(node.references == ["head": HTTPCheck.Reference(target: "0xReference", path: [.member("result")])])
        #expect(node.conditions.map(\.text) == ["$.block_number >= head - 50", "$.syncing == false"])
        #expect(eigen == EigenCheck(baseURL: "http://10.0.0.3:9010", degradedIsDown: true))
        #expect(targets[2].check.description == "http://10.0.0.3:9010/eigen/node/health")
        #expect(tls == TLSCheck(host: "rpc.example.org", port: 443, minDays: 14, caFile: "ca.pem"))
        #expect(grpc == GRPCCheck(host: "10.0.0.4", port: 50051, service: "zellular.Node", tls: true))
    }

    @Test(arguments: [
        ("  - {address: a, url: http://x, conditions: [\"$.height = 5\"]}",
         "argus.yml:2: targets[0].conditions[0]: expected a condition (docs/CHECKS.md), e.g. $.block_number >= head - 50, found \"$.height = 5\": use == to compare at column 10"),
        ("  - address: a\n    url: http://x\n    conditions:\n      - $.ok == true\n      - $.height >= head",
         "argus.yml:6: targets[0].conditions[1]: expected a condition (docs/CHECKS.md), e.g. $.block_number >= head - 50, found \"$.height >= head\": unknown name head (status, response_time, true, false, null, or a reference; no references are defined) at column 13"),
        ("  - {address: a, check: tcp, host: 'x:1', min_days: 3}",
         "argus.yml:2: targets[0].min_days: expected only with check: tls (this target's check is tcp)"),
        ("  - {address: a, check: eigen, url: http://x, degraded_is_down: maybe}",
         "argus.yml:2: targets[0].degraded_is_down: expected true or false, found \"maybe\""),
        ("  - {address: a, url: http://x, refs: {head: {target: b, value: $.n}}}",
         "argus.yml:2: targets[0].refs.head.target: expected the address of an HTTP target in this configuration, found \"b\""),
        ("  - {address: a, url: http://x, refs: {head: {target: b, value: n}}}\n  - {address: b, url: http://y}",
         "argus.yml:2: targets[0].refs.head.value: expected a JSON path starting with $, found \"n\": unknown name n (status, response_time, true, false, null, or a reference; no references are defined) at column 1"),
        ("  - {address: a, url: http://x, expected_status: 200, status: [200]}",
         "argus.yml:2: targets[0].status: expected either expected_status or status, not both"),
        ("  - {address: a, url: http://x, status: [200, 700]}",
         "argus.yml:2: targets[0].status[1]: expected an integer in 100...599, found \"700\""),
        ("  - {address: a, check: grpc, host: x}",
         "argus.yml:2: targets[0].host: expected host:port with a port in 1...65535, found \"x\""),
        ("  - {address: a, check: tls, host: x, tls: true}",
         "argus.yml:2: targets[0].tls: expected only with check: grpc (this target's check is tls)"),
    ])
    func errorsNameTheKeyAndTheLine(yaml: String, message: String) {
        #expect {
            try NodeConfiguration.parse(yaml: "targets:\n" + yaml, source: "argus.yml")
        } throws: { error in
            (error as? ConfigurationError)?.description == message
        }
    }

    @Test func aTLSTargetDefaultsToPort443() throws {
        let configuration = try NodeConfiguration.parse(yaml: "targets:\n  - {address: a, check: tls, host: example.org}", source: "argus.yml")
        #expect(configuration.targets[0].check == .tls(TLSCheck(host: "example.org", port: 443)))
    }
}
