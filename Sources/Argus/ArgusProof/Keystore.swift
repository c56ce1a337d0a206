// Keystore.swift — EIP-2335 keystores for BLS12-381 secret keys (scrypt or PBKDF2-SHA-256 key
// derivation, SHA-256 checksum, AES-128-CTR), as written by staking-deposit-cli, Lighthouse, Prysm
// and `argus keygen`.

import BLS12381
import Crypto
import Foundation
import HexCodec
import _CryptoExtras

/// Reads and writes EIP-2335 keystores: a secret key encrypted under a password in JSON
/// (https://eips.ethereum.org/EIPS/eip-2335).
///
/// Decryption never traps on hostile input: every field is type-, hex- and length-checked, and the
/// KDF cost is bounded before any work is done, so a crafted file can neither crash the process nor
/// make it allocate without limit.
public enum Keystore: Sendable {
    /// Why a keystore could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not JSON, or not shaped like an EIP-2335 keystore (a required field missing or of the wrong type).
        case notAKeystore(String)
        /// A well-formed keystore this implementation does not read: another version, an unknown
        /// function, or parameters outside the supported bounds.
        case unsupported(String)
        /// The checksum does not match: the password is wrong (or the ciphertext was altered).
        case wrongPassword
        /// The password is right (or no password was needed to tell) but the contents are inconsistent:
        /// bad hex, wrong lengths, a secret that is not a BLS key, or a `pubkey` that is not its key.
        case corrupt(String)

