import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Yams

/// An HTTP fuzzer driven by a node's own `/openapi.yaml`: every documented route, with random and
/// boundary values (huge and negative integers, NaN, unicode, broken percent-encoding, repeated
/// parameters), random methods, oversized bodies and headers — sent as raw HTTP/1.1 bytes, so
/// nothing the client library would refuse to send is left out.
public struct Fuzzer: Sendable {
    public struct Operation: Sendable {
        var path: String
        var method: String
        var parameters: [(name: String, inPath: Bool)]
    }

    public let host: String
    public let port: Int
    public let operations: [Operation]

    /// Reads the node's OpenAPI document.
    public init(host: String = "127.0.0.1", port: Int, document: String) throws {
        self.host = host
        self.port = port
        guard let root = try Yams.load(yaml: document) as? [String: Any], let paths = root["paths"] as? [String: Any] else {
            throw ChaosFailure("the OpenAPI document has no paths")
        }
        var operations: [Operation] = []
        for (path, item) in paths {
            guard let methods = item as? [String: Any] else { continue }
            for (method, operation) in methods {
                let parameters = ((operation as? [String: Any])?["parameters"] as? [Any] ?? []).compactMap { parameter -> (String, Bool)? in
                    guard let object = parameter as? [String: Any] else { return nil }
                    if let ref = object["$ref"] as? String, let name = ref.split(separator: "/").last {
                        // #/components/parameters/{address, from, to, epoch}: their query names.
                        let names = ["address": "address", "from": "from_timestamp", "to": "to_timestamp", "epoch": "epoch"]
                        return (names[String(name)] ?? String(name), name == "epoch")
                    }
                    guard let name = object["name"] as? String else { return nil }
                    return (name, (object["in"] as? String) == "path")
                }
                operations.append(Operation(path: path, method: method.uppercased(), parameters: parameters))
            }
        }
        self.operations = operations
    }

    static let values = [
        "", "0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e309", "NaN", "nan", "inf", "-inf", "0x1f", "1.5", "00000000000000000000001", "+1",
        "%00", "%ZZ", "%", "%%", "%C3%28", "ünïcødé", "💥", "\u{202E}", "../../etc/passwd", "' OR 1=1 --", "<script>",
        "0xNodeA123", "0xNodeB456", "0xnodea123", "down", "up", "null", "true", "[]", "{}",
        String(repeating: "A", count: 3000), String(repeating: "9", count: 400),
    ]
    static let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"]

    /// Percent-encodes a value, except (sometimes) when the raw bytes are the point.
    static func encode<R: RandomNumberGenerator>(_ value: String, using random: inout R) -> String {
        if Int.random(in: 0..<4, using: &random) == 0 {
            // Raw, but never a space, CR or LF (those end the request line).
            return value.replacingOccurrences(of: " ", with: "+").filter { $0 != "\r" && $0 != "\n" }
        }
        return value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    /// One random request as bytes, and a short description for a report.
    public func request<R: RandomNumberGenerator>(using random: inout R) -> (bytes: [UInt8], summary: String) {
        var path: String
        var method: String
        var query: [String] = []
        if let operation = operations.randomElement(using: &random), Int.random(in: 0..<10, using: &random) > 0 {
            path = operation.path
            method = Int.random(in: 0..<5, using: &random) > 0 ? operation.method : Self.methods.randomElement(using: &random)!
            for (name, inPath) in operation.parameters {
                let value = Self.encode(Self.values.randomElement(using: &random)!, using: &random)
                if inPath {
                    path = path.replacingOccurrences(of: "{\(name)}", with: value.isEmpty ? "x" : value)
                } else if Int.random(in: 0..<5, using: &random) > 0 {
                    query.append("\(name)=\(value)")
                    if Int.random(in: 0..<10, using: &random) == 0 { query.append("\(name)=\(Self.encode(Self.values.randomElement(using: &random)!, using: &random))") }
                }
            }
            if Int.random(in: 0..<10, using: &random) == 0 { query.append("unknown=\(Self.encode(Self.values.randomElement(using: &random)!, using: &random))") }
        } else {
            path = "/" + Self.encode(Self.values.randomElement(using: &random)!, using: &random)
            method = Self.methods.randomElement(using: &random)!
        }
        var headers = ["Host: \(host):\(port)", "Connection: close"]
        switch Int.random(in: 0..<50, using: &random) {
        case 0: headers.append("X-Huge: " + String(repeating: "h", count: 40_000))
        case 1: headers += (0..<200).map { "X-Many-\($0): \($0)" }
        case 2: headers.append("Authorization: Bearer " + String(repeating: "t", count: 9_000))
        case 3: headers.append("Authorization: Basic %%%")
        case 4: headers.append("Accept-Encoding: gzip, deflate, br, *;q=0, \u{1F4A5}")
        default: break
        }
        var body: [UInt8] = []
        if method != "GET", method != "HEAD", Int.random(in: 0..<3, using: &random) == 0 {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: body = Array(repeating: UInt8(ascii: "x"), count: 200_000)
            case 1: body = Array(#"{"address": 5, "from": "soon", "to": null, "reason": ["x"]}"#.utf8)
            case 2: body = Array(#"{"address": "0xNodeA123", "from": 9223372036854775807, "to": -1}"#.utf8)
            case 3: body = (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            default: body = Array("{".utf8)
            }
            headers.append("Content-Length: \(body.count)")
            headers.append("Content-Type: application/json")
        }
        let target = path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let head = "\(method) \(target) HTTP/1.1\r\n" + headers.joined(separator: "\r\n") + "\r\n\r\n"
        return (Array(head.utf8) + body, "\(method) \(target.prefix(120))")
    }

    /// Sends raw bytes on a new connection; the response's status code (nil: no status line came back).
    public static func send(_ bytes: [UInt8], host: String, port: Int, timeout: Double = 10,
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async -> Int? {
        let collector = StatusCollector()
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) } }
                .connect(host: host, port: port)
                .get()
            channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
            let timer = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) { channel.close(promise: nil) }
            try? await channel.closeFuture.get()
            timer.cancel()
        } catch {
            return nil
        }
        return collector.status
    }

    /// Reads the status code off the first line of the response, then closes.
    final class StatusCollector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        private let state = NIOLockedValueBox<(buffer: [UInt8], status: Int?)>(([], nil))

        var status: Int? { state.withLockedValue { $0.status } }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let chunk = unwrapInboundIn(data)
            let done = state.withLockedValue { state -> Bool in
                state.buffer += chunk.readableBytesView
                guard let end = state.buffer.firstIndex(of: UInt8(ascii: "\n")) else { return state.buffer.count > 4096 }
                let line = String(decoding: state.buffer[..<end], as: UTF8.self)
                let parts = line.split(separator: " ")
                if parts.count >= 2, parts[0].hasPrefix("HTTP/") { state.status = Int(parts[1]) }
                return true
            }
            if done { context.close(promise: nil) }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
