// KeystoreTests.swift — EIP-2335 keystores: the EIP's vectors, password processing, round trips,
// and refusal (never a crash) of wrong passwords, tampering and malformed files.

import ArgusTestSupport
import BLS12381
import Foundation
import Testing
@testable import ArgusProof

@Suite struct KeystoreTests {
    // MARK: - Vectors

    /// The password and secret of both EIP-2335 test vectors ("Test Cases" of
    /// https://eips.ethereum.org/EIPS/eip-2335, now ERCS/erc-2335.md in github.com/ethereum/ERCs).
    static let eipPassword = "𝔱𝔢𝔰𝔱𝔭𝔞𝔰𝔰𝔴𝔬𝔯𝔡🔑"
    static let eipEncodedPassword = "7465737470617373776f7264f09f9491"
    static let eipSecret = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"
    static let eipPublicKey = "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07"

    /// EIP-2335 "Scrypt Test Vector", verbatim.
    static let eipScrypt = """
        {
            "crypto": {
                "kdf": {
                    "function": "scrypt",
                    "params": {
                        "dklen": 32,
                        "n": 262144,
                        "p": 1,
                        "r": 8,
                        "salt": "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"
                    },
                    "message": ""
                },
                "checksum": {
                    "function": "sha256",
                    "params": {},
                    "message": "d2217fe5f3e9a1e34581ef8a78f7c9928e436d36dacc5e846690a5581e8ea484"
                },
                "cipher": {
                    "function": "aes-128-ctr",
                    "params": {
                        "iv": "264daa3f303d7259501c93d997d84fe6"
                    },
                    "message": "06ae90d55fe0a6e9c5c3bc5b170827b2e5cce3929ed3f116c2811e6366dfe20f"
                }
            },
            "description": "This is a test keystore that uses scrypt to secure the secret.",
            "pubkey": "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07",
            "path": "m/12381/60/3141592653/589793238",
            "uuid": "1d85ae20-35c5-4611-98e8-aa14a633906f",
            "version": 4
        }
        """

    /// EIP-2335 "PBKDF2 Test Vector", verbatim.
    static let eipPBKDF2 = """
        {
            "crypto": {
                "kdf": {
                    "function": "pbkdf2",
                    "params": {
                        "dklen": 32,
                        "c": 262144,
                        "prf": "hmac-sha256",
                        "salt": "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"
                    },
                    "message": ""
                },
                "checksum": {
                    "function": "sha256",
                    "params": {},
                    "message": "8a9f5d9912ed7e75ea794bc5a89bca5f193721d30868ade6f73043c6ea6febf1"
                },
                "cipher": {
                    "function": "aes-128-ctr",
                    "params": {
                        "iv": "264daa3f303d7259501c93d997d84fe6"
                    },
                    "message": "cee03fde2af33149775b7223e7845e4fb2c8ae1792e5f99fe9ecf474cc8c16ad"
                }
            },
            "description": "This is a test keystore that uses PBKDF2 to secure the secret.",
            "pubkey": "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07",
            "path": "m/12381/60/0/0",
            "uuid": "64625def-3331-4eea-ab6f-782f3ed16a83",
            "version": 4
        }
        """

