// fp2.c — the 𝔽ₚ² product and square of BLS12-381 from the assembly's 𝔽ₚ primitives, one call
// from Swift each (each Swift → C call copies its operands; here they stay in this frame). The
// formulas of the Swift path (Fp+Wide.swift's lazyProduct, Fp2.squared); FpAssemblyTests compares.
#include "field.h"

#if defined(__x86_64__) && !defined(_WIN32)

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

#endif
