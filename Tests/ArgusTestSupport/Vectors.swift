import Foundation

/// Locates files of the repository and of `../shared` (the read-only facts beside the checkout).
public enum Vectors {
    /// The package root, derived from this file's path (`<root>/Tests/ArgusTestSupport/Vectors.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/../shared/vectors`, or `ARGUS_VECTORS` when set.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["ARGUS_VECTORS"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors")
    }

    /// Decodes a JSON vector file.
    public static func load<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        let url = directory.appendingPathComponent(relativePath)
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

/// Decodes `../shared/vectors/<name>`.
public func loadVector<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
    try Vectors.load(type, name)
}
