// Fixed-width 256-bit limb arithmetic shared by `Fp` and `Scalar`: multiply-accumulate, add and
// subtract with carry, Montgomery multiplication, and conversion of canonical 256-bit integers
// to and from big-endian bytes and decimal text. Limbs are little-endian (limb 0 least
// significant). Everything here is straight-line code over tuples: no arrays, no allocation.

/// Four little-endian 64-bit limbs of a 256-bit integer.
public typealias Limbs = (UInt64, UInt64, UInt64, UInt64)

/// `t + a·b + carry` as a 128-bit `(hi, lo)` pair (cannot overflow).
@inlinable @inline(__always)
func macc(_ t: UInt64, _ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (hi: UInt64, lo: UInt64) {
    let (high, low): (UInt64, UInt64) = a.multipliedFullWidth(by: b)
    let (s1, o1): (UInt64, Bool) = low.addingReportingOverflow(t)
    let (s2, o2): (UInt64, Bool) = s1.addingReportingOverflow(carry)
    return (high &+ UInt64(o1 ? 1 : 0) &+ UInt64(o2 ? 1 : 0), s2)
}

/// `a + b + carry` with the outgoing carry (0 or 1).
@inlinable @inline(__always)
func adc(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (s1, o1): (UInt64, Bool) = a.addingReportingOverflow(b)
    let (s2, o2): (UInt64, Bool) = s1.addingReportingOverflow(carry)
    return (s2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
}

/// `a - b - borrow` with the outgoing borrow (0 or 1).
@inlinable @inline(__always)
func sbb(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let (d1, o1): (UInt64, Bool) = a.subtractingReportingOverflow(b)
    let (d2, o2): (UInt64, Bool) = d1.subtractingReportingOverflow(borrow)
    return (d2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
}

/// `a + b` over 256 bits (callers guarantee no overflow: both operands are below 2^255).
@inlinable @inline(__always)
func add256(_ a: Limbs, _ b: Limbs) -> Limbs {
    let (r0, c0): (UInt64, UInt64) = adc(a.0, b.0, 0)
    let (r1, c1): (UInt64, UInt64) = adc(a.1, b.1, c0)
    let (r2, c2): (UInt64, UInt64) = adc(a.2, b.2, c1)
    let (r3, _): (UInt64, UInt64) = adc(a.3, b.3, c2)
    return (r0, r1, r2, r3)
}

/// `a - b` over 256 bits with the final borrow.
@inlinable @inline(__always)
func sub256(_ a: Limbs, _ b: Limbs) -> (Limbs, UInt64) {
    let (r0, b0): (UInt64, UInt64) = sbb(a.0, b.0, 0)
    let (r1, b1): (UInt64, UInt64) = sbb(a.1, b.1, b0)
    let (r2, b2): (UInt64, UInt64) = sbb(a.2, b.2, b1)
    let (r3, b3): (UInt64, UInt64) = sbb(a.3, b.3, b2)
    return ((r0, r1, r2, r3), b3)
}

/// `a - m` if `a >= m`, else `a`; constant time (mask select, no branch on the values).
@inlinable @inline(__always)
func subtractIfAtLeast(_ a: Limbs, _ m: Limbs) -> Limbs {
    let (d, borrow): (Limbs, UInt64) = sub256(a, m)
    let keep: UInt64 = 0 &- borrow  // all ones when a < m
    return (
        (a.0 & keep) | (d.0 & ~keep), (a.1 & keep) | (d.1 & ~keep),
        (a.2 & keep) | (d.2 & ~keep), (a.3 & keep) | (d.3 & ~keep)
    )
}

/// `a + b mod m` for `a, b < m < 2^255`.
@inlinable @inline(__always)
func addMod(_ a: Limbs, _ b: Limbs, _ m: Limbs) -> Limbs {
    subtractIfAtLeast(add256(a, b), m)
}

/// `a - b mod m` for `a, b < m`; constant time.
@inlinable @inline(__always)
func subMod(_ a: Limbs, _ b: Limbs, _ m: Limbs) -> Limbs {
    let (d, borrow): (Limbs, UInt64) = sub256(a, b)
    let mask: UInt64 = 0 &- borrow
    return add256(d, (m.0 & mask, m.1 & mask, m.2 & mask, m.3 & mask))
}

/// `a < b` for 256-bit integers (variable time; used on public values).
@inlinable
func lessThan(_ a: Limbs, _ b: Limbs) -> Bool {
    sub256(a, b).1 == 1
}

@inlinable @inline(__always)
func limbsEqual(_ a: Limbs, _ b: Limbs) -> Bool {
    ((a.0 ^ b.0) | (a.1 ^ b.1) | (a.2 ^ b.2) | (a.3 ^ b.3)) == 0
}

@inlinable @inline(__always)
func limbsAreZero(_ a: Limbs) -> Bool {
    (a.0 | a.1 | a.2 | a.3) == 0
}

/// Bit `i` (0 = least significant) of a 256-bit integer.
@inlinable @inline(__always)
func bit(_ a: Limbs, _ i: Int) -> UInt64 {
    let limb: UInt64
    switch i >> 6 {
    case 0: limb = a.0
    case 1: limb = a.1
    case 2: limb = a.2
    default: limb = a.3
    }
    return (limb >> UInt64(i & 63)) & 1
}

/// Montgomery product `a·b·2^-256 mod m` for a 4-limb modulus `m < 2^254`.
///
/// CIOS (Koç, Acar, Kaliski, "Analyzing and comparing Montgomery multiplication algorithms",
/// 1996) with the carry-word elision that is valid when the top limb of `m` is below
/// `(2^64 - 1)/2 - 1` (as for both BN254 moduli), followed by one conditional subtraction.
/// Straight-line and branch-free. Inputs must be `< m`; the output is `< m`.
@inlinable @inline(__always)
func montgomeryMultiply(
    _ a: (UInt64, UInt64, UInt64, UInt64), _ b: (UInt64, UInt64, UInt64, UInt64),
    modulus m: (UInt64, UInt64, UInt64, UInt64), inv: UInt64
) -> (UInt64, UInt64, UInt64, UInt64) {
    var t0: UInt64 = 0
    var t1: UInt64 = 0
    var t2: UInt64 = 0
    var t3: UInt64 = 0
    var A: UInt64
    var C: UInt64
    var mm: UInt64
    // i = 0
    (A, t0) = macc(t0, a.0, b.0, 0)
    mm = t0 &* inv
    C = macc(t0, mm, m.0, 0).hi
    (A, t1) = macc(t1, a.1, b.0, A)
    (C, t0) = macc(t1, mm, m.1, C)
    (A, t2) = macc(t2, a.2, b.0, A)
    (C, t1) = macc(t2, mm, m.2, C)
    (A, t3) = macc(t3, a.3, b.0, A)
    (C, t2) = macc(t3, mm, m.3, C)
    t3 = C &+ A
    // i = 1
    (A, t0) = macc(t0, a.0, b.1, 0)
    mm = t0 &* inv
    C = macc(t0, mm, m.0, 0).hi
    (A, t1) = macc(t1, a.1, b.1, A)
    (C, t0) = macc(t1, mm, m.1, C)
    (A, t2) = macc(t2, a.2, b.1, A)
    (C, t1) = macc(t2, mm, m.2, C)
    (A, t3) = macc(t3, a.3, b.1, A)
    (C, t2) = macc(t3, mm, m.3, C)
    t3 = C &+ A
    // i = 2
    (A, t0) = macc(t0, a.0, b.2, 0)
    mm = t0 &* inv
    C = macc(t0, mm, m.0, 0).hi
    (A, t1) = macc(t1, a.1, b.2, A)
    (C, t0) = macc(t1, mm, m.1, C)
    (A, t2) = macc(t2, a.2, b.2, A)
    (C, t1) = macc(t2, mm, m.2, C)
    (A, t3) = macc(t3, a.3, b.2, A)
    (C, t2) = macc(t3, mm, m.3, C)
    t3 = C &+ A
    // i = 3
    (A, t0) = macc(t0, a.0, b.3, 0)
    mm = t0 &* inv
    C = macc(t0, mm, m.0, 0).hi
    (A, t1) = macc(t1, a.1, b.3, A)
    (C, t0) = macc(t1, mm, m.1, C)
    (A, t2) = macc(t2, a.2, b.3, A)
    (C, t1) = macc(t2, mm, m.2, C)
    (A, t3) = macc(t3, a.3, b.3, A)
    (C, t2) = macc(t3, mm, m.3, C)
    t3 = C &+ A
    return subtractIfAtLeast((t0, t1, t2, t3), m)
}

// MARK: - Conversions of canonical integers (public data; variable time)

/// A 256-bit integer from exactly 32 big-endian bytes.
@usableFromInline
func limbsFromBigEndian(_ bytes: some Collection<UInt8>) -> Limbs? {
    guard bytes.count == 32 else { return nil }
    var words: [UInt64] = [0, 0, 0, 0]
    for (index, byte) in bytes.enumerated() {
        let word: Int = 3 - index / 8
        words[word] = words[word] << 8 | UInt64(byte)
    }
    return (words[0], words[1], words[2], words[3])
}

/// The 32 big-endian bytes of a 256-bit integer.
@usableFromInline
func bigEndianBytes(_ a: Limbs) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(32)
    for word in [a.3, a.2, a.1, a.0] {
        for shift in stride(from: 56, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
        }
    }
    return out
}

/// Parses canonical decimal text: one or more ASCII digits, no sign, no leading zero (except
/// `"0"` itself), value below 2^256. Digits are accumulated exactly in 256-bit arithmetic.
@usableFromInline
func limbsFromDecimal(_ text: some StringProtocol) -> Limbs? {
    let utf8 = text.utf8
    guard let first = utf8.first, !utf8.isEmpty, utf8.count <= 78 else { return nil }
    if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
    var acc: Limbs = (0, 0, 0, 0)
    for c in utf8 {
        guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
        let digit: UInt64 = UInt64(c - UInt8(ascii: "0"))
        // acc = acc * 10 + digit, rejecting overflow past 2^256.
        let p0: (hi: UInt64, lo: UInt64) = macc(digit, acc.0, 10, 0)
        let p1: (hi: UInt64, lo: UInt64) = macc(0, acc.1, 10, p0.hi)
        let p2: (hi: UInt64, lo: UInt64) = macc(0, acc.2, 10, p1.hi)
        let p3: (hi: UInt64, lo: UInt64) = macc(0, acc.3, 10, p2.hi)
        guard p3.hi == 0 else { return nil }
        acc = (p0.lo, p1.lo, p2.lo, p3.lo)
    }
    return acc
}

/// Canonical decimal text of a 256-bit integer (no leading zeros; `"0"` for zero).
@usableFromInline
func decimalString(_ a: Limbs) -> String {
    var words: [UInt64] = [a.3, a.2, a.1, a.0]  // most significant first
    var chunks: [UInt64] = []
    let base: UInt64 = 10_000_000_000_000_000_000  // 10^19
    while words.contains(where: { $0 != 0 }) {
        var remainder: UInt64 = 0
        for i in words.indices {
            let (q, r): (UInt64, UInt64) = base.dividingFullWidth((remainder, words[i]))
            words[i] = q
            remainder = r
        }
        chunks.append(remainder)
    }
    guard let last = chunks.last else { return "0" }
    var out: String = String(last)
    for chunk in chunks.dropLast().reversed() {
        let digits: String = String(chunk)
        out += String(repeating: "0", count: 19 - digits.count) + digits
    }
    return out
}
