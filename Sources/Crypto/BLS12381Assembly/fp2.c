// The 𝔽ₚ² product and square of BLS12-381 from the assembly's 𝔽ₚ primitives, in one call from
// Swift (each Swift → C call costs copies of the operands; here they stay in this frame). The same
// formulas as BLS12381's Swift path (Fp+Wide.swift's lazyProduct, Fp2.squared), which
// FpAssemblyTests compares them with. Constant time: carries and corrections are masks.
#include "BLS12381Assembly.h"

// Every helper is inlined and every limb loop unrolled: the carries then stay in the flags
// (add/adc, sub/sbb chains) instead of a loop counter's registers.

#if defined(__x86_64__) && !defined(_WIN32)

static const uint64_t P[6] = {
    0xb9feffffffffaaabULL, 0x1eabfffeb153ffffULL, 0x6730d2a0f6b0f624ULL,
    0x64774b84f38512bfULL, 0x4b1ba7b6434bacd7ULL, 0x1a0111ea397fe69aULL,
};

/// r = a + b over n limbs; returns the carry.
static inline __attribute__((always_inline)) uint64_t add_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n) {
    unsigned long long carry = 0;
#pragma clang loop unroll(full)
    for (int i = 0; i < n; i++) r[i] = __builtin_addcll(a[i], b[i], carry, &carry);
    return carry;
}

/// r = a − b over n limbs; returns the borrow.
static inline __attribute__((always_inline)) uint64_t sub_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int n) {
    unsigned long long borrow = 0;
#pragma clang loop unroll(full)
    for (int i = 0; i < n; i++) r[i] = __builtin_subcll(a[i], b[i], borrow, &borrow);
    return borrow;
}

/// r = a + (p & mask) over 6 limbs (mask all ones or zero).
static inline __attribute__((always_inline)) void add_p_masked(uint64_t *r, const uint64_t *a, uint64_t mask) {
    uint64_t m[6];
    for (int i = 0; i < 6; i++) m[i] = P[i] & mask;
    add_n(r, a, m, 6);
}

/// r = a + b mod p, for a, b < p.
static inline __attribute__((always_inline)) void fp_add(uint64_t r[6], const uint64_t a[6], const uint64_t b[6]) {
    uint64_t s[6], d[6];
    add_n(s, a, b, 6);  // < 2p < 2³⁸⁴: no carry
    const uint64_t keep = 0 - sub_n(d, s, P, 6);  // all ones when s < p
    for (int i = 0; i < 6; i++) r[i] = (s[i] & keep) | (d[i] & ~keep);
}

/// r = a − b mod p, for a, b < p.
static inline __attribute__((always_inline)) void fp_sub(uint64_t r[6], const uint64_t a[6], const uint64_t b[6]) {
    uint64_t d[6];
    const uint64_t mask = 0 - sub_n(d, a, b, 6);
    add_p_masked(r, d, mask);
}

/// (a0 + a1u)(b0 + b1u), Karatsuba with lazy reduction: c0 = REDC(a0b0 − a1b1, + p·2³⁸⁴ when
/// negative), c1 = REDC((a0 + a1)(b0 + b1) − a0b0 − a1b1). Bounds as in Fp+Wide.swift.
void argus_bls_fp2_mul(uint64_t r[12], const uint64_t a[12], const uint64_t b[12]) {
    uint64_t aa[12], bb[12], cc[12], sa[6], sb[6], t[12];
    argus_bls_fp_mul_wide(aa, a, b);
    argus_bls_fp_mul_wide(bb, a + 6, b + 6);
    add_n(sa, a, a + 6, 6);
    add_n(sb, b, b + 6, 6);
    argus_bls_fp_mul_wide(cc, sa, sb);
    // c1 = cc − aa − bb ≥ 0
    sub_n(cc, cc, aa, 12);
    sub_n(cc, cc, bb, 12);
    // c0 = aa − bb, + p·2³⁸⁴ when negative
    const uint64_t mask = 0 - sub_n(t, aa, bb, 12);
    add_p_masked(t + 6, t + 6, mask);
    argus_bls_fp_redc(r, t);
    argus_bls_fp_redc(r + 6, cc);
}

/// (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u.
void argus_bls_fp2_sqr(uint64_t r[12], const uint64_t a[12]) {
    uint64_t s[6], d[6], t[6];
    fp_add(s, a, a + 6);
    fp_sub(d, a, a + 6);
    argus_bls_fp_mul(t, a, a + 6);
    argus_bls_fp_mul(r, s, d);
    fp_add(r + 6, t, t);
}

