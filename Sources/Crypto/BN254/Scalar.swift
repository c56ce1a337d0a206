/// An integer modulo the BN254 group order
/// r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
/// (36u⁴ + 36u³ + 18u² + 6u + 1), the exponent ring of G1, G2 and Gt.
///
/// Stored in Montgomery form like ``Fp``; arithmetic is constant time.
@frozen
public struct Scalar: Sendable {
    @usableFromInline
    var m: Limbs

    @inlinable
    init(montgomery limbs: Limbs) {
        m = limbs
    }

    /// r, the prime order of G1, G2 and Gt (`scripts/bn254/constants.py`).
    public static let modulus: Limbs = (
        0x43e1_f593_f000_0001, 0x2833_e848_79b9_7091, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029
    )

    /// −r⁻¹ mod 2⁶⁴.
    @usableFromInline
    static let inv: UInt64 = 0xc2e1_f593_efff_ffff

    /// R² = 2⁵¹² mod r.
    @usableFromInline
    static let r2: Limbs = (
        0x1bb8_e645_ae21_6da7, 0x53fe_3ab1_e35c_59e3, 0x8c49_833d_53bb_8085, 0x0216_d0b1_7f4e_44a5
    )

    public static let zero: Scalar = Scalar(montgomery: (0, 0, 0, 0))

    /// 1 in Montgomery form: 2²⁵⁶ mod r.
    public static let one: Scalar = Scalar(montgomery: (
        0xac96_341c_4fff_fffb, 0x36fc_7695_9f60_cd29, 0x666e_a36f_7879_462e, 0x0e0a_77c1_9a07_df2f
    ))

    /// The scalar with canonical value `limbs`, or `nil` when `limbs ≥ r`.
    @inlinable
    public init?(canonical limbs: Limbs) {
        guard lessThan(limbs, Scalar.modulus) else { return nil }
        m = montgomeryMultiply(limbs, Scalar.r2, modulus: Scalar.modulus, inv: Scalar.inv)
    }

    @inlinable
    public init(_ value: UInt64) {
        m = montgomeryMultiply((value, 0, 0, 0), Scalar.r2, modulus: Scalar.modulus, inv: Scalar.inv)
    }

    /// (x · 2⁻²⁵⁶) mod r for any 256-bit `x`: one Montgomery reduction of the raw limbs. This is
    /// the key mcl ends up using when eigensdk feeds it a secret ≥ r (`bn254-eigen-bls.md` §2);
    /// provided only to reproduce that quirk, never to parse new keys.
    public init(mclUncheckedLimbs x: Limbs) {
        // Reduce x below r first (x < 2²⁵⁶ < 6r) so the Montgomery input precondition holds;
        // x and x mod r give the same residue x·R⁻¹.
        var reduced: Limbs = x
        while !lessThan(reduced, Scalar.modulus) { reduced = sub256(reduced, Scalar.modulus).0 }
        let value: Limbs = montgomeryMultiply(reduced, (1, 0, 0, 0), modulus: Scalar.modulus, inv: Scalar.inv)
        self.init(canonical: value)!
    }

    /// The canonical integer in [0, r).
    @inlinable
    public var canonical: Limbs {
        montgomeryMultiply(m, (1, 0, 0, 0), modulus: Scalar.modulus, inv: Scalar.inv)
    }

    @inlinable
    public var isZero: Bool { limbsAreZero(m) }

    @inlinable
    public static func + (a: Scalar, b: Scalar) -> Scalar { Scalar(montgomery: addMod(a.m, b.m, modulus)) }

    @inlinable
    public static func - (a: Scalar, b: Scalar) -> Scalar { Scalar(montgomery: subMod(a.m, b.m, modulus)) }

    @inlinable
    public static prefix func - (a: Scalar) -> Scalar { Scalar(montgomery: subMod((0, 0, 0, 0), a.m, modulus)) }

    @inlinable
    public static func * (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: montgomeryMultiply(a.m, b.m, modulus: modulus, inv: inv))
    }

    /// A uniformly random scalar in [0, r) by rejection sampling of 254-bit candidates.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> Scalar {
        while true {
            let limbs: Limbs = (
                generator.next(), generator.next(), generator.next(), generator.next() & 0x3fff_ffff_ffff_ffff
            )
            if let scalar = Scalar(canonical: limbs) { return scalar }
        }
    }
}

extension Scalar: Equatable, Hashable, CustomStringConvertible {
    @inlinable
    public static func == (a: Scalar, b: Scalar) -> Bool { limbsEqual(a.m, b.m) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(m.0)
        hasher.combine(m.1)
        hasher.combine(m.2)
        hasher.combine(m.3)
    }

    /// Exactly 32 big-endian bytes, value < r; otherwise `nil`.
    public init?(bigEndian bytes: some Collection<UInt8>) {
        guard let limbs = limbsFromBigEndian(bytes) else { return nil }
        self.init(canonical: limbs)
    }

    public var bigEndianBytes: [UInt8] { BN254.bigEndianBytes(canonical) }

    /// Canonical decimal text (< r, no leading zeros); otherwise `nil`.
    public init?(decimal text: some StringProtocol) {
        guard let limbs = limbsFromDecimal(text) else { return nil }
        self.init(canonical: limbs)
    }

    public var decimal: String { decimalString(canonical) }

    public var description: String { decimal }
}
