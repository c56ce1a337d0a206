import ArgusDemo
import ArgusProcessSupport
import AsyncHTTPClient
import ChaosKit
import Foundation
import NIOCore
import Testing

/// The fault-injecting proxy the chaos suite puts on every link, against a real `argus target`:
/// each fault does what it says, to new and to open connections, and passing again heals.
/// (Run under load, these caught the proxy reading a connection accepted just after a fault only
/// when its client gave up: it started reading before the accepted channel was active.)
@Suite(.serialized)
struct FaultProxyTests {
    /// One GET through the proxy: the status, or the error's name; and how long it took.
    /// (Timeouts are generous where an answer is expected: the whole suite runs beside this one.)
    func get(_ port: Int, timeout: Int64 = 15) async -> (outcome: String, seconds: Double) {
        let started = Date()
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(timeout))
            _ = try await response.body.collect(upTo: 1 << 16)
            return ("\(response.status.code)", Date().timeIntervalSince(started))
        } catch {
            return ("\(error)", Date().timeIntervalSince(started))
        }
    }

    @Test func eachFaultAndTheHeal() async throws {
        let target = try ChildProcess(try Executables.argus, ["target", "--port", "0"])
        defer { _ = target.stop() }
        let proxy = FaultProxy(name: "test", upstreamPort: try await target.listeningPort())
        let port = try await proxy.start()

        #expect(await get(port).outcome == "200")
        // Dropped and reset: the client may retry its connection until its deadline; none answers.
        proxy.set(.drop)
        #expect(await get(port, timeout: 3).outcome != "200")
        proxy.set(.reset)
        #expect(await get(port, timeout: 3).outcome != "200")
        // Black-holed: accepted, and nothing ever comes back (the client's deadline ends it).
        proxy.set(.blackhole)
        let held = await get(port, timeout: 1)
        #expect(held.outcome != "200" && held.seconds >= 0.9, "\(held)")
        // Delayed: it answers, a second later (each direction's chunks wait 0.5 s).
        proxy.set(.delay(0.5))
        let slow = await get(port)
        #expect(slow.outcome == "200" && slow.seconds >= 1.0, "\(slow)")
        proxy.set(.pass)
        let healed = await get(port)
        #expect(healed.outcome == "200", "\(healed)")
        await proxy.stop()
    }

    /// A fault applies to connections already open: a kept-alive connection is cut by `drop`, and
    /// after `pass` the next request gets through on a new one.
    @Test func aFaultCutsAnOpenConnection() async throws {
        let target = try ChildProcess(try Executables.argus, ["target", "--port", "0"])
        defer { _ = target.stop() }
        let proxy = FaultProxy(name: "open", upstreamPort: try await target.listeningPort())
        let port = try await proxy.start()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        func get(timeout: Int64 = 15) async -> String {
            do {
                let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(timeout))
                _ = try await response.body.collect(upTo: 1 << 16)
                return "\(response.status.code)"
            } catch {
                return "\(error)"
            }
        }
        let first = await get()
        #expect(first == "200", "\(first)")   // the pool keeps this connection open
        proxy.set(.drop)
        #expect(await get(timeout: 2) != "200")
        proxy.set(.pass)
        let again = await get()
        #expect(again == "200", "\(again)")
        try await client.shutdown()
        await proxy.stop()
    }
}