    /// Vectors made by an independent implementation (Python: hashlib's scrypt, PBKDF2 and SHA-256,
    /// a FIPS-197 AES-128 in decrypt_keystore.py, py_ecc for the pubkey; make_test_vectors.py), with
    /// cheap parameters (scrypt n = 1024, PBKDF2 c = 1000). `tricky` needs every step of the EIP's
    /// password processing: NUL, DEL, tab and NEL (C1) are dropped, "ö" decomposes, "ﬁ" and "𝔱"
    /// become "fi" and "t"; the processed password is "passwo\u{308}rd fit".
    static let tricky = "pass\u{0}w\u{F6}rd\u{7F} \u{FB01}\u{85}\u{1D531}\t"
    static let trickySecret = "2b1f0dcd2d2c5ae0e2e5b2d5a6b5f8b0b8e1f6d2c3a4b5c6d7e8f90a1b2c3d4e"
    /// PBKDF2 with c = 1000 (below swift-crypto's checked minimum of 210,000) and a pubkey from py_ecc.
    static let pythonPBKDF2 = #"{"crypto": {"checksum": {"function": "sha256", "message": "468017efdb1805537116001e1500fe2ebc74b57c514de524c280f5d88bd268d7", "params": {}}, "cipher": {"function": "aes-128-ctr", "message": "01b0eddb9ce0e7ac548b81bfb3631e32cd5f41b72523038edad6c96b9e24b4d5", "params": {"iv": "000102030405060708090a0b0c0d0e0f"}}, "kdf": {"function": "pbkdf2", "message": "", "params": {"c": 1000, "dklen": 32, "prf": "hmac-sha256", "salt": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"}}}, "path": "", "pubkey": "b73b44268f584c31bf7e5e26669bbf593b9a266b6e766232235a6a632e1643a77872450b822cd5e7eec0a23dcbe597b6", "uuid": "00000000-0000-4000-8000-000000000000", "version": 4}"#
    /// scrypt, no pubkey, and IV ff…ff, so the 128-bit counter wraps to 0 for the second block.
    static let pythonScryptNoPubkey = #"{"crypto": {"checksum": {"function": "sha256", "message": "953040b5af9e81b0772f51b17c47741495edb93f26a72e6deb38d9de2aa8ecb2", "params": {}}, "cipher": {"function": "aes-128-ctr", "message": "c96896435478b0765778aca198d30faf432b13e351e30cea86f63fc5635a6384", "params": {"iv": "ffffffffffffffffffffffffffffffff"}}, "kdf": {"function": "scrypt", "message": "", "params": {"dklen": 32, "n": 1024, "p": 1, "r": 8, "salt": "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"}}}, "path": "", "uuid": "00000000-0000-4000-8000-000000000000", "version": 4}"#
    /// Password "pw"; the secret is 0, which is not a BLS secret key.
    static let pythonZeroSecret = #"{"crypto": {"checksum": {"function": "sha256", "message": "ed08dc13cb3d67dba7b2a1f2ce2cd84b38cb382ffd34d9051b5e88382e532293", "params": {}}, "cipher": {"function": "aes-128-ctr", "message": "2b388a55c9c516ae5f5a473f92cc973468411e2f6fa17a96c4abd7dba30baa95", "params": {"iv": "000102030405060708090a0b0c0d0e0f"}}, "kdf": {"function": "scrypt", "message": "", "params": {"dklen": 32, "n": 1024, "p": 1, "r": 8, "salt": "02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021"}}}, "path": "", "uuid": "00000000-0000-4000-8000-000000000000", "version": 4}"#
    /// Password "pw"; the secret is the group order r, which is not a BLS secret key.
    static let pythonOrderSecret = #"{"crypto": {"checksum": {"function": "sha256", "message": "3d5dad8d16ef484fa965edc94efc258d4d5b30dc8c9b2efd2fd1ca67dd79ddea", "params": {}}, "cipher": {"function": "aes-128-ctr", "message": "cf8827163fe450cc616be8e9ed9ce3cfb2cbcccd4fe4fb8d807e0f143e2b58bb", "params": {"iv": "000102030405060708090a0b0c0d0e0f"}}, "kdf": {"function": "scrypt", "message": "", "params": {"dklen": 32, "n": 1024, "p": 1, "r": 8, "salt": "030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122"}}}, "path": "", "uuid": "00000000-0000-4000-8000-000000000000", "version": 4}"#

    // MARK: - Decrypting known keystores

    @Test(arguments: [KeystoreTests.eipScrypt, KeystoreTests.eipPBKDF2])
    func decryptsTheEIPVectors(json: String) throws {
        let key = try Keystore.decrypt(json: json, password: Self.eipPassword)
        #expect(key.hexString == Self.eipSecret)
        #expect(key.publicKey.hexString == Self.eipPublicKey)
        #expect(throws: Keystore.Failure.wrongPassword) { try Keystore.decrypt(json: json, password: "testpassword") }
        // The processed password is the same as the fraktur one's: NFKD maps 𝔱 to t.
        #expect(try Keystore.decrypt(json: json, password: "testpassword🔑").hexString == Self.eipSecret)
    }

