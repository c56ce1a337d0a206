import ArgusCore
import ArgusHTTP
import ArgusProcessSupport
import ArgusStore
import ArgusTestSupport
import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `/dashboard/summary` at scale: paged and filtered on the server, the counts and the worst
/// uptime of every target computed there, gzip when the client accepts it.
struct DashboardSummaryTests {
    struct Body: Decodable {
        struct Entry: Decodable { var address: String; var state: String; var uptime: [String: Double] }
        struct Counts: Decodable { var up: Int; var down: Int }
        struct Worst: Decodable { var address: String; var uptime_24h: Double }
        var total: Int
        var matched: Int
        var offset: Int
        var counts: Counts
        var worst: Worst?
        var targets: [Entry]
    }

    static let now: Double = 1_000_000
    static let addresses = (1...30).map { String(format: "0xT%02d", $0) }

    /// 30 targets: 0xT05, 0xT10, … 0xT30 down since an hour ago; 0xT07 was down 2 h today and is up.
    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try EventStore(directory: directory.path)
        let now = Int64(Self.now)
        for (index, address) in Self.addresses.enumerated() where (index + 1) % 5 == 0 {
            try await store.append(StateChange(address: address, state: .down, timestamp: now - 3600))
        }
        try await store.append(StateChange(address: "0xT07", state: .down, timestamp: now - 10 * 3600))
        try await store.append(StateChange(address: "0xT07", state: .up, timestamp: now - 8 * 3600))
        let targets = Self.addresses.map { Target(address: $0, check: .tcp(host: "localhost", port: 1)) }
        let api = NodeAPI(store: store, targets: targets, clock: NodeAPITests.FixedClock(time: Self.now))
        try await Application(router: api.router()).test(.router) { client in try await body(client) }
    }

    func summary(_ client: any TestClientProtocol, _ query: String) async throws -> Body {
        try await client.execute(uri: "/dashboard/summary" + query, method: .get) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try JSONDecoder().decode(Body.self, from: Data(buffer: response.body))
        }
    }

    @Test func pagesFiltersAndCountsOnTheServer() async throws {
        try await withApp { client in
            let all = try await summary(client, "")
            #expect(all.total == 30 && all.matched == 30 && all.targets.count == 30)
            #expect(all.counts.up == 24 && all.counts.down == 6)
            // The down ones lost an hour of the last 24 h (23/24); 0xT07, up now, lost two.
            #expect(all.worst?.address == "0xT07" && abs((all.worst?.uptime_24h ?? 0) - 22.0 / 24) < 1e-9)
            #expect(all.targets.first { $0.address == "0xT05" }?.uptime["24h"].map { abs($0 - 23.0 / 24) < 1e-9 } == true)

            let page = try await summary(client, "?limit=10&offset=10")
            #expect(page.targets.map(\.address) == Array(Self.addresses[10..<20]))
            #expect(page.matched == 30 && page.offset == 10 && page.counts.down == 6)
            let last = try await summary(client, "?limit=10&offset=25")
            #expect(last.targets.map(\.address) == Array(Self.addresses[25...]))
            #expect(try await summary(client, "?limit=10&offset=99").targets.isEmpty)

            let down = try await summary(client, "?state=down&limit=4")
            #expect(down.matched == 6 && down.targets.map(\.address) == ["0xT05", "0xT10", "0xT15", "0xT20"])
            #expect(down.targets.allSatisfy { $0.state == "down" })
            let search = try await summary(client, "?q=t1&state=up")
            #expect(search.targets.map(\.address) == ["0xT11", "0xT12", "0xT13", "0xT14", "0xT16", "0xT17", "0xT18", "0xT19"])
            // The counts and the worst are of every target, whatever the page shows.
            #expect(search.total == 30 && search.counts.down == 6 && search.worst?.address == "0xT07")
        }
    }

    @Test func compressesForClientsThatAcceptGzip() async throws {
        try await withApp { client in
            let plain = try await client.execute(uri: "/dashboard/summary", method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil && response.headers[.vary] == "Accept-Encoding")
                return response.body
            }
            for accept in ["gzip", "br, gzip;q=0.8", "*"] {
                try await client.execute(uri: "/dashboard/summary", method: .get, headers: [.acceptEncoding: accept]) { response in
                    #expect(response.headers[.contentEncoding] == "gzip", "\(accept)")
                    var body = response.body
                    #expect(body.readableBytes * 4 < plain.readableBytes)
                    let inflated = try body.decompress(with: .gzip())
                    #expect(inflated == plain)
                }
            }
            for accept in ["identity", "gzip;q=0", "deflate"] {
                try await client.execute(uri: "/dashboard/summary", method: .get, headers: [.acceptEncoding: accept]) { response in
                    #expect(response.headers[.contentEncoding] == nil, "\(accept)")
                    #expect(response.body == plain)
                }
            }
            // A small body is not worth it.
            try await client.execute(uri: "/dashboard/summary?limit=1&q=T01", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test(arguments: ["?limit=0", "?limit=1001", "?offset=-1", "?state=sideways", "?limit=x"])
    func refusesBadParameters(query: String) async throws {
        try await withApp { client in
            try await client.execute(uri: "/dashboard/summary" + query, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("detail"))
            }
        }
    }
}
