/// A BN254 BLS public key in G2 (eigensdk's `G2Point`, Zellular's `pubkeyG2_X/Y`): a point of the
/// order-r subgroup other than the identity.
public struct PublicKey: Sendable, Hashable {
    public let point: G2Affine

    @inlinable
    init(unchecked point: G2Affine) {
        self.point = point
    }

    /// Wraps a validated G2 point (every public way to obtain a `G2Affine` checks curve and
    /// subgroup); rejects the identity, which eigensdk would accept (landing doc, `BN254.docc/BN254.md`).
    public init(_ point: G2Affine) throws(DecodingFailure) {
        guard !point.isIdentity else { throw .unexpectedIdentity }
        self.point = point
    }

    /// mcl text `"1 x_real x_imag y_real y_imag"` (strict; see ``G2Affine/init(mclString:)``).
    public init(mclString text: some StringProtocol) throws(DecodingFailure) {
        try self.init(G2Affine(mclString: text))
    }

    /// Zellular / EigenLayer lists `pubkeyG2_X = [x_imag, x_real]`, `pubkeyG2_Y = [y_imag, y_real]`
    /// as exact decimal digit strings.
    public init(pubkeyG2X: [String], pubkeyG2Y: [String]) throws(DecodingFailure) {
        try self.init(G2Affine(pubkeyG2X: pubkeyG2X, pubkeyG2Y: pubkeyG2Y))
    }

    public var mclString: String { point.mclString }
    public var pubkeyG2X: [String] { point.pubkeyG2X }
    public var pubkeyG2Y: [String] { point.pubkeyG2Y }

    /// eigensdk's `verify`: e(H(message), pk) == e(σ, G2), checked as the product
    /// e(H(message), pk)·e(−σ, G2) == 1 with one shared Miller loop. `message` is the signed
    /// byte string (for Zellular, the ASCII bytes of an xxh128 hex digest).
    public func isValidSignature(_ signature: Signature, for message: some Collection<UInt8>) -> Bool {
        isValidSignature(signature, forHashedMessage: G1Affine.hashToCurve(message))
    }

    /// Verification against an already hashed message point.
    public func isValidSignature(_ signature: Signature, forHashedMessage h: G1Affine) -> Bool {
        Pairing.productIsOne([(h, point), (-signature.point, G2Affine.generator)])
    }

    /// Σ keys, or `nil` when the sum is the identity (including an empty sequence). Used for
    /// same-message aggregation; without proofs of possession this is open to rogue-key attacks,
    /// so the key set must be vetted by whoever admits operators.
    public static func aggregate(_ keys: some Sequence<PublicKey>) -> PublicKey? {
        var sum: G2Projective = .identity
        for key in keys { sum += G2Projective(key.point) }
        return sum.isIdentity ? nil : PublicKey(unchecked: sum.affine)
    }

    /// self − Σ keys (Zellular: the aggregate of all staked operators minus the nonsigners), or
    /// `nil` when the result is the identity.
    public func subtracting(_ keys: some Sequence<PublicKey>) -> PublicKey? {
        var sum: G2Projective = G2Projective(point)
        for key in keys { sum = sum - G2Projective(key.point) }
        return sum.isIdentity ? nil : PublicKey(unchecked: sum.affine)
    }
}
