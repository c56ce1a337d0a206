// Whether the assembly in fp_x86_64.S may run here: decided once, before main.
#include "BLS12381Assembly.h"
#include <stdlib.h>

int argus_bls_fp_assembly = 0;

#if defined(__x86_64__) && !defined(_WIN32)
#include <cpuid.h>

__attribute__((constructor)) static void argus_bls_detect(void) {
    const char *portable = getenv("ARGUS_BLS_PORTABLE");
    if (portable != NULL && portable[0] != '\0' && portable[0] != '0') return;
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return;
    const unsigned int bmi2 = 1u << 8, adx = 1u << 19;  // CPUID.(EAX=7, ECX=0):EBX
    argus_bls_fp_assembly = (ebx & bmi2) && (ebx & adx);
}
#else
// Never called: the Swift side calls these only when argus_bls_fp_assembly is non-zero.
void argus_bls_fp_mul(uint64_t r[6], const uint64_t a[6], const uint64_t b[6]) { (void)r; (void)a; (void)b; abort(); }
void argus_bls_fp_mul_wide(uint64_t r[12], const uint64_t a[6], const uint64_t b[6]) { (void)r; (void)a; (void)b; abort(); }
void argus_bls_fp_redc(uint64_t r[6], const uint64_t a[12]) { (void)r; (void)a; abort(); }
void argus_bls_fp2_mul(uint64_t r[12], const uint64_t a[12], const uint64_t b[12]) { (void)r; (void)a; (void)b; abort(); }
void argus_bls_fp2_sqr(uint64_t r[12], const uint64_t a[12]) { (void)r; (void)a; abort(); }
void argus_bls_fp6_mul(uint64_t r[36], const uint64_t a[36], const uint64_t b[36]) { (void)r; (void)a; (void)b; abort(); }
void argus_bls_fp6_mul_by_01(uint64_t r[36], const uint64_t a[36], const uint64_t b0[12], const uint64_t b1[12]) { (void)r; (void)a; (void)b0; (void)b1; abort(); }
void argus_bls_g2_jacobian_double(uint64_t r[36], const uint64_t p[36]) { (void)r; (void)p; abort(); }
void argus_bls_fp12_cyclotomic_sqr(uint64_t r[72], const uint64_t f[72]) { (void)r; (void)f; abort(); }
#endif
