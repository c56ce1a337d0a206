import BN254
import Foundation
import SecretFile
import Zellular
import ZellularHash

/// The embedded sequencer's operator: its BN254 key (kept in a file, created on first start), an
/// id derived from the key, and the static network description (`nodes.json`) clients load.
public struct SequencerIdentity: Sendable {
    public let key: PrivateKey
    /// `0x` + 40 hex digits derived from the public key (stable for a key).
    public let id: String

    public init(key: PrivateKey) {
        self.key = key
        let digest = xxh128Hex(key.publicKey.mclString) + xxh128Hex("id:" + key.publicKey.mclString)
        id = "0x" + digest.prefix(40)
    }

    /// Loads the key from `path` (hex), or creates one there (mode 0600) when the file is missing.
    public static func loadOrCreate(keyFile path: String) throws -> SequencerIdentity {
        if FileManager.default.fileExists(atPath: path) {
            let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                return SequencerIdentity(key: try PrivateKey(hexString: text))
            } catch {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(path): not a BN254 secret key (\(error))"])
            }
        }
        let identity = SequencerIdentity(key: PrivateKey())
        do {
            try SecretFile.create(atPath: path, contents: identity.key.hexString + "\n")
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write the key file: \(error)"])
        }
        return identity
    }

    /// The SDK's `nodes.json` for a one-operator static network served at `socket`.
    public func nodesJSON(socket: String) -> String {
        let key = key.publicKey
        return """
            {
                "\(id)": {
                    "id": "\(id)",
                    "address": "\(id)",
                    "socket": "\(socket)",
                    "stake": 1,
                    "pubkeyG2_X": [\(key.pubkeyG2X.joined(separator: ", "))],
                    "pubkeyG2_Y": [\(key.pubkeyG2Y.joined(separator: ", "))],
                    "roles": ["posting", "sequencing"]
                }
            }

            """
    }
}
