// MapToG2.swift — hash_to_curve for G2, suite BLS12381G2_XMD:SHA-256_SSWU_RO_ (RFC 9380 §8.8.2):
// hash_to_field → simplified SWU onto E2': y² = x³ + A'x + B' → 3-isogeny to E2 → clear cofactor.
// Inputs (messages) are public, so branches on field values here are acceptable.

import HexCodec

extension G2Projective {
    /// hash_to_curve(msg) with the given domain-separation tag (RFC 9380 §3).
    public static func hash(_ msg: some Sequence<UInt8>, dst: [UInt8]) -> G2Projective {
        let u = MapToG2.hashToField(msg, dst: dst)
        let q0 = MapToG2.isoMapProjective(MapToG2.mapToCurveSSWU(u.0))
        let q1 = MapToG2.isoMapProjective(MapToG2.mapToCurveSSWU(u.1))
        return (q0 + q1).clearedCofactor()
    }
}

enum MapToG2 {
    /// Implements hash_to_field(msg, 2) for 𝔽ₚ² (RFC 9380 §5.2) with L = 64, m = 2.
    static func hashToField(_ msg: some Sequence<UInt8>, dst: [UInt8]) -> (Fp2, Fp2) {
        let uniform_bytes = ExpandMessage.xmd(msg: msg, dst: dst, lenInBytes: 256)
        func e(_ k: Int) -> Fp { Fp(reducingBigEndian64: uniform_bytes[(64 * k)..<(64 * k + 64)]) }
        return (Fp2(c0: e(0), c1: e(1)), Fp2(c0: e(2), c1: e(3)))
    }

    // E2' constants (RFC 9380 §8.8.2): A' = 240·u, B' = 1012·(1 + u), Z = −(2 + u).
    static let a = Fp2(c0: .zero, c1: Fp(240))
    static let b = Fp2(c0: Fp(1012), c1: Fp(1012))
    static let z = Fp2(c0: -Fp(2), c1: -Fp(1))
    /// √(−125) in 𝔽ₚ (−N(Z)³ for Z = −(2 + u), N(Z) = 5), derived by scripts/bls12381/derive_constants.py.
    static let sqrtMinus125 = Fp(bigEndianBytes: try! Hex.decode(
        "0810e5a23cbb86fd12ded1af502287a397ed25c1d6fe0444e38c48e9c7ddb3c27cfebdd464e90f201fda0eb6983f2533"))!
    /// −B'/A'.
    static let minusBOverA = -(b * a.inverse())
    /// B'/(Z·A'), the exceptional-case x.
    static let bOverZA = b * (z * a).inverse()

    /// Implements map_to_curve_simple_swu (RFC 9380 §6.6.2, the straight-line description).
    static func mapToCurveSSWU(_ u: Fp2) -> G2Affine {
        let u2 = u.squared()
        let zu2 = z * u2
        let tv1 = (zu2.squared() + zu2).inverseVartime()  // public input: variable time is fine
        var x1 = minusBOverA * (tv1 + .one)
        if tv1.isZero { x1 = bOverZA }
        let gx1 = (x1.squared() + a) * x1 + b
        let x: Fp2
        var y: Fp2
        // Squareness of gx1 via its norm n1: s = n1^((p+1)/4) is √n1 if n1 is a square, else s² = −n1.
        let n1 = gx1.norm
        let s = n1.pow(vartimeExponent: Fp.pPlus1Over4)
        if s.squared() == n1, let y1 = (gx1.c1.isZero ? gx1.sqrt() : gx1.sqrt(normRoot: s)) {
            x = x1; y = y1
        } else {
            // gx2 = Z³u⁶·gx1, so norm(gx2) = N(Z)³·N(u)⁶·n1 = (−N(Z)³)·N(u)⁶·s², whose root
            // √(−N(Z)³)·N(u)³·s needs no further exponentiation (N(Z) = 5, √(−125) precomputed).
            let x2 = zu2 * x1
            let gx2 = (x2.squared() + a) * x2 + b
            let nu = u.norm
            let alpha2 = MapToG2.sqrtMinus125 * nu.squared() * nu * s
            x = x2
            y = (gx2.c1.isZero ? gx2.sqrt() : gx2.sqrt(normRoot: alpha2))!  // gx2 is square when gx1 is not
        }
        if u.sgn0 != y.sgn0 { y = -y }
        return G2Affine(x: x, y: y)
    }

    private static func fp2(_ c0: String, _ c1: String) -> Fp2 {
        Fp2(c0: Fp(bigEndianBytes: try! Hex.decode(c0))!, c1: Fp(bigEndianBytes: try! Hex.decode(c1))!)
    }

    // 3-isogeny map coefficients, RFC 9380 Appendix E.3 (k_(1,i), k_(2,i), k_(3,i), k_(4,i)).
    static let xNum: [Fp2] = [
        fp2("05c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6",
            "05c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6"),
        fp2("000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"),
        fp2("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e",
            "08ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"),
        fp2("171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1",
            "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
    ]
    static let xDen: [Fp2] = [
        fp2("000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"),
        fp2("00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000c",
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"),
        .one,
    ]
    static let yNum: [Fp2] = [
        fp2("1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706",
            "1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706"),
        fp2("000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "05c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"),
        fp2("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c",
            "08ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"),
        fp2("124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10",
            "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
    ]
    static let yDen: [Fp2] = [
        fp2("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb",
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb"),
        fp2("000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"),
        fp2("000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000012",
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"),
        .one,
    ]

    /// Horner evaluation of Σ k[i]·xⁱ.
    private static func horner(_ k: [Fp2], _ x: Fp2) -> Fp2 {
        var acc = k[k.count - 1]
        for i in stride(from: k.count - 2, through: 0, by: -1) { acc = acc * x + k[i] }
        return acc
    }

    /// The 3-isogeny into homogeneous projective coordinates, without inversion:
    /// (x, y) = (xn/xd, y'·yn/yd) = (xn·yd : y'·yn·xd : xd·yd). A pole (xd·yd = 0) gives Z = 0, the identity.
    static func isoMapProjective(_ p: G2Affine) -> G2Projective {
        let xn = horner(xNum, p.x), xd = horner(xDen, p.x)
        let yn = horner(yNum, p.x), yd = horner(yDen, p.x)
        let z = xd * yd
        if z.isZero { return .identity }
        return G2Projective(x: xn * yd, y: p.y * yn * xd, z: z)
    }

    /// The 3-isogeny E2' → E2 (RFC 9380 Appendix E.3), with one inversion for both denominators.
    static func isoMap(_ p: G2Affine) -> G2Affine {
        let xn = horner(xNum, p.x), xd = horner(xDen, p.x)
        let yn = horner(yNum, p.x), yd = horner(yDen, p.x)
        let d = xd * yd
        if d.isZero { return .identity }  // a pole of the isogeny maps to the identity
        let di = d.inverse()
        return G2Affine(x: xn * yd * di, y: p.y * yn * xd * di)
    }
}
