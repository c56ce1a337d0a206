// BLS12381Assembly — BLS12-381 base-field products in x86-64 assembly (mulx/adcx/adox, generated
// by scripts/bls12381/gen_fp_x86_64.py: fp_x86_64.S), and over them in C the 𝔽ₚ² products (fp2.c),
// the 𝔽ₚ⁶ products and the cyclotomic square (tower.c) and G2's Jacobian doubling (g2.c). The Swift
// path in BLS12381 is the reference and the fallback: `argus_bls_fp_assembly` is non-zero only
// where the assembly is built (x86-64, not Windows) and the CPU has BMI2 and ADX, and
// ARGUS_BLS_PORTABLE is not set. Every function is constant time.
#ifndef ARGUS_BLS12381_ASSEMBLY_H
#define ARGUS_BLS12381_ASSEMBLY_H

#include <stdint.h>

/// Non-zero when the functions below may be called: set once, before main, then only read.
extern int argus_bls_fp_assembly;

/// Whether the functions below may be called (a plain load; what Swift calls, since Swift 6 does
/// not let it read a mutable C global directly).
static inline int argus_bls_fp_assembly_enabled(void) { return argus_bls_fp_assembly; }

/// r = a·b·2⁻³⁸⁴ mod p, for a, b < p (Montgomery form); r may alias a or b.
void argus_bls_fp_mul(uint64_t r[6], const uint64_t a[6], const uint64_t b[6]);
/// r = a·b, the full 768-bit product of any 384-bit a and b; r must not alias a or b.
void argus_bls_fp_mul_wide(uint64_t r[12], const uint64_t a[6], const uint64_t b[6]);
/// r = a·2⁻³⁸⁴ mod p (Montgomery reduction), for a < p·2³⁸⁴; r may alias a.
void argus_bls_fp_redc(uint64_t r[6], const uint64_t a[12]);
/// r = a·b in 𝔽ₚ² (a = a[0..5] + a[6..11]·u, Montgomery form, reduced); r must not alias a or b.
void argus_bls_fp2_mul(uint64_t r[12], const uint64_t a[12], const uint64_t b[12]);
/// r = a² in 𝔽ₚ²; r must not alias a.
void argus_bls_fp2_sqr(uint64_t r[12], const uint64_t a[12]);
/// r = a·b in 𝔽ₚ⁶ (three 𝔽ₚ² coefficients, 36 limbs); r may alias a or b.
void argus_bls_fp6_mul(uint64_t r[36], const uint64_t a[36], const uint64_t b[36]);
/// r = a·(b0 + b1·v) in 𝔽ₚ⁶ (the Miller loop's sparse product); r may alias a.
void argus_bls_fp6_mul_by_01(uint64_t r[36], const uint64_t a[36], const uint64_t b0[12], const uint64_t b1[12]);
/// r = 2P for P = (X, Y, Z) in Jacobian coordinates on E'(𝔽ₚ²) (36 limbs); r may alias p.
void argus_bls_g2_jacobian_double(uint64_t r[36], const uint64_t p[36]);
/// r = f² for f in the cyclotomic subgroup of 𝔽ₚ¹² (Granger–Scott); r must not alias f.
void argus_bls_fp12_cyclotomic_sqr(uint64_t r[72], const uint64_t f[72]);

#endif
