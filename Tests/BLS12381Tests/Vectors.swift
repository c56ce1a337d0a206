import ArgusTestSupport
import Foundation
@testable import BLS12381

/// Reads `../shared/vectors` (located by `ArgusTestSupport.Vectors`) as untyped JSON.
enum Vectors {
    static let root: URL = ArgusTestSupport.Vectors.directory

    static func json(_ relativePath: String) -> Any {
        let data = try! Data(contentsOf: root.appendingPathComponent(relativePath))
        return try! JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// File names (sorted) in a directory of the vectors tree.
    static func files(in dir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func bytes(_ hex: String) -> [UInt8] { try! Hex.decode(hex, allowingPrefix: true) }
}

extension Dictionary where Key == String, Value == Any {
    func str(_ k: String) -> String { self[k] as! String }
    func dict(_ k: String) -> [String: Any] { self[k] as! [String: Any] }
    func arr(_ k: String) -> [Any] { self[k] as! [Any] }
}
