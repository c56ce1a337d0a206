import CompressNIO
import Foundation
import Hummingbird

/// Compact JSON bodies with sorted keys (the reference's FastAPI responses are compact, and their
/// keys happen to be in sorted order for every body Argus shares with it).
public enum JSONResponse {
    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data(#"{"detail":"response could not be encoded"}"#.utf8)
    }

    /// `make`, gzip-compressed (CompressNIO's zlib) when `acceptEncoding`, the request's
    /// `Accept-Encoding`, accepts gzip and the body is 1 KB or more; `Vary: Accept-Encoding` always.
    public static func make(_ value: some Encodable, acceptEncoding: String?) -> Response {
        var body = ByteBuffer(bytes: encode(value))
        var headers: HTTPFields = [.contentType: "application/json", .vary: "Accept-Encoding"]
        if body.readableBytes >= 1024, accepts("gzip", acceptEncoding), let compressed = try? body.compress(with: .gzip()) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: compressed))
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Whether an `Accept-Encoding` value (RFC 9110 §12.5.3) accepts `coding`: named, or `*`,
    /// without `q=0`.
    static func accepts(_ coding: String, _ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.lowercased().split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, name == coding || name == "*" else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { return true }
        }
        return false
    }

    /// A body written by hand (when the field order must be the reference's).
    public static func raw(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
