// tower.c — 𝔽ₚ⁶ products and the cyclotomic square of 𝔽ₚ¹² over the C 𝔽ₚ² arithmetic, one call
// from Swift each; the formulas of Fp6.swift and Fp12+FinalExponentiation.swift (FpAssemblyTests
// compares).
#include "field.h"

#if defined(__x86_64__) && !defined(_WIN32)

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
