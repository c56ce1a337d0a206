import ArgusProof
import BLS12381
import Foundation

/// Reads a monitoring node's BLS secret key: an EIP-2335 keystore (JSON; the password from
/// `passwordFile`, else the `ARGUS_KEY_PASSWORD` environment variable) or, for compatibility with
/// the reference's hard-coded keys, 64 hex digits.
public enum NodeKey {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func load(file path: String, passwordFile: String?, environment: [String: String]) throws(Failure) -> PrivateKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw Failure(description: "\(path): cannot read the key: \(error.localizedDescription)")
        }
        if text.hasPrefix("{") {
            let password: String
            if let passwordFile {
                guard let contents = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw Failure(description: "\(passwordFile): cannot read the keystore password")
                }
                password = contents.hasSuffix("\n") ? String(contents.dropLast()) : contents
            } else if let fromEnvironment = environment["ARGUS_KEY_PASSWORD"] {
                password = fromEnvironment
            } else {
                throw Failure(description: "\(path) is a keystore: give its password in cluster.password_file or ARGUS_KEY_PASSWORD")
            }
            do {
                return try Keystore.decrypt(json: text, password: password)
            } catch {
                throw Failure(description: "\(path): \(error)")
            }
        }
        do {
            return try PrivateKey(hexString: text)
        } catch {
            throw Failure(description: "\(path): not a keystore and not a 32-byte hex secret key (\(error))")
        }
    }
}