        public var description: String {
            switch self {
            case let .notAKeystore(reason): "not an EIP-2335 keystore: \(reason)"
            case let .unsupported(reason): "unsupported keystore: \(reason)"
            case .wrongPassword: "wrong keystore password (the checksum does not match)"
            case let .corrupt(reason): "corrupt keystore: \(reason)"
            }
        }
    }

    /// scrypt's working memory, 128·n·r·p bytes, is capped at 2 GiB (the EIP's vector needs 256 MiB);
    /// the cap also bounds its time and keeps swift-crypto's memory-limit arithmetic from overflowing.
    static let maxScryptMemory = 1 << 31
    /// PBKDF2 iterations are capped (the EIP's vector uses 2^18); swift-crypto narrows them to UInt32.
    static let maxPBKDF2Rounds = 1 << 24

    // MARK: - Encrypting

    /// Encrypts `key` under `password` as an EIP-2335 keystore and returns its JSON text
    /// (pretty-printed, sorted keys).
    ///
    /// Key derivation is scrypt with n = `scryptN`, r = 8, p = 1, dklen = 32 and a random 32-byte
    /// salt; the cipher is AES-128-CTR with a random 16-byte IV. The file carries a random (v4)
    /// `uuid`, `path` "" (the key is not from an EIP-2334 tree), `version` 4, the `pubkey` in hex so
    /// it can be read without the password, and `description` if given.
    ///
    /// - Parameter scryptN: scrypt's cost, a power of 2. Keep the default (2^18, as the EIP and
    ///   staking-deposit-cli use: 256 MiB and about a second) except in tests.
    /// - Throws: `.unsupported` if `scryptN` is not a power of 2 within the bounds `decrypt` accepts.
    public static func encrypt(_ key: PrivateKey, password: String, description: String? = nil,
                               scryptN: Int = 262_144) throws(Failure) -> String {
        let salt = randomBytes(32)
        let iv = randomBytes(16)
        let kdf = Module(function: "scrypt", params: KDFParams(dklen: 32, n: scryptN, r: 8, p: 1, salt: hex(salt)), message: "")
        let decryptionKey = try derive(kdf, password: passwordBytes(password))
        let ciphertext = try aes128CTR(key: Array(decryptionKey[0..<16]), iv: iv, key.rawRepresentation)
        let document = Document(
            crypto: Section(
                kdf: kdf,
                checksum: Module(function: "sha256", params: NoParams(), message: hex(checksum(decryptionKey, ciphertext))),
                cipher: Module(function: "aes-128-ctr", params: CipherParams(iv: hex(iv)), message: hex(ciphertext))),
            description: description,
            pubkey: key.publicKey.hexString,
            path: "",
            uuid: UUID().uuidString.lowercased(),
            version: 4)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(document)
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw .corrupt("cannot encode the keystore: \(error)")  // unreachable: plain strings and integers
        }
    }

    // MARK: - Decrypting

    /// Decrypts an EIP-2335 keystore's JSON text with `password`.
    ///
    /// Accepts the EIP's modules: kdf `scrypt` or `pbkdf2` (prf `hmac-sha256`) with dklen 32,
    /// checksum `sha256`, cipher `aes-128-ctr` with a 16-byte IV, and a 32-byte secret. Everything
    /// that needs no password is checked before the (deliberately slow) key derivation. `path`,
    /// `uuid` and `description` are not needed and not required; `pubkey`, if present, must be the
    /// public key of the decrypted secret.
    ///
    /// - Throws: `.wrongPassword` if the checksum does not match; `.notAKeystore`, `.unsupported`
    ///   or `.corrupt` (with the offending field) otherwise.
    public static func decrypt(json: String, password: String) throws(Failure) -> PrivateKey {
        let data = Data(json.utf8)
        // The version alone first, so that e.g. an Ethereum (version 3) keystore is named as such
        // instead of being reported as malformed.
        struct Header: Decodable { var version: Int }
        let version = try decode(Header.self, from: data).version
        guard version == 4 else {
            let known = version == 3 ? " (Ethereum's Web3 Secret Storage)" : ""
            throw .unsupported("version \(version)\(known); EIP-2335 keystores are version 4")
        }
        let document = try decode(Document.self, from: data)
        let crypto = document.crypto
        guard crypto.checksum.function == "sha256" else {
            throw .unsupported("crypto.checksum.function \"\(crypto.checksum.function)\"; expected \"sha256\"")
        }
        guard crypto.cipher.function == "aes-128-ctr" else {
            throw .unsupported("crypto.cipher.function \"\(crypto.cipher.function)\"; expected \"aes-128-ctr\"")
        }
        let expectedChecksum = try bytes(crypto.checksum.message, field: "crypto.checksum.message", count: 32)
        guard let ivText = crypto.cipher.params.iv else { throw .notAKeystore("crypto.cipher.params: missing \"iv\"") }
        let iv = try bytes(ivText, field: "crypto.cipher.params.iv", count: 16)
        let ciphertext = try bytes(crypto.cipher.message, field: "crypto.cipher.message", count: 32)
        var expectedPublicKey: [UInt8]?
        if let pubkey = document.pubkey { expectedPublicKey = try bytes(pubkey, field: "pubkey") }

        let decryptionKey = try derive(crypto.kdf, password: passwordBytes(password))
        // A constant-time comparison would buy nothing: whoever holds the file can test passwords offline.
        guard checksum(decryptionKey, ciphertext) == expectedChecksum else { throw .wrongPassword }

        let secret = try aes128CTR(key: Array(decryptionKey[0..<16]), iv: iv, ciphertext)
        let key: PrivateKey
        do {
            key = try PrivateKey(rawRepresentation: secret)
        } catch {
            throw .corrupt("the decrypted secret is not a BLS12-381 secret key (it is 0 or not below the group order)")
        }
        if let expectedPublicKey, expectedPublicKey != key.publicKey.compressedRepresentation {
            throw .corrupt("pubkey \(hex(expectedPublicKey)) is not the public key of the decrypted secret (\(key.publicKey.hexString))")
        }
        return key
    }

    // MARK: - EIP-2335 steps

    /// The password as the KDF sees it (EIP-2335 "Password requirements"): NFKD-normalised, then
    /// stripped of the C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F) control code points,
    /// then UTF-8. So "𝔱𝔢𝔰𝔱" and "test" are the same password, and a stray newline or NUL is ignored.
    static func passwordBytes(_ password: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in password.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.value <= 0x1F || (0x7F...0x9F).contains(scalar.value) { continue }  // C0, DEL, C1
            bytes.append(contentsOf: String(scalar).utf8)
        }
        return bytes
    }

    /// The 32-byte decryption key of a `kdf` module, after checking its function and parameters.
    private static func derive(_ kdf: Module<KDFParams>, password: [UInt8]) throws(Failure) -> [UInt8] {
        let params = kdf.params
        func required(_ value: Int?, _ name: String) throws(Failure) -> Int {
            guard let value else { throw .notAKeystore("crypto.kdf.params: missing \"\(name)\"") }
            return value
        }
        // dklen 32: the checksum uses bytes 16..<32 and the AES key bytes 0..<16.
        let dklen = try required(params.dklen, "dklen")
        guard dklen == 32 else { throw .unsupported("crypto.kdf.params.dklen is \(dklen); expected 32") }
        guard let saltText = params.salt else { throw .notAKeystore("crypto.kdf.params: missing \"salt\"") }
        // Arrays (not Data) for salt and password: swift-crypto takes their base address, which an
        // empty Array still has.
        let salt = try bytes(saltText, field: "crypto.kdf.params.salt")

        let derived: SymmetricKey
        switch kdf.function {
        case "scrypt":
            let n = try required(params.n, "n"), r = try required(params.r, "r"), p = try required(params.p, "p")
            guard n > 1, n & (n - 1) == 0 else {
                throw .unsupported("crypto.kdf.params.n is \(n); scrypt needs a power of 2 greater than 1")
            }
            guard r > 0, p > 0 else { throw .unsupported("crypto.kdf.params: scrypt needs r > 0 and p > 0, found r = \(r), p = \(p)") }
            // 128·n·r·p ≤ cap, without overflow: all factors are positive, so the floors are exact.
            guard n <= maxScryptMemory / 128 / r / p else {
                throw .unsupported("scrypt with n = \(n), r = \(r), p = \(p) needs more than \(maxScryptMemory >> 30) GiB")
            }
            do {
                // `rounds` is scrypt's N (swift-crypto passes it to BoringSSL's EVP_PBE_scrypt as N).
                // swift-crypto sizes BoringSSL's memory limit from n·r·p (its `maxMemory` argument is
                // not forwarded in 3.12.3), which suffices for the n, r, p keystores use.
                derived = try KDF.Scrypt.deriveKey(from: password, salt: salt, outputByteCount: 32,
                                                   rounds: n, blockSize: r, parallelism: p)
            } catch {
                throw .unsupported("scrypt rejected n = \(n), r = \(r), p = \(p): \(error)")
            }
        case "pbkdf2":
            guard let prf = params.prf else { throw .notAKeystore("crypto.kdf.params: missing \"prf\"") }
            guard prf == "hmac-sha256" else { throw .unsupported("crypto.kdf.params.prf \"\(prf)\"; expected \"hmac-sha256\"") }
            let c = try required(params.c, "c")
            guard (1...maxPBKDF2Rounds).contains(c) else {
                throw .unsupported("crypto.kdf.params.c is \(c); expected 1 to \(maxPBKDF2Rounds)")
            }
            do {
                // The unchecked variant: the checked one refuses fewer than 210,000 rounds, but the
                // cost was chosen by whoever wrote the keystore; reading it is not our call.
                derived = try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256,
                                                            outputByteCount: 32, unsafeUncheckedRounds: c)
            } catch {
                throw .unsupported("PBKDF2 failed with c = \(c): \(error)")
            }
        default:
            throw .unsupported("crypto.kdf.function \"\(kdf.function)\"; expected \"scrypt\" or \"pbkdf2\"")
        }
        return derived.withUnsafeBytes { Array($0) }
    }

    /// The password check: SHA-256(decryption key[16..<32] ‖ ciphertext).
    private static func checksum(_ decryptionKey: [UInt8], _ ciphertext: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: Array(decryptionKey[16..<32]) + ciphertext))
    }

    /// AES-128-CTR with the 16-byte IV as the initial counter block (encryption = decryption).
    private static func aes128CTR(key: [UInt8], iv: [UInt8], _ input: [UInt8]) throws(Failure) -> [UInt8] {
        do {
            let nonce = try AES._CTR.Nonce(nonceBytes: iv)
            let output = try AES._CTR.encrypt(input, using: SymmetricKey(data: key), nonce: nonce)
            return Array(output)
        } catch {
            throw .corrupt("aes-128-ctr failed: \(error)")  // unreachable: key and IV lengths are checked
        }
    }

    // MARK: - The JSON document

    private struct Document: Codable {
        var crypto: Section
        var description: String?
        var pubkey: String?
        var path: String?
        var uuid: String?
        var version: Int
    }

    private struct Section: Codable {
        var kdf: Module<KDFParams>
        var checksum: Module<NoParams>
        var cipher: Module<CipherParams>
    }

    /// An EIP-2335 module: a function, its parameters, and its message (hex; empty for the kdf).
    private struct Module<Params: Codable>: Codable {
        var function: String
        var params: Params
        var message: String
    }

    /// The union of scrypt's and PBKDF2's parameters; `derive` checks which are required.
    /// Optional fields are left out when encoding.
    private struct KDFParams: Codable {
        var dklen: Int?
        var n: Int?
        var r: Int?
        var p: Int?
        var c: Int?
        var prf: String?
        var salt: String?
    }

    private struct CipherParams: Codable {
        var iv: String?
    }

    /// `{}`: the checksum's parameters (any object is accepted when reading).
    private struct NoParams: Codable {
        init() {}
        init(from decoder: any Decoder) throws { _ = try decoder.container(keyedBy: AnyKey.self) }
        func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: AnyKey.self) }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { return nil }
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(Failure) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .notAKeystore(reason(error))
        }
    }

    /// A decoding error in a sentence: the field's path and what is wrong with it.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "" : "\(path): "
        }
        switch error {
        case let .keyNotFound(key, context): return "\(at(context))missing \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "\(at(context))\(context.debugDescription)"
        case let .dataCorrupted(context): return context.codingPath.isEmpty ? "not valid JSON" : "\(at(context))\(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    // MARK: - Bytes

    /// Decodes a hex field (either case, no prefix, as the EIP writes them), optionally of a fixed length.
    private static func bytes(_ text: String, field: String, count: Int? = nil) throws(Failure) -> [UInt8] {
        let out: [UInt8]
        do { out = try Hex.decode(text) } catch { throw .corrupt("\(field) is not hex (\(error))") }
        if let count, out.count != count { throw .corrupt("\(field) is \(out.count) bytes; expected \(count)") }
        return out
    }

    private static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
    }
}
