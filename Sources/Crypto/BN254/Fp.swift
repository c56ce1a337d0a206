/// An element of the BN254 base field 𝔽ₚ,
/// p = 21888242871839275222246405745257275088696311157297823662689037894645226208583.
///
/// Stored in Montgomery form `a·R mod p` with R = 2²⁵⁶, as four little-endian 64-bit limbs.
/// Arithmetic is straight-line and branch-free (constant time); conversions from text and bytes
/// are variable time (they handle public data).
@frozen
public struct Fp: Sendable {
    /// Montgomery representation `a·2²⁵⁶ mod p`, limbs little-endian.
    @usableFromInline
    var m: Limbs

    /// Wraps limbs that are already in Montgomery form (constants from `scripts/bn254/constants.py`).
    @inlinable
    init(montgomery limbs: Limbs) {
        m = limbs
    }

    /// p, the field modulus (`scripts/bn254/constants.py`; equals 36u⁴ + 36u³ + 24u² + 6u + 1 for the
    /// BN parameter u = 4965661367192848881).
    @usableFromInline
    static let modulus: Limbs = (
        0x3c20_8c16_d87c_fd47, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029
    )

    /// −p⁻¹ mod 2⁶⁴ (Montgomery reduction constant).
    @usableFromInline
    static let inv: UInt64 = 0x87d2_0782_e486_6389

    /// R² = 2⁵¹² mod p, used to enter Montgomery form.
    @usableFromInline
    static let r2: Limbs = (
        0xf32c_fc5b_538a_fa89, 0xb5e7_1911_d445_01fb, 0x47ab_1eff_0a41_7ff6, 0x06d8_9f71_cab8_351f
    )

    /// p − 2, the Fermat inversion exponent.
    @usableFromInline
    static let pMinus2: Limbs = (
        0x3c20_8c16_d87c_fd45, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029
    )

    /// (p + 1)/4, the square-root exponent (p ≡ 3 mod 4); eigensdk hard-codes the same value.
    @usableFromInline
    static let sqrtExponent: Limbs = (
        0x4f08_2305_b61f_3f52, 0x65e0_5aa4_5a1c_72a3, 0x6e14_116d_a060_5617, 0x0c19_139c_b84c_680a
    )

    public static let zero: Fp = Fp(montgomery: (0, 0, 0, 0))

    /// 1 in Montgomery form: R mod p.
    public static let one: Fp = Fp(montgomery: (
        0xd35d_438d_c58f_0d9d, 0x0a78_eb28_f5c7_0b3d, 0x666e_a36f_7879_462c, 0x0e0a_77c1_9a07_df2f
    ))

    /// The element with canonical value `limbs`, or `nil` when `limbs ≥ p`.
    @inlinable
    public init?(canonical limbs: Limbs) {
        guard lessThan(limbs, Fp.modulus) else { return nil }
        m = montgomeryMultiply(limbs, Fp.r2, modulus: Fp.modulus, inv: Fp.inv)
    }

    /// A small integer (< 2⁶⁴ < p).
    @inlinable
    public init(_ value: UInt64) {
        m = montgomeryMultiply((value, 0, 0, 0), Fp.r2, modulus: Fp.modulus, inv: Fp.inv)
    }

    /// The canonical integer in [0, p), little-endian limbs.
    @inlinable
    public var canonical: Limbs {
        montgomeryMultiply(m, (1, 0, 0, 0), modulus: Fp.modulus, inv: Fp.inv)
    }

    @inlinable
    public var isZero: Bool { limbsAreZero(m) }

    @inlinable
    public static func + (a: Fp, b: Fp) -> Fp {
        Fp(montgomery: addMod(a.m, b.m, modulus))
    }

    @inlinable
    public static func - (a: Fp, b: Fp) -> Fp {
        Fp(montgomery: subMod(a.m, b.m, modulus))
    }

    @inlinable
    public static prefix func - (a: Fp) -> Fp {
        Fp(montgomery: subMod((0, 0, 0, 0), a.m, modulus))
    }

    @inlinable
    public static func * (a: Fp, b: Fp) -> Fp {
        Fp(montgomery: montgomeryMultiply(a.m, b.m, modulus: modulus, inv: inv))
    }

    @inlinable
    public static func += (a: inout Fp, b: Fp) { a = a + b }
    @inlinable
    public static func -= (a: inout Fp, b: Fp) { a = a - b }
    @inlinable
    public static func *= (a: inout Fp, b: Fp) { a = a * b }

    @inlinable
    public func squared() -> Fp { self * self }

    @inlinable
    public func doubled() -> Fp { self + self }