/// 𝔽ₚ² helpers for the cyclotomic square: a ± b, 2a, and ξ·a = (a0 − a1) + (a0 + a1)u.
static inline __attribute__((always_inline)) void fp2_add(uint64_t r[12], const uint64_t a[12], const uint64_t b[12]) {
    fp_add(r, a, b);
    fp_add(r + 6, a + 6, b + 6);
}

static inline __attribute__((always_inline)) void fp2_sub(uint64_t r[12], const uint64_t a[12], const uint64_t b[12]) {
    fp_sub(r, a, b);
    fp_sub(r + 6, a + 6, b + 6);
}

static inline __attribute__((always_inline)) void fp2_mul_nonresidue(uint64_t r[12], const uint64_t a[12]) {
    uint64_t t[6];
    fp_sub(t, a, a + 6);
    fp_add(r + 6, a, a + 6);
    for (int i = 0; i < 6; i++) r[i] = t[i];
}

/// (a0 + a1v + a2v²)(b0 + b1v + b2v²) in 𝔽ₚ⁶ = 𝔽ₚ²[v]/(v³ − ξ): Karatsuba (Devegili et al. 2006
/// §4), the formulas of Fp6's `*`. r may alias a or b (written last).
void argus_bls_fp6_mul(uint64_t r[36], const uint64_t a[36], const uint64_t b[36]) {
    uint64_t v0[12], v1[12], v2[12], s[12], t[12], m[12], t0[12], t1[12], t2[12];
    argus_bls_fp2_mul(v0, a, b);
    argus_bls_fp2_mul(v1, a + 12, b + 12);
    argus_bls_fp2_mul(v2, a + 24, b + 24);
    // t0 = ξ((a1 + a2)(b1 + b2) − v1 − v2) + v0
    fp2_add(s, a + 12, a + 24);
    fp2_add(t, b + 12, b + 24);
    argus_bls_fp2_mul(m, s, t);
    fp2_sub(m, m, v1);
    fp2_sub(m, m, v2);
    fp2_mul_nonresidue(m, m);
    fp2_add(t0, m, v0);
    // t1 = (a0 + a1)(b0 + b1) − v0 − v1 + ξv2
    fp2_add(s, a, a + 12);
    fp2_add(t, b, b + 12);
    argus_bls_fp2_mul(m, s, t);
    fp2_sub(m, m, v0);
    fp2_sub(m, m, v1);
    fp2_mul_nonresidue(t1, v2);
    fp2_add(t1, m, t1);
    // t2 = (a0 + a2)(b0 + b2) − v0 − v2 + v1
    fp2_add(s, a, a + 24);
    fp2_add(t, b, b + 24);
    argus_bls_fp2_mul(m, s, t);
    fp2_sub(m, m, v0);
    fp2_sub(m, m, v2);
    fp2_add(t2, m, v1);
    for (int i = 0; i < 12; i++) { r[i] = t0[i]; r[12 + i] = t1[i]; r[24 + i] = t2[i]; }
}

/// (a0 + a1v + a2v²)(b0 + b1v), the formulas of Fp6's `mulBy01`. r may alias a.
void argus_bls_fp6_mul_by_01(uint64_t r[36], const uint64_t a[36], const uint64_t b0[12], const uint64_t b1[12]) {
    uint64_t v0[12], v1[12], s[12], t[12], m[12], t0[12], t1[12], t2[12];
    argus_bls_fp2_mul(v0, a, b0);
    argus_bls_fp2_mul(v1, a + 12, b1);
    // t0 = ξ((a1 + a2)·b1 − v1) + v0
    fp2_add(s, a + 12, a + 24);
    argus_bls_fp2_mul(m, s, b1);
    fp2_sub(m, m, v1);
    fp2_mul_nonresidue(m, m);
    fp2_add(t0, m, v0);
    // t1 = (a0 + a1)(b0 + b1) − v0 − v1
    fp2_add(s, a, a + 12);
    fp2_add(t, b0, b1);
    argus_bls_fp2_mul(m, s, t);
    fp2_sub(m, m, v0);
    fp2_sub(t1, m, v1);
    // t2 = a2·b0 + v1
    argus_bls_fp2_mul(m, a + 24, b0);
    fp2_add(t2, m, v1);
    for (int i = 0; i < 12; i++) { r[i] = t0[i]; r[12 + i] = t1[i]; r[24 + i] = t2[i]; }
}

