#!/usr/bin/env python3
"""Generates the unrolled (constants inlined as literals, so no global accessor runs in the hot path) Montgomery arithmetic bodies for Fp (6 limbs) and Scalar (4 limbs).

Usage: python3 scripts/bls12381/gen_montgomery.py Fp|Scalar  > snippet  (pasted into Fp.swift / Scalar.swift
between the GENERATED markers). CIOS Montgomery multiplication (Koc, Acar, Kaliski 1996, "Analyzing
and comparing Montgomery multiplication algorithms", §CIOS), fully unrolled so that every limb lives in
a register; additions/subtractions with constant-time conditional correction by masks.
"""
import sys

def gen(name, n, modulus, inv):
    out = []
    w = out.append
    def g(v):
        h = f"{v:016x}"; return "0x" + "_".join(h[i:i+4] for i in range(0, 16, 4))
    M = [g((modulus >> (64*i)) & (2**64-1)) for i in range(n)]
    INV = g(inv)
    # mul
    w(f"    /// Montgomery product `a·b·R⁻¹ mod m` by textbook CIOS (unrolled). Inputs need only satisfy")
    w(f"    /// `a·b < m·R`, so it also converts unreduced values (used by the wide reductions).")
    w(f"    @inlinable")
    w(f"    static func montgomeryMultiplyUnreduced(_ a: {name}, _ b: {name}) -> {name} {{")
    for i in range(n):
        w(f"        let a{i} = a.l{i}, b{i} = b.l{i}")
    w("        var c: UInt64 = 0, m: UInt64 = 0")
    for j in range(n + 2):
        w(f"        var t{j}: UInt64 = 0")
    for i in range(n):
        w(f"        // iteration {i}: t += a·b{i}")
        w("        c = 0")
        for j in range(n):
            w(f"        (t{j}, c) = mac(t{j}, a{j}, b{i}, c)")
        w(f"        (t{n}, c) = adc(t{n}, c, 0)")
        w(f"        t{n+1} = c")
        w(f"        // reduce: t = (t + m·modulus) / 2^64")
        w(f"        m = t0 &* {INV}")
        w(f"        (_, c) = mac(t0, m, {M[0]}, 0)")
        for j in range(1, n):
            w(f"        (t{j-1}, c) = mac(t{j}, m, {M[j]}, c)")
        w(f"        (t{n-1}, c) = adc(t{n}, c, 0)")
        w(f"        t{n} = t{n+1} &+ c")
    w(f"        return {name}(" + ", ".join(f"t{j}" for j in range(n)) + f").subtractingModulusIfNeeded(extra: t{n})")
    w("    }")
    w("")
    # no-carry CIOS
    w(f"    /// Montgomery product `a·b·R⁻¹ mod m` for reduced inputs: CIOS with the \"no-carry\" shortcut,")
    w(f"    /// valid because the modulus' top limb is below 2⁶³ − 1 (gnark-crypto, \"Faster Montgomery")
    w(f"    /// multiplication\", 2020). Constant time.")
    if name == "Fp":
        # Fp's `*` (AssemblyDispatch.swift) runs the x86-64 assembly where the CPU has it, else this.
        w(f"    /// The Swift path of `*`, the reference for the assembly (AssemblyDispatch.swift).")
        w(f"    @inlinable")
        w(f"    static func portableProduct(_ a: {name}, _ b: {name}) -> {name} {{")
    else:
        w(f"    @inlinable")
        w(f"    public static func * (a: {name}, b: {name}) -> {name} {{")
    for i in range(n):
        w(f"        let a{i} = a.l{i}")
    for j in range(n):
        w(f"        var t{j}: UInt64 = 0")
    w("        var A: UInt64 = 0, C: UInt64 = 0, m: UInt64 = 0, bi: UInt64 = 0")
    for i in range(n):
        w(f"        bi = b.l{i}")
        w(f"        (t0, A) = mac(t0, a0, bi, 0)")
        w(f"        m = t0 &* {INV}")
        w(f"        (_, C) = mac(t0, m, {M[0]}, 0)")
        for j in range(1, n):
            w(f"        (t{j}, A) = mac(t{j}, a{j}, bi, A)")
            w(f"        (t{j-1}, C) = mac(t{j}, m, {M[j]}, C)")
        w(f"        t{n-1} = C &+ A")
    w(f"        return {name}(" + ", ".join(f"t{j}" for j in range(n)) + f").subtractingModulusIfNeeded(extra: 0)")
    w("    }")
    w("")
    # add
    w(f"    /// Modular addition with a constant-time conditional subtraction.")
    w(f"    @inlinable @inline(__always)")
    w(f"    public static func + (a: {name}, b: {name}) -> {name} {{")
    w("        var c: UInt64 = 0")
    for j in range(n):
        w(f"        let s{j}: UInt64; (s{j}, c) = adc(a.l{j}, b.l{j}, c)")
    w(f"        return {name}(" + ", ".join(f"s{j}" for j in range(n)) + ").subtractingModulusIfNeeded(extra: c)")
    w("    }")
    w("")
    # sub
    w(f"    /// Modular subtraction: adds the modulus back, masked by the borrow (constant time).")
    w(f"    @inlinable @inline(__always)")
    w(f"    public static func - (a: {name}, b: {name}) -> {name} {{")
    w("        var br: UInt64 = 0")
    for j in range(n):
        w(f"        let d{j}: UInt64; (d{j}, br) = sbb(a.l{j}, b.l{j}, br)")
    w("        let mask = 0 &- br")
    w("        var c: UInt64 = 0")
    for j in range(n):
        w(f"        let r{j}: UInt64; (r{j}, c) = adc(d{j}, {M[j]} & mask, c)")
    w(f"        return {name}(" + ", ".join(f"r{j}" for j in range(n)) + ")")
    w("    }")
    w("")
    w(f"    /// Subtracts the modulus once if `extra·2^(64·{n}) + self ≥ modulus` (constant time).")
    w(f"    @inlinable @inline(__always)")
    w(f"    func subtractingModulusIfNeeded(extra: UInt64) -> {name} {{")
    w("        var br: UInt64 = 0")
    for j in range(n):
        w(f"        let d{j}: UInt64; (d{j}, br) = sbb(l{j}, {M[j]}, br)")
    w("        (_, br) = sbb(extra, 0, br)")
    w("        // br == 1 ⇔ the value was already below the modulus: keep it.")
    w("        let keep = 0 &- br")
    w(f"        return {name}(" + ", ".join(f"(l{j} & keep) | (d{j} & ~keep)" for j in range(n)) + ")")
    w("    }")
    return "\n".join(out)

if __name__ == "__main__":
    which = sys.argv[1]
    if which == "Fp":
        p = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
        print(gen("Fp", 6, p, (-pow(p, -1, 2**64)) % 2**64))
    else:
        r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
        print(gen("Scalar", 4, r, (-pow(r, -1, 2**64)) % 2**64))
