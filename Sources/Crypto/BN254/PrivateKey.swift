import HexCodec

/// A BN254 BLS secret key in the eigensdk scheme: an integer sk with 1 ≤ sk < r.
///
/// Signing is constant time in the key (fixed-window multiplication with complete formulas);
/// hashing the message to G1 is variable time in the (public) message. Parsing a key from text
/// is variable time; ``description`` never reveals the key.
public struct PrivateKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret scalar, never zero.
    public let scalar: Scalar

    /// Wraps a scalar; rejects zero.
    public init(scalar: Scalar) throws(DecodingFailure) {
        guard !scalar.isZero else { throw .invalidSecretKey }
        self.scalar = scalar
    }

    /// A fresh random key from the system's cryptographically secure generator.
    public init() {
        var generator: SystemRandomNumberGenerator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    /// A random key from `generator` (uniform in [1, r)).
    public init<G: RandomNumberGenerator>(using generator: inout G) {
        var candidate: Scalar = .random(using: &generator)
        while candidate.isZero { candidate = .random(using: &generator) }
        scalar = candidate
    }

    /// Exactly 32 big-endian bytes with value in [1, r).
    public init(bigEndian bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard let limbs = limbsFromBigEndian(bytes) else { throw .badEncoding }
        guard let value = Scalar(canonical: limbs) else { throw .invalidSecretKey }
        try self.init(scalar: value)
    }

    /// Hex text as eigensdk's `KeyPair.from_string(text, base=16)` takes it: an optional
    /// lower-case `0x` prefix, 1–64 hex digits (no zero padding needed). Unlike eigensdk, a value
    /// ≥ r is rejected (`.invalidSecretKey`) instead of being silently mangled (see the landing doc, `BN254.docc/BN254.md`).
    public init(hexString text: some StringProtocol) throws(DecodingFailure) {
        var digits: Substring = Substring(text)
        if digits.hasPrefix("0x") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.utf8.count <= 64 else { throw .badEncoding }
        let padded: String = String(repeating: "0", count: 64 - digits.utf8.count) + digits
        guard let bytes = try? Hex.decode(padded) else { throw .badEncoding }
        try self.init(bigEndian: bytes)
    }

    /// Canonical decimal text of a value in [1, r).
    public init(decimal text: some StringProtocol) throws(DecodingFailure) {
        guard let limbs = limbsFromDecimal(text) else { throw .badEncoding }
        guard let value = Scalar(canonical: limbs) else { throw .invalidSecretKey }
        try self.init(scalar: value)
    }

    /// 64 lower-case hex digits, zero padded (``Hex/encode(_:)-(Sequence)`` computes each digit
    /// arithmetically, with no table lookup indexed by secret nibbles).
    public var hexString: String { Hex.encode(scalar.bigEndianBytes) }

    /// Redacted, so that logging a key does not leak it.
    public var description: String { "PrivateKey(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// pk2 = sk·G2, the key Zellular verifies against.
    public var publicKey: PublicKey {
        PublicKey(unchecked: (G2Projective.generator * scalar).affine)
    }

    /// pk1 = sk·G1, the key EigenLayer registration uses.
    public var publicKeyG1: G1Affine {
        (G1Projective.generator * scalar).affine
    }

    /// σ = sk·H(message) with eigensdk's try-and-increment ``G1Affine/hashToCurve(_:)``.
    /// Zellular signs the 32 ASCII bytes of an xxh128 hex digest.
    public func signature(for message: some Collection<UInt8>) -> Signature {
        signature(forHashedMessage: G1Affine.hashToCurve(message))
    }

    /// σ = sk·h for an already hashed message point.
    public func signature(forHashedMessage h: G1Affine) -> Signature {
        Signature(unchecked: (G1Projective(h) * scalar).affine)
    }
}