    @Test func processesPasswordsAsTheEIPSays() {
        #expect(hexString(Keystore.passwordBytes(Self.eipPassword)) == Self.eipEncodedPassword)
        // C0, DEL and C1 control code points are removed; space is kept.
        #expect(Keystore.passwordBytes("a\u{0}b\u{1F}c\u{7F}d\u{80}e\u{9F}f g\r\n") == Array("abcdef g".utf8))
        // Removal follows NFKD, and works on code points, not bytes: é (U+00E9, whose UTF-8 is
        // c3 a9) decomposes to e + U+0301 (cc 81); U+00A0 (no-break space) becomes a space.
        #expect(hexString(Keystore.passwordBytes("\u{E9}\u{A0}\u{FB01}")) == "65cc81206669")
        #expect(hexString(Keystore.passwordBytes(Self.tricky)) == hexString(Array("passwo\u{308}rd fit".utf8)))
        #expect(Keystore.passwordBytes("").isEmpty)
        #expect(Keystore.passwordBytes("\u{0}\u{1}\u{9F}").isEmpty)
    }

    @Test func decryptsIndependentlyMadeKeystores() throws {
        let viaPBKDF2 = try Keystore.decrypt(json: Self.pythonPBKDF2, password: Self.tricky)
        #expect(viaPBKDF2.hexString == Self.trickySecret)
        #expect(viaPBKDF2.publicKey.hexString == "b73b44268f584c31bf7e5e26669bbf593b9a266b6e766232235a6a632e1643a77872450b822cd5e7eec0a23dcbe597b6")
        #expect(try Keystore.decrypt(json: Self.pythonScryptNoPubkey, password: Self.tricky).hexString == Self.trickySecret)
        // Any spelling with the same NFKD form and printable characters is the same password.
        #expect(try Keystore.decrypt(json: Self.pythonScryptNoPubkey, password: "passwo\u{308}rd fit").hexString == Self.trickySecret)
        #expect(throws: Keystore.Failure.wrongPassword) { try Keystore.decrypt(json: Self.pythonScryptNoPubkey, password: "password fit") }
        // The password is right, but the secret is not a key.
        for json in [Self.pythonZeroSecret, Self.pythonOrderSecret] {
            #expect(Self.failure(json, "pw")?.kind == .corrupt)
            #expect(Self.failure(json, "pw2") == .wrongPassword)
        }
    }

    // MARK: - Round trips

    @Test func roundTrips() throws {
        for password in ["", "correct horse battery staple", Self.eipPassword, Self.tricky] {
            let key = PrivateKey()
            let json = try Keystore.encrypt(key, password: password, description: "a test key", scryptN: 1024)
            #expect(try Keystore.decrypt(json: json, password: password).rawRepresentation == key.rawRepresentation)
            #expect(Self.failure(json, password + "x") == .wrongPassword)
        }
    }