    /// a/2: add p when odd (branch-free), then shift right by one bit.
    @inlinable
    public func halved() -> Fp {
        let mask: UInt64 = 0 &- (m.0 & 1)
        let s: Limbs = add256(
            m, (Fp.modulus.0 & mask, Fp.modulus.1 & mask, Fp.modulus.2 & mask, Fp.modulus.3 & mask))
        return Fp(montgomery: (
            s.0 >> 1 | s.1 << 63, s.1 >> 1 | s.2 << 63, s.2 >> 1 | s.3 << 63, s.3 >> 1
        ))
    }

    /// `self^e` by left-to-right square-and-multiply over all 256 bits of `e`. The sequence of
    /// operations depends only on `e`, never on `self`.
    @inlinable
    public func pow(_ e: Limbs) -> Fp {
        var result: Fp = .one
        var i: Int = 255
        while i >= 0 {
            result = result.squared()
            if bit(e, i) == 1 { result = result * self }
            i -= 1
        }
        return result
    }

    /// a⁻¹ = a^(p−2) (Fermat); zero maps to zero. Constant time.
    @inlinable
    public func inverse() -> Fp { pow(Fp.pMinus2) }

    /// The square root `a^((p+1)/4)` if `a` is a square, else `nil`. Returns exactly that power
    /// (no choice of sign), which is what eigensdk's hash to G1 relies on.
    @inlinable
    public func sqrt() -> Fp? {
        let candidate: Fp = pow(Fp.sqrtExponent)
        return candidate.squared() == self ? candidate : nil
    }

    /// `a` when `choice` is zero, `b` when it is all ones (any other mask is a caller error).
    /// Constant time: the mask passes through `constantTimeBarrier` first, so the optimiser cannot
    /// know it is 0 or all ones and turn the select into a branch (as in `BLS12381.Fp.select`).
    @inlinable @inline(__always)
    public static func select(_ a: Fp, _ b: Fp, _ choice: UInt64) -> Fp {
        let choice = choice ^ constantTimeBarrier
        return Fp(montgomery: (
            (a.m.0 & ~choice) | (b.m.0 & choice), (a.m.1 & ~choice) | (b.m.1 & choice),
            (a.m.2 & ~choice) | (b.m.2 & choice), (a.m.3 & ~choice) | (b.m.3 & choice)
        ))
    }
}

/// Always zero, but a public variable any module could change: the optimiser cannot know it, so a
/// mask XORed with it is not known to be 0 or all ones and is not turned back into a branch.
@usableFromInline nonisolated(unsafe) var constantTimeBarrier: UInt64 = 0

extension Fp: Equatable, Hashable {
    @inlinable
    public static func == (a: Fp, b: Fp) -> Bool { limbsEqual(a.m, b.m) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(m.0)
        hasher.combine(m.1)
        hasher.combine(m.2)
        hasher.combine(m.3)
    }
}

// MARK: - Encodings of canonical values (variable time; public data)

extension Fp: CustomStringConvertible {
    /// Exactly 32 big-endian bytes of a canonical value; `nil` if the length is wrong or the
    /// value is ≥ p.
    public init?(bigEndian bytes: some Collection<UInt8>) {
        guard let limbs = limbsFromBigEndian(bytes) else { return nil }
        self.init(canonical: limbs)
    }

    /// 32 big-endian bytes of the canonical value.
    public var bigEndianBytes: [UInt8] { BN254.bigEndianBytes(canonical) }

    /// Canonical decimal (digits only, no leading zeros, < p); `nil` otherwise.
    public init?(decimal text: some StringProtocol) {
        guard let limbs = limbsFromDecimal(text) else { return nil }
        self.init(canonical: limbs)
    }

    /// Canonical decimal text, as mcl's `getStr(10)` prints a coordinate.
    public var decimal: String { decimalString(canonical) }

    public var description: String { decimal }

    /// OS2IP(bytes) mod p for a big-endian byte string of any length (the empty string is 0).
    /// Horner's rule over 64-bit chunks: acc ← acc·2⁶⁴ + chunk.
    public static func reducing(bigEndian bytes: some Collection<UInt8>) -> Fp {
        let twoTo64: Fp = Fp(canonical: (0, 1, 0, 0))!
        let array: [UInt8] = Array(bytes)
        var acc: Fp = .zero
        var index: Int = 0
        let head: Int = array.count % 8
        if head > 0 {
            var word: UInt64 = 0
            for byte in array[0..<head] { word = word << 8 | UInt64(byte) }
            acc = Fp(word)
            index = head
        }
        while index < array.count {
            var word: UInt64 = 0
            for byte in array[index..<(index + 8)] { word = word << 8 | UInt64(byte) }
            acc = acc * twoTo64 + Fp(word)
            index += 8
        }
        return acc
    }
}
