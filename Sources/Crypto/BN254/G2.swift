/// A point of G2, the order-r subgroup of the sextic D-type twist E′(𝔽ₚ²): y² = x³ + b′,
/// b′ = 3/ξ = 3/(9 + u), in affine coordinates. Unlike G1, E′(𝔽ₚ²) has a large cofactor
/// (2p − r), so decoders must check subgroup membership (``isInSubgroup``).
@frozen
public struct G2Affine: Sendable, Hashable {
    public let x: Fp2
    public let y: Fp2
    public let isIdentity: Bool

    @inlinable
    init(uncheckedX x: Fp2, y: Fp2, isIdentity: Bool = false) {
        self.x = x
        self.y = y
        self.isIdentity = isIdentity
    }

    public static let identity: G2Affine = G2Affine(uncheckedX: .zero, y: .zero, isIdentity: true)

    /// The generator used by EIP-197, py_ecc and mcl's BN_SNARK1 (`bn254-eigen-bls.md` §1),
    /// Montgomery form (`scripts/bn254/constants.py`).
    public static let generator: G2Affine = G2Affine(
        uncheckedX: Fp2(
            c0: Fp(montgomery: (0x8e83_b5d1_02bc_2026, 0xdceb_1935_497b_0172, 0xfbb8_2647_9781_1adf, 0x1957_3841_af96_503b)),
            c1: Fp(montgomery: (0xafb4_737d_a84c_6140, 0x6043_dd5a_5802_d8c4, 0x09e9_50fc_52a0_2f86, 0x14fe_f083_3aea_7b6b))),
        y: Fp2(
            c0: Fp(montgomery: (0x619d_fa9d_886b_e9f6, 0xfe7f_d297_f59e_9b78, 0xff9e_1a62_231b_7dfe, 0x28fd_7eeb_ae9e_4206)),
            c1: Fp(montgomery: (0x6409_5b56_c718_56ee, 0xdc57_f922_327d_3cbb, 0x55f9_35be_3335_1076, 0x0da4_a0e6_93fd_6482))))

    /// b′ = 3/(9 + u) = 19485874751759354771024239261021720505790618469301721065564631296452457478373
    /// + 266929791119991161246907387137283842545076965332900288569378510910307636690·u
    /// (Montgomery form; `scripts/bn254/constants.py`).
    @usableFromInline
    static let b: Fp2 = Fp2(
        c0: Fp(montgomery: (0x3bf9_38e3_77b8_02a8, 0x020b_1b27_3633_535d, 0x26b7_edf0_4975_5260, 0x2514_c632_4384_a86d)),
        c1: Fp(montgomery: (0x38e7_eccc_d1dc_ff67, 0x65f0_b37d_93ce_0d3e, 0xd749_d0dd_22ac_00aa, 0x0141_b9ce_4a68_8d4d)))

    /// 3b′, the constant of the complete formulas (Montgomery form).
    @usableFromInline
    static let b3: Fp2 = Fp2(
        c0: Fp(montgomery: (0x3baa_927c_b62e_0d6a, 0xd71e_7c52_d1b6_64fd, 0x0387_3e63_d95d_4664, 0x0e75_b5b1_082a_b8f4)),
        c1: Fp(montgomery: (0xaab7_c666_7596_fe35, 0x31d2_1a78_bb6a_27ba, 0x85dd_7297_6804_01ff, 0x03c5_2d6a_df39_a7e9)))

    /// A finite point of G2 from coordinates: must be on the twist and in the order-r subgroup.
    public init(x: Fp2, y: Fp2) throws(DecodingFailure) {
        let point: G2Affine = G2Affine(uncheckedX: x, y: y)
        guard point.isOnCurve else { throw .notOnCurve }
        guard point.isInSubgroup else { throw .notInSubgroup }
        self = point
    }

    /// y² = x³ + b′ (the identity counts as on the curve).
    public var isOnCurve: Bool {
        isIdentity || y.squared() == x.squared() * x + G2Affine.b
    }