    @Test func writesTheEIPLayout() throws {
        let key = PrivateKey()
        let json = try Keystore.encrypt(key, password: "pw", description: "node/1", scryptN: 1024)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 4)
        #expect(object["path"] as? String == "")
        #expect(object["pubkey"] as? String == key.publicKey.hexString)
        #expect(object["description"] as? String == "node/1")
        let uuid = try #require(object["uuid"] as? String)
        #expect(UUID(uuidString: uuid) != nil)
        #expect(uuid == uuid.lowercased())
        #expect(uuid.dropFirst(14).first == "4")  // version 4: random
        #expect(Self.value(object, "crypto", "kdf", "function") as? String == "scrypt")
        #expect(Self.value(object, "crypto", "kdf", "message") as? String == "")
        for (name, expected) in [("dklen", 32), ("n", 1024), ("r", 8), ("p", 1)] {
            #expect(Self.value(object, "crypto", "kdf", "params", name) as? Int == expected, "\(name)")
        }
        #expect((Self.value(object, "crypto", "kdf", "params", "salt") as? String)?.count == 64)
        #expect(Self.value(object, "crypto", "checksum", "function") as? String == "sha256")
        #expect((Self.value(object, "crypto", "checksum", "params") as? [String: Any])?.isEmpty == true)
        #expect((Self.value(object, "crypto", "checksum", "message") as? String)?.count == 64)
        #expect(Self.value(object, "crypto", "cipher", "function") as? String == "aes-128-ctr")
        #expect((Self.value(object, "crypto", "cipher", "params", "iv") as? String)?.count == 32)
        #expect((Self.value(object, "crypto", "cipher", "message") as? String)?.count == 64)
        // No description: the field is left out. Fresh salt, IV and uuid every time.
        let other = try Keystore.encrypt(key, password: "pw", scryptN: 1024)
        let otherObject = try #require(try JSONSerialization.jsonObject(with: Data(other.utf8)) as? [String: Any])
        #expect(otherObject["description"] == nil)
        for path in [["uuid"], ["crypto", "kdf", "params", "salt"], ["crypto", "cipher", "params", "iv"], ["crypto", "cipher", "message"]] {
            #expect(Self.value(object, path) as? String != Self.value(otherObject, path) as? String, "\(path)")
        }
    }

    @Test func refusesUnusableScryptCosts() {
        for n in [0, 1, 1000, -1024, 1 << 40] {
            #expect(throws: Keystore.Failure.self, "n = \(n)") { try Keystore.encrypt(PrivateKey(), password: "pw", scryptN: n) }
        }
    }

    // MARK: - Refusals

    /// A keystore for `baseKey` under password "pw", and what each edit of it must give.
    static let baseKey = PrivateKey()
    static let base: String = try! Keystore.encrypt(baseKey, password: "pw", description: "base", scryptN: 1024)

    @Test func refusesTamperingAndMalformedKeystores() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.base.utf8)) as? [String: Any])
        func string(_ path: String...) -> String { Self.value(object, path) as? String ?? "" }
        /// The hex text with its first digit changed.
        func flipped(_ hex: String) -> String { (hex.hasPrefix("0") ? "1" : "0") + String(hex.dropFirst()) }
        let salt = string("crypto", "kdf", "params", "salt")
        func pbkdf2(prf: String? = "hmac-sha256", c: Int = 1000) -> [String: Any] {
            var params: [String: Any] = ["dklen": 32, "c": c, "salt": salt]
            params["prf"] = prf
            return ["function": "pbkdf2", "message": "", "params": params]
        }
        /// Decrypts `base` with the value at `path` replaced (nil: removed) and checks the outcome.
        func check(_ label: String, _ path: [String], _ value: Any?, _ expected: Keystore.Failure.Kind,
                   in base: [String: Any]? = nil) throws {
            let changed = Self.setting(value, at: path, in: base ?? object)
            let json = String(decoding: try JSONSerialization.data(withJSONObject: changed), as: UTF8.self)
            let failure = Self.failure(json, "pw")
            #expect((failure?.kind ?? .decrypts) == expected, "\(label): \(String(describing: failure))")
            if let failure { #expect(!failure.description.isEmpty) }
        }
        try check("no pubkey", ["pubkey"], nil, .decrypts)
        try check("no path, uuid or description", ["path"], nil, .decrypts,
                  in: Self.setting(nil, at: ["uuid"], in: Self.setting(nil, at: ["description"], in: object)))
        try check("version 3", ["version"], 3, .unsupported)
        try check("version 5", ["version"], 5, .unsupported)
        try check("version as text", ["version"], "4", .notAKeystore)
        try check("no version", ["version"], nil, .notAKeystore)
        try check("no crypto", ["crypto"], nil, .notAKeystore)
        try check("crypto not an object", ["crypto"], "x", .notAKeystore)
        try check("no kdf", ["crypto", "kdf"], nil, .notAKeystore)
        try check("no checksum params", ["crypto", "checksum", "params"], nil, .notAKeystore)
        try check("no cipher message", ["crypto", "cipher", "message"], nil, .notAKeystore)
        try check("no iv", ["crypto", "cipher", "params", "iv"], nil, .notAKeystore)
        try check("null salt", ["crypto", "kdf", "params", "salt"], NSNull(), .notAKeystore)
        try check("no dklen", ["crypto", "kdf", "params", "dklen"], nil, .notAKeystore)
        try check("no n", ["crypto", "kdf", "params", "n"], nil, .notAKeystore)
        try check("n as text", ["crypto", "kdf", "params", "n"], "1024", .notAKeystore)
        try check("n as a fraction", ["crypto", "kdf", "params", "n"], 1024.5, .notAKeystore)
        try check("unknown kdf", ["crypto", "kdf", "function"], "argon2id", .unsupported)
        try check("unknown checksum", ["crypto", "checksum", "function"], "keccak256", .unsupported)
        try check("unknown cipher", ["crypto", "cipher", "function"], "aes-256-gcm", .unsupported)
        try check("dklen 16", ["crypto", "kdf", "params", "dklen"], 16, .unsupported)
        try check("n not a power of 2", ["crypto", "kdf", "params", "n"], 1000, .unsupported)
        try check("n = 1", ["crypto", "kdf", "params", "n"], 1, .unsupported)
        try check("negative n", ["crypto", "kdf", "params", "n"], -1024, .unsupported)
        try check("n = 2^62 (memory)", ["crypto", "kdf", "params", "n"], 1 << 62, .unsupported)
        try check("r = 0", ["crypto", "kdf", "params", "r"], 0, .unsupported)
        try check("negative r", ["crypto", "kdf", "params", "r"], -8, .unsupported)
        try check("p = 2^40 (memory)", ["crypto", "kdf", "params", "p"], 1 << 40, .unsupported)
        try check("pbkdf2 with hmac-sha512", ["crypto", "kdf"], pbkdf2(prf: "hmac-sha512"), .unsupported)
        try check("pbkdf2 c = 0", ["crypto", "kdf"], pbkdf2(c: 0), .unsupported)
        try check("pbkdf2 c = 2^40", ["crypto", "kdf"], pbkdf2(c: 1 << 40), .unsupported)
        try check("pbkdf2 without prf", ["crypto", "kdf"], pbkdf2(prf: nil), .notAKeystore)
        try check("pbkdf2 instead of scrypt", ["crypto", "kdf"], pbkdf2(), .wrongPassword)
        try check("odd-length salt", ["crypto", "kdf", "params", "salt"], "abc", .corrupt)
        try check("non-hex salt", ["crypto", "kdf", "params", "salt"], "zz", .corrupt)
        try check("non-hex iv", ["crypto", "cipher", "params", "iv"], String(repeating: "zz", count: 16), .corrupt)
        try check("short iv", ["crypto", "cipher", "params", "iv"], String(repeating: "00", count: 15), .corrupt)
        try check("0x-prefixed checksum", ["crypto", "checksum", "message"], "0x" + string("crypto", "checksum", "message"), .corrupt)
        try check("long cipher message", ["crypto", "cipher", "message"], string("crypto", "cipher", "message") + "00", .corrupt)
        try check("empty cipher message", ["crypto", "cipher", "message"], "", .corrupt)
        try check("another key's pubkey", ["pubkey"], PrivateKey().publicKey.hexString, .corrupt)
        try check("pubkey not hex", ["pubkey"], "xyz", .corrupt)
        try check("pubkey as a number", ["pubkey"], 5, .notAKeystore)
        try check("tampered cipher message", ["crypto", "cipher", "message"], flipped(string("crypto", "cipher", "message")), .wrongPassword)
        try check("tampered checksum", ["crypto", "checksum", "message"], flipped(string("crypto", "checksum", "message")), .wrongPassword)
        try check("tampered salt", ["crypto", "kdf", "params", "salt"], flipped(salt), .wrongPassword)
        try check("more scrypt rounds", ["crypto", "kdf", "params", "n"], 2048, .wrongPassword)
        // The IV is not covered by the checksum: a changed IV decrypts to another secret, which
        // is either not a key or not the key of `pubkey`.
        try check("tampered iv", ["crypto", "cipher", "params", "iv"], flipped(string("crypto", "cipher", "params", "iv")), .corrupt)
        #expect(Self.failure(Self.base, "pw") == nil)
    }

    @Test(arguments: [
        ("", Keystore.Failure.Kind.notAKeystore),
        ("hello", .notAKeystore),
        ("null", .notAKeystore),
        ("[]", .notAKeystore),
        ("{}", .notAKeystore),
        (#"{"version": 4}"#, .notAKeystore),
        (#"{"version": 4, "crypto": []}"#, .notAKeystore),
        (#"{"version": 1e400}"#, .notAKeystore),
        // Shaped like Ethereum's own keystores (Web3 Secret Storage, version 3): named as such, not "malformed".
        (#"{"version": 3, "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "crypto": {"cipher": "aes-128-ctr", "ciphertext": "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c", "cipherparams": {"iv": "83dbcc02d8ccb40e466191a123791e0e"}, "kdf": "scrypt", "kdfparams": {"dklen": 32, "n": 262144, "p": 8, "r": 1, "salt": "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"}, "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"}}"#, .unsupported),
    ])
    func refusesNonKeystores(text: String, expected: Keystore.Failure.Kind) {
        #expect(Self.failure(text, "pw")?.kind == expected)
    }

    @Test func describesFailuresByField() {
        let noMessage = Self.base.replacingOccurrences(of: #""message""#, with: #""note""#)
        #expect(Self.failure(noMessage, "pw")?.description.contains(#"missing "message""#) == true)
        #expect(Self.failure("{", "pw")?.description == "not an EIP-2335 keystore: not valid JSON")
        #expect(Self.failure(#"{"version": 3}"#, "pw")?.description.contains("version 3") == true)
        #expect(Keystore.Failure.wrongPassword.description.contains("password"))
    }

    /// Truncations and byte flips of a valid keystore: each is refused or (if the change is
    /// immaterial, e.g. in `description`) decrypts to the key; none traps.
    @Test func survivesRandomDamage() {
        var rng = SeededGenerator(seed: testSeed(fallback: 2335))
        let bytes = Array(Self.base.utf8)
        for round in 0..<150 {
            var damaged = bytes
            if round % 3 == 0 {
                damaged = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    damaged[Int.random(in: 0..<damaged.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            let text = String(decoding: damaged, as: UTF8.self)
            var decrypted: PrivateKey?
            do throws(Keystore.Failure) {
                decrypted = try Keystore.decrypt(json: text, password: "pw")
            } catch {
                #expect(!error.description.isEmpty)
            }
            if let decrypted { #expect(decrypted.rawRepresentation == Self.baseKey.rawRepresentation, "round \(round)") }
        }
    }

    // MARK: - Cross-check

    /// Keystores written here are read by an independent Python decryptor written from the EIP
    /// text (hashlib's scrypt and SHA-256, its own AES-128), including the password processing.
    @Test(.enabled(if: Python.canImport("hashlib"), "no Python"))
    func pythonReadsOurKeystores() throws {
        for password in ["pw", Self.eipPassword, Self.tricky, ""] {
            let key = PrivateKey()
            let json = try Keystore.encrypt(key, password: password, scryptN: 1024)
            let input = try JSONSerialization.data(withJSONObject: ["keystore": json, "password": password])
            let (status, output) = Python.run([Python.script("scripts/keystore/decrypt_keystore.py")], input: input)
            #expect(status == 0, "\(output)")
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == key.hexString)
        }
    }

    // MARK: - Helpers

    /// The failure `decrypt` reports, or nil if it succeeds.
    static func failure(_ json: String, _ password: String) -> Keystore.Failure? {
        do throws(Keystore.Failure) {
            _ = try Keystore.decrypt(json: json, password: password)
            return nil
        } catch {
            return error
        }
    }

    static func value(_ object: [String: Any], _ path: String...) -> Any? { value(object, path) }

    static func value(_ object: [String: Any], _ path: [String]) -> Any? {
        guard let key = path.first else { return object }
        if path.count == 1 { return object[key] }
        guard let inner = object[key] as? [String: Any] else { return nil }
        return value(inner, Array(path.dropFirst()))
    }

    /// `object` with the value at `path` replaced (nil removes it).
    static func setting(_ newValue: Any?, at path: [String], in object: [String: Any]) -> [String: Any] {
        guard let key = path.first else { return object }
        var object = object
        if path.count == 1 {
            object[key] = newValue
        } else {
            object[key] = setting(newValue, at: Array(path.dropFirst()), in: object[key] as? [String: Any] ?? [:])
        }
        return object
    }
}

extension Keystore.Failure {
    /// The case without its reason, for comparisons; `.decrypts` stands for success in tables.
    enum Kind: Sendable { case decrypts, notAKeystore, unsupported, wrongPassword, corrupt }

    var kind: Kind {
        switch self {
        case .notAKeystore: .notAKeystore
        case .unsupported: .unsupported
        case .wrongPassword: .wrongPassword
        case .corrupt: .corrupt
        }
    }
}
