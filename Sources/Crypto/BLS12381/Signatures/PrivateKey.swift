// PrivateKey.swift — a BLS secret key (draft-irtf-cfrg-bls-signature-05 §2.3, §2.6, §3.3.2).

import HexCodec

/// A secret key: a scalar 1 ≤ sk < r. Signing and PoP generation are constant time in the key.
public struct PrivateKey: Sendable {
    let scalar: Scalar

    init(scalar: Scalar) throws(DecodingFailure) {
        guard !scalar.isZero else { throw .invalidSecretKey }
        self.scalar = scalar
    }

    /// Decodes 32 big-endian bytes; rejects 0 and values ≥ r (blspy accepts 0; we do not, since it
    /// yields the identity public key).
    public init(rawRepresentation bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard bytes.count == 32 else { throw .badEncoding }
        guard let s = Scalar(bigEndianBytes: bytes) else { throw .invalidSecretKey }
        try self.init(scalar: s)
    }

    /// Decodes 64 hex digits (either case, optional `0x`).
    public init(hexString: String) throws(DecodingFailure) {
        guard let bytes = try? Hex.decode(hexString, allowingPrefix: true) else { throw .badEncoding }
        try self.init(rawRepresentation: bytes)
    }

    /// A fresh key from the system's secure random generator (IETF KeyGen over a 32-byte seed).
    public init() {
        var rng = SystemRandomNumberGenerator()
        var seed = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 { seed[i] = UInt8.random(in: 0...255, using: &rng) }
        self = try! PrivateKey(keyGenSeed: seed)
    }

    /// 32 big-endian bytes.
    public var rawRepresentation: [UInt8] { scalar.bigEndianBytes }
    /// Lower-case hex of ``rawRepresentation``.
    public var hexString: String { Hex.encode(rawRepresentation) }

    /// SkToPk: sk·G1.
    public var publicKey: PublicKey { PublicKey(unchecked: G1Affine(G1Projective.generator * scalar)) }

    /// Sign(SK, message) of the POP ciphersuite: sk·hash_to_G2(message, DST_SIG).
    public func signature(for message: some Sequence<UInt8>) -> Signature {
        let h = G2Projective.hash(message, dst: PopScheme.signatureDST)
        return Signature(unchecked: G2Affine(h.multipliedGLS(by: scalar)))
    }

    /// PopProve(SK) (§3.3.2): sk·hash_to_G2(compressed pk, DST_POP).
    public func proofOfPossession() -> Signature {
        let h = G2Projective.hash(publicKey.compressedRepresentation, dst: PopScheme.popDST)
        return Signature(unchecked: G2Affine(h.multipliedGLS(by: scalar)))
    }
}

/// A secret key never prints itself: not in `print`, string interpolation, `dump` or a debugger.
extension PrivateKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "PrivateKey(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
