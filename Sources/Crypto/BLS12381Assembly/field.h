// field.h — the limb and 𝔽ₚ/𝔽ₚ² helpers the C files share (internal; not in the public header).
// Every helper is inlined and every limb loop unrolled: the carries then stay in the flags
// (add/adc, sub/sbb chains) instead of a loop counter's registers. Constant time: carries and
// corrections are masks.
#ifndef ARGUS_BLS12381_FIELD_H
#define ARGUS_BLS12381_FIELD_H

#include "BLS12381Assembly.h"

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

/// 𝔽ₚ² helpers: a ± b, and ξ·a = (a0 − a1) + (a0 + a1)u.
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

#endif
