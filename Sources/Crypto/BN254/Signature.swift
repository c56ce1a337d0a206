/// A BN254 BLS signature in G1 (eigensdk's `Signature`, Zellular's `signature` strings): a point
/// of G1 other than the identity.
public struct Signature: Sendable, Hashable {
    public let point: G1Affine

    @inlinable
    init(unchecked point: G1Affine) {
        self.point = point
    }

    /// Wraps a G1 point; rejects the identity (eigensdk accepts σ = 0 with pk = 0).
    public init(_ point: G1Affine) throws(DecodingFailure) {
        guard !point.isIdentity else { throw .unexpectedIdentity }
        self.point = point
    }

    /// mcl text `"1 x y"` (strict; see ``G1Affine/init(mclString:)``); `"0"` is `.identity`.
    public init(mclString text: some StringProtocol) throws(DecodingFailure) {
        try self.init(G1Affine(mclString: text))
    }

    /// `"1 x y"`, as eigensdk's `getStr()` prints it.
    public var mclString: String { point.mclString }

    /// Σ signatures (the sequencer's aggregate), or `nil` when the sum is the identity.
    public static func aggregate(_ signatures: some Sequence<Signature>) -> Signature? {
        var sum: G1Projective = .identity
        for signature in signatures { sum += G1Projective(signature.point) }
        return sum.isIdentity ? nil : Signature(unchecked: sum.affine)
    }
}
