// Fp+VartimeInverse.swift — inversion by the binary extended Euclidean algorithm, for public data.

extension Fp {
    /// Multiplicative inverse (0 ↦ 0) in **variable time**: the binary extended Euclidean
    /// algorithm (Menezes–van Oorschot–Vanstone, Handbook of Applied Cryptography, Alg. 14.61 adapted
    /// to a prime modulus). About 3× faster than ``inverse()``. Use only on public values
    /// (hash-to-curve, verification, decoding).
    public func inverseVartime() -> Fp {
        if isZero { return .zero }
        // Work on the plain integer A = a·R mod p (the stored limbs); A⁻¹ = a⁻¹·R⁻¹, and the
        // Montgomery form of a⁻¹ is a⁻¹·R = A⁻¹·R², obtained as montmul(A⁻¹, R³).
        var u = U384(self)
        var v = U384(Fp.modulus)
        var x1 = U384(Fp(1, 0, 0, 0, 0, 0))
        var x2 = U384(Fp(0, 0, 0, 0, 0, 0))
        let p = U384(Fp.modulus)
        while !u.isOne && !v.isOne {
            while u.isEven {
                u.shiftRight1()
                if !x1.isEven { x1.add(p) }
                x1.shiftRight1()
            }
            while v.isEven {
                v.shiftRight1()
                if !x2.isEven { x2.add(p) }
                x2.shiftRight1()
            }
            if u.isGreaterOrEqual(v) {
                u.subtract(v)
                x1.subtractModP(x2, p)
            } else {
                v.subtract(u)
                x2.subtractModP(x1, p)
            }
        }
        let r = u.isOne ? x1 : x2
        return r.fp * Fp.r3
    }
}

/// A plain 384-bit unsigned integer for the binary GCD (values stay below 2p < 2³⁸³).
struct U384 {
    var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    init(_ f: Fp) { w = (f.l0, f.l1, f.l2, f.l3, f.l4, f.l5) }
    var fp: Fp { Fp(w.0, w.1, w.2, w.3, w.4, w.5) }

    var isEven: Bool { w.0 & 1 == 0 }
    var isOne: Bool { w.0 == 1 && (w.1 | w.2 | w.3 | w.4 | w.5) == 0 }

    mutating func shiftRight1() {
        w.0 = (w.0 >> 1) | (w.1 << 63)
        w.1 = (w.1 >> 1) | (w.2 << 63)
        w.2 = (w.2 >> 1) | (w.3 << 63)
        w.3 = (w.3 >> 1) | (w.4 << 63)
        w.4 = (w.4 >> 1) | (w.5 << 63)
        w.5 >>= 1
    }

    mutating func add(_ o: U384) {
        var c: UInt64 = 0
        (w.0, c) = adc(w.0, o.w.0, c)
        (w.1, c) = adc(w.1, o.w.1, c)
        (w.2, c) = adc(w.2, o.w.2, c)
        (w.3, c) = adc(w.3, o.w.3, c)
        (w.4, c) = adc(w.4, o.w.4, c)
        (w.5, c) = adc(w.5, o.w.5, c)
    }

    /// self −= o; returns the borrow.
    @discardableResult
    mutating func subtract(_ o: U384) -> UInt64 {
        var b: UInt64 = 0
        (w.0, b) = sbb(w.0, o.w.0, b)
        (w.1, b) = sbb(w.1, o.w.1, b)
        (w.2, b) = sbb(w.2, o.w.2, b)
        (w.3, b) = sbb(w.3, o.w.3, b)
        (w.4, b) = sbb(w.4, o.w.4, b)
        (w.5, b) = sbb(w.5, o.w.5, b)
        return b
    }

    /// self = self − o mod p, for self, o < p.
    mutating func subtractModP(_ o: U384, _ p: U384) {
        if subtract(o) == 1 { add(p) }
    }

    func isGreaterOrEqual(_ o: U384) -> Bool {
        if w.5 != o.w.5 { return w.5 > o.w.5 }
        if w.4 != o.w.4 { return w.4 > o.w.4 }
        if w.3 != o.w.3 { return w.3 > o.w.3 }
        if w.2 != o.w.2 { return w.2 > o.w.2 }
        if w.1 != o.w.1 { return w.1 > o.w.1 }
        return w.0 >= o.w.0
    }
}

extension Fp2 {
    /// Variable-time inverse (public values only).
    public func inverseVartime() -> Fp2 {
        let t = norm.inverseVartime()
        return Fp2(c0: c0 * t, c1: -(c1 * t))
    }
}
