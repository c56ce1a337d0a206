#!/usr/bin/env python3
"""Differential check of the Swift EIP-2537 point encodings against py_ecc (PyPI `py_ecc`).

Reads JSON from stdin, produced by Tests/BLS12381Tests/EIP2537EncodingTests.swift:
  {"multiples": [{"k": hex, "g1": hex128, "g2": hex256}],          # k·G1, k·G2 (k = 0: the identity)
   "decoded":   [{"g1_compressed": hex48, "g1": hex128}, {"g2_compressed": hex96, "g2": hex256}]}
Each point is recomputed with py_ecc (scalar multiplication, or ZCash decompression) and encoded
here from EIP-2537's text alone ("Fine points and encoding of base elements": a field element is
16 zero bytes and its 48-byte big-endian value; an Fp2 element c0 + c1*v is encode(c0) || encode(c1);
a point is encode(x) || encode(y); the point at infinity is all zeros).
Prints one line per mismatch and "OK <n>" at the end; exit status 1 on any mismatch.
"""
import json
import sys

from py_ecc.bls.point_compression import decompress_G1, decompress_G2
from py_ecc.optimized_bls12_381 import G1, G2, is_inf, multiply, normalize


def fp(value: int) -> bytes:
    return bytes(16) + int(value).to_bytes(48, "big")


def fp2(value) -> bytes:
    c0, c1 = value.coeffs
    return fp(c0) + fp(c1)


def encode_g1(point) -> bytes:
    if is_inf(point):
        return bytes(128)
    x, y = normalize(point)
    return fp(x) + fp(y)


def encode_g2(point) -> bytes:
    if is_inf(point):
        return bytes(256)
    x, y = normalize(point)
    return fp2(x) + fp2(y)


def main() -> int:
    request = json.load(sys.stdin)
    checked, failures = 0, 0

    def compare(name, ours, theirs):
        nonlocal checked, failures
        checked += 1
        if ours != theirs.hex():
            failures += 1
            print(f"MISMATCH {name}: swift {ours} py_ecc {theirs.hex()}")

    for case in request["multiples"]:
        k = int(case["k"], 16)
        compare(f"{k:#x}·G1", case["g1"], encode_g1(multiply(G1, k)))
        compare(f"{k:#x}·G2", case["g2"], encode_g2(multiply(G2, k)))
    for case in request["decoded"]:
        if "g1_compressed" in case:
            compare("G1 " + case["g1_compressed"][:16], case["g1"], encode_g1(decompress_G1(int(case["g1_compressed"], 16))))
        else:
            raw = bytes.fromhex(case["g2_compressed"])
            point = decompress_G2((int.from_bytes(raw[:48], "big"), int.from_bytes(raw[48:], "big")))
            compare("G2 " + case["g2_compressed"][:16], case["g2"], encode_g2(point))
    print(f"OK {checked}" if failures == 0 else f"FAILED {failures} of {checked}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
