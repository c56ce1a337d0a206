#!/usr/bin/env python3
"""Differential check of the Swift BN254 module against py_ecc's optimized_bn128 (PyPI `py_ecc`).

Reads JSON from stdin, produced by Tests/BN254Tests/PyECCCrossCheckTests.swift:
  {"cases": [{"sk": dec, "msg_hex": hex, "pub_g1": [x, y], "pub_g2": [xr, xi, yr, yi],
              "hash": [x, y], "sig": [x, y], "valid": bool}],
   "pairing": {"a": dec, "b": dec, "gt": [12 x 2 decimals, Swift basis a_i = c0 + c1 u]}}
Prints one line per mismatch and "OK <n>" at the end; exit status 1 on any mismatch.
"""
import json
import sys

from py_ecc import optimized_bn128 as bn

p = bn.field_modulus


def hash_to_g1(msg: bytes):
    """eigensdk try-and-increment (bn254-eigen-bls.md §4), written independently of the Swift code."""
    x = int.from_bytes(msg, "big") % p
    while True:
        beta = (x * x * x + 3) % p
        y = pow(beta, (p + 1) // 4, p)
        if y * y % p == beta:
            return (x, y)
        x = (x + 1) % p


def affine(pt):
    return tuple(int(c) if not hasattr(c, "coeffs") else tuple(int(v) for v in c.coeffs) for c in bn.normalize(pt))


def main() -> int:
    data = json.load(sys.stdin)
    failures = 0
    for i, case in enumerate(data["cases"]):
        sk = int(case["sk"])
        g1 = affine(bn.multiply(bn.G1, sk))
        if [str(g1[0]), str(g1[1])] != case["pub_g1"]:
            print(f"case {i}: pub_g1 mismatch"); failures += 1
        g2 = bn.multiply(bn.G2, sk)
        x2, y2 = affine(g2)
        if [str(x2[0]), str(x2[1]), str(y2[0]), str(y2[1])] != case["pub_g2"]:
            print(f"case {i}: pub_g2 mismatch"); failures += 1
        msg = bytes.fromhex(case["msg_hex"])
        hx, hy = hash_to_g1(msg)
        if [str(hx), str(hy)] != case["hash"]:
            print(f"case {i}: hash mismatch"); failures += 1
        h = (bn.FQ(hx), bn.FQ(hy), bn.FQ.one())
        sig = affine(bn.multiply(h, sk))
        if [str(sig[0]), str(sig[1])] != case["sig"]:
            print(f"case {i}: signature mismatch"); failures += 1
        # verify the Swift signature (possibly tampered) with py_ecc's pairing
        s = (bn.FQ(int(case["sig_checked"][0])), bn.FQ(int(case["sig_checked"][1])), bn.FQ.one())
        valid = bn.pairing(g2, h) == bn.pairing(bn.G2, s)
        if valid != case["valid"]:
            print(f"case {i}: verification result mismatch (py_ecc {valid})"); failures += 1
    pr = data["pairing"]
    a, b = int(pr["a"]), int(pr["b"])
    e = bn.pairing(bn.multiply(bn.G2, b), bn.multiply(bn.G1, a))
    # py_ecc FQ12 = FQ[w]/(w^12 - 18 w^6 + 82) with w^6 = 9 + u: a_i = c0 + c1 u = (c0 - 9 c1) + c1 w^6.
    coeffs = [0] * 12
    for i, (c0, c1) in enumerate(pr["gt"]):
        c0, c1 = int(c0), int(c1)
        coeffs[i] = (coeffs[i] + c0 - 9 * c1) % p
        coeffs[i + 6] = (coeffs[i + 6] + c1) % p
    if [int(c) for c in e.coeffs] != coeffs:
        print("pairing value mismatch")
        failures += 1
    print(f"OK {len(data['cases'])}" if failures == 0 else f"FAILED {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
