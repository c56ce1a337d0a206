// g2.c — G2's Jacobian doubling over the C 𝔽ₚ² arithmetic, one call from Swift per doubling (the
// formulas of G2Projective.portableJacobianDouble; FpAssemblyTests compares).
#include "field.h"

#if defined(__x86_64__) && !defined(_WIN32)

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

#endif