/// Jacobian doubling on E'(𝔽ₚ²), a = 0, "dbl-2009-l" (Explicit-Formulas Database): the formulas
/// of G2Projective.jacobianDouble. p = (X, Y, Z), 12 limbs each; r may alias p.
void argus_bls_g2_jacobian_double(uint64_t r[36], const uint64_t p[36]) {
    const uint64_t *x1 = p, *y1 = p + 12, *z1 = p + 24;
    uint64_t a[12], b[12], c[12], d[12], e[12], f[12], t[12], x3[12], y3[12], z3[12];
    argus_bls_fp2_sqr(a, x1);
    argus_bls_fp2_sqr(b, y1);
    argus_bls_fp2_sqr(c, b);
    fp2_add(t, x1, b);                 // d = 2((x1 + b)² − a − c)
    argus_bls_fp2_sqr(d, t);
    fp2_sub(d, d, a);
    fp2_sub(d, d, c);
    fp2_add(d, d, d);
    fp2_add(e, a, a);                  // e = 3a
    fp2_add(e, e, a);
    argus_bls_fp2_sqr(f, e);
    fp2_add(t, d, d);                  // x3 = f − 2d
    fp2_sub(x3, f, t);
    fp2_sub(t, d, x3);                 // y3 = e(d − x3) − 8c
    argus_bls_fp2_mul(y3, e, t);
    fp2_add(c, c, c);
    fp2_add(c, c, c);
    fp2_add(c, c, c);
    fp2_sub(y3, y3, c);
    argus_bls_fp2_mul(z3, y1, z1);     // z3 = 2·y1·z1
    fp2_add(z3, z3, z3);
    for (int i = 0; i < 12; i++) { r[i] = x3[i]; r[12 + i] = y3[i]; r[24 + i] = z3[i]; }
}

/// r = 2(a ± b) + a, the shape of every output of the cyclotomic square (sign: +1 or −1).
static inline __attribute__((always_inline)) void triple_shape(uint64_t r[12], const uint64_t a[12], const uint64_t b[12], int sign) {
    uint64_t t[12];
    if (sign > 0) fp2_add(t, a, b); else fp2_sub(t, a, b);
    fp2_add(t, t, t);
    fp2_add(r, t, a);
}

/// (x + y·s)² in 𝔽ₚ⁴ = 𝔽ₚ²[s]/(s² − ξ): (ξy² + x², (x + y)² − x² − y²).
static inline __attribute__((always_inline)) void fp4_sqr(uint64_t rx[12], uint64_t ry[12], const uint64_t x[12], const uint64_t y[12]) {
    uint64_t t0[12], t1[12], s[12];
    argus_bls_fp2_sqr(t0, x);
    argus_bls_fp2_sqr(t1, y);
    fp2_add(s, x, y);
    argus_bls_fp2_sqr(ry, s);
    fp2_sub(ry, ry, t0);
    fp2_sub(ry, ry, t1);
    fp2_mul_nonresidue(rx, t1);
    fp2_add(rx, rx, t0);
}

/// Granger–Scott cyclotomic squaring (eprint 2009/565), the formulas of Fp12.cyclotomicSquared:
/// with g0 = (a0, b1), g1 = (b0, a2), g2 = (a1, b2), h0 = 3g0² − 2ḡ0, h1 = 3s·g2² + 2ḡ1,
/// h2 = 3g1² − 2ḡ2. Limb offsets: c0 = (c0.c0, c0.c1, c0.c2) at 0, 12, 24; c1 at 36, 48, 60.
void argus_bls_fp12_cyclotomic_sqr(uint64_t r[72], const uint64_t f[72]) {
    const uint64_t *a0 = f, *a1 = f + 12, *a2 = f + 24, *b0 = f + 36, *b1 = f + 48, *b2 = f + 60;
    uint64_t ax[12], ay[12], bx[12], by[12], cx[12], cy[12], scx[12];
    fp4_sqr(ax, ay, a0, b1);
    fp4_sqr(bx, by, b0, a2);
    fp4_sqr(cx, cy, a1, b2);
    fp2_mul_nonresidue(scx, cy);
    triple_shape(r, ax, a0, -1);        // h0x = 2(A.x − a0) + A.x
    triple_shape(r + 48, ay, b1, +1);   // h0y = 2(A.y + b1) + A.y
    triple_shape(r + 36, scx, b0, +1);  // h1x = 2(ξC.y + b0) + ξC.y
    triple_shape(r + 24, cx, a2, -1);   // h1y = 2(C.x − a2) + C.x
    triple_shape(r + 12, bx, a1, -1);   // h2x = 2(B.x − a1) + B.x
    triple_shape(r + 60, by, b2, +1);   // h2y = 2(B.y + b2) + B.y
}

#endif