    /// Membership of an on-curve point in the order-r subgroup, by Scott's endomorphism test
    /// (M. Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
    /// curves", eprint 2021/1130, and its BN case used in eprint 2022/348):
    /// Q ∈ G2 ⟺ [u+1]Q + ψ([u]Q) + ψ²([u]Q) = ψ³([2u]Q), valid for BN curves whose seed
    /// satisfies u ≢ 4 (mod 13) and u ≢ 92 (mod 97) — true for BN254's u. One 63-bit
    /// multiplication instead of a 254-bit one; cross-checked against r·Q = O in the tests.
    /// Variable time (points are public).
    public var isInSubgroup: Bool {
        if isIdentity { return true }
        let q: G2Projective = G2Projective(self)
        let uQ: G2Projective = q.multipliedVariableTime(byInteger: (Fp12.bnU, 0, 0, 0))
        let psiUQ: G2Projective = uQ.psi()
        let lhs: G2Projective = uQ + q + psiUQ + psiUQ.psi()
        let rhs: G2Projective = uQ.doubled().psi().psi().psi()
        return lhs == rhs
    }

    /// r·Q = O by a full multiplication by r: the definition, kept as the reference for
    /// ``isInSubgroup`` in the tests.
    public var isInSubgroupByOrder: Bool {
        G2Projective(self).multipliedVariableTime(byInteger: Scalar.modulus).isIdentity
    }

    public static prefix func - (p: G2Affine) -> G2Affine {
        p.isIdentity ? p : G2Affine(uncheckedX: p.x, y: -p.y)
    }

    @inlinable
    public var projective: G2Projective { G2Projective(self) }
}

/// A point of G2 in homogeneous projective coordinates over 𝔽ₚ².
@frozen
public struct G2Projective: Sendable {
    @usableFromInline
    var c: ProjectiveCoordinates<Fp2>

    @inlinable
    init(coordinates: ProjectiveCoordinates<Fp2>) {
        c = coordinates
    }

    public static let identity: G2Projective = G2Projective(coordinates: (.zero, .one, .zero))
    public static let generator: G2Projective = G2Projective(G2Affine.generator)

    @inlinable
    public init(_ p: G2Affine) {
        c = p.isIdentity ? (.zero, .one, .zero) : (p.x, p.y, .one)
    }

    @inlinable
    public var isIdentity: Bool { c.z.isZero }

    public var affine: G2Affine {
        if c.z.isZero { return .identity }
        let zInverse: Fp2 = c.z.inverse()
        return G2Affine(uncheckedX: c.x * zInverse, y: c.y * zInverse)
    }

    @inlinable
    public static func + (a: G2Projective, b: G2Projective) -> G2Projective {
        G2Projective(coordinates: completeAdd(a.c, b.c, on: G2Projective.self))
    }

    @inlinable
    public static prefix func - (a: G2Projective) -> G2Projective {
        G2Projective(coordinates: (a.c.x, -a.c.y, a.c.z))
    }

    @inlinable
    public static func - (a: G2Projective, b: G2Projective) -> G2Projective { a + (-b) }

    @inlinable
    public static func += (a: inout G2Projective, b: G2Projective) { a = a + b }

    @inlinable
    public func doubled() -> G2Projective {
        G2Projective(coordinates: completeDouble(c, on: G2Projective.self))
    }

    /// k·Q, constant time in k and Q.
    @inlinable
    public static func * (p: G2Projective, k: Scalar) -> G2Projective {
        G2Projective(coordinates: constantTimeMultiply(p.c, by: k.canonical, on: G2Projective.self))
    }

    /// ψ = twist⁻¹ ∘ Frobenius ∘ twist (Galbraith–Scott, eprint 2008/117):
    /// (X : Y : Z) ↦ (X̄·γ₁,₂ : Ȳ·γ₁,₃ : Z̄), with γ₁,₂ = ξ^((p−1)/3), γ₁,₃ = ξ^((p−1)/2).
    /// On G2 it acts as multiplication by p.
    @inlinable
    func psi() -> G2Projective {
        G2Projective(coordinates: (
            c.x.conjugate() * Fp12.gamma12, c.y.conjugate() * Fp12.gamma13, c.z.conjugate()
        ))
    }

    /// k·Q for a public 256-bit integer k (variable time).
    public func multipliedVariableTime(byInteger k: Limbs) -> G2Projective {
        G2Projective(coordinates: variableTimeMultiply(c, by: k, on: G2Projective.self))
    }
}

extension G2Projective: Equatable {
    @inlinable
    public static func == (a: G2Projective, b: G2Projective) -> Bool { projectiveEqual(a.c, b.c) }
}

extension G2Projective: ShortWeierstrassCurve {
    @usableFromInline typealias Field = Fp2

    /// 3b·t, the one curve constant of the complete formulas.
    @inlinable @inline(__always)
    static func mulByB3(_ t: Fp2) -> Fp2 { G2Affine.b3 * t }
}
