#!/usr/bin/env python3
"""Anchor timings for the BN254 benchmark: the same operations in py_ecc's optimized_bn128.

Run by the Swift benchmark (Benchmarks/BN254Benchmark/main.swift) after its own measurements, so the
two sets of figures come from the same run on the same machine; it can also be run on its own:

    python3 bn254_anchor_bench.py [--msg-hex HEX] [--repeats N] [--clock cpu|wall] [--only op1,op2]
    python3 bn254_anchor_bench.py --version

Prints one line of JSON on stdout, {op_name: seconds per call}, with the same op names the Swift
benchmark uses. Every figure is the median of `--repeats` timed batches (default 3) after one
warm-up call; fast operations run several calls per batch so that a batch lasts ≈ 50 ms. Time is
this thread's CPU time by default (`--clock wall` for wall-clock time), so that other processes
on a shared machine do not inflate it. Progress
goes to stderr. py_ecc is pure Python: this is a sanity anchor, not the reference implementation
(mcl, ≈ 1 ms per verification, is what eigensdk / Zellular nodes use; it is not installed here).

Differences from the Swift code that the figures include:
  * py_ecc has no multi-pairing: verification is two Miller loops multiplied, then one final
    exponentiation (Swift shares the squarings of one 2-pair Miller loop).
  * py_ecc's scalar multiplication is variable-time double-and-add (Swift's sign and G2 scalar
    multiplication are constant time).
  * py_ecc has no G2 subgroup test: "g2_parse_subgroup" parses the mcl text, checks the curve
    equation and multiplies by the group order r (Swift uses Scott's endomorphism test).
"""
import argparse
import hashlib
import json
import statistics
import sys
import time

from py_ecc import optimized_bn128 as bn

p = bn.field_modulus
r = bn.curve_order


def hash_to_g1(msg: bytes):
    """eigensdk try-and-increment (eigensdk/crypto/bn256/utils.py `map_to_curve`)."""
    x = int.from_bytes(msg, "big") % p
    while True:
        beta = (x * x * x + 3) % p
        y = pow(beta, (p + 1) // 4, p)
        if y * y % p == beta:
            return (bn.FQ(x), bn.FQ(y), bn.FQ.one())
        x = (x + 1) % p


def mcl_g2_string(pt) -> str:
    x, y = bn.normalize(pt)
    return "1 %d %d %d %d" % (x.coeffs[0], x.coeffs[1], y.coeffs[0], y.coeffs[1])


def parse_mcl_g2_with_subgroup_check(text: str):
    parts = text.split(" ")
    if len(parts) != 5 or parts[0] != "1":
        raise ValueError("not an mcl G2 point")
    xr, xi, yr, yi = (int(v) for v in parts[1:])
    if max(xr, xi, yr, yi) >= p:
        raise ValueError("coordinate out of range")
    q = (bn.FQ2([xr, xi]), bn.FQ2([yr, yi]), bn.FQ2.one())
    if not bn.is_on_curve(q, bn.b2):
        raise ValueError("not on the twist")
    if not bn.is_inf(bn.multiply(q, r)):
        raise ValueError("not in the order-r subgroup")
    return q


def timed(fn, repeats: int, clock, batch_seconds: float = 0.05) -> float:
    """Median seconds per call over `repeats` batches, after one warm-up call."""
    start = clock()
    fn()
    first = clock() - start
    calls = max(1, int(batch_seconds / first)) if first > 0 else 1000
    samples = []
    for _ in range(repeats):
        start = clock()
        for _ in range(calls):
            fn()
        samples.append((clock() - start) / calls)
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--msg-hex", default="", help="message bytes (hex) to hash/sign/verify; "
                    "the Swift benchmark passes its own (the ASCII of an xxh128 hex digest)")
    ap.add_argument("--repeats", type=int, default=3, help="timed batches per operation (median)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="cpu: this thread's CPU time (time.thread_time, as the Swift side's "
                    "CLOCK_THREAD_CPUTIME_ID; default, robust on a shared machine); wall: time.perf_counter")
    ap.add_argument("--only", default="", help="comma-separated op names to run (default: all)")
    ap.add_argument("--version", action="store_true", help="print the anchor's versions and exit")
    args = ap.parse_args()

    if args.version:
        from importlib.metadata import version
        print("py_ecc %s (optimized_bn128), CPython %s" % (version("py_ecc"), sys.version.split()[0]))
        return 0

    msg = bytes.fromhex(args.msg_hex) if args.msg_hex else b"0" * 32
    # 100 fixed full-size keys (py_ecc's double-and-add cost depends on the scalar's bit length).
    keys = [int.from_bytes(hashlib.sha512(b"anchor key %d" % k).digest(), "big") % r for k in range(100)]
    pubs = [bn.multiply(bn.G2, k) for k in keys]
    h = hash_to_g1(msg)
    agg_sk = sum(keys[:3]) % r
    agg_pk = bn.add(bn.add(pubs[0], pubs[1]), pubs[2])
    agg_sig = bn.multiply(h, agg_sk)
    neg_sig = bn.neg(agg_sig)
    ml_out = bn.pairing(bn.G2, bn.G1, final_exponentiate=False)
    mcl_key = mcl_g2_string(agg_pk)

    def verify_hashed(hm):
        f = bn.pairing(agg_pk, hm, final_exponentiate=False) * bn.pairing(bn.G2, neg_sig, final_exponentiate=False)
        return bn.final_exponentiate(f) == bn.FQ12.one()

    def aggregate():
        acc = bn.Z2
        for q in pubs:
            acc = bn.add(acc, q)
        return bn.normalize(acc)

    assert verify_hashed(h), "py_ecc anchor: the benchmark signature does not verify"
    assert bn.eq(parse_mcl_g2_with_subgroup_check(mcl_key), agg_pk)

    ops = {
        "pairing": lambda: bn.pairing(bn.G2, bn.G1),
        "miller_loop": lambda: bn.pairing(bn.G2, bn.G1, final_exponentiate=False),
        "final_exponentiation": lambda: bn.final_exponentiate(ml_out),
        "hash_to_g1": lambda: hash_to_g1(msg),
        "sign": lambda: bn.normalize(bn.multiply(hash_to_g1(msg), keys[0])),
        "verify": lambda: verify_hashed(hash_to_g1(msg)),
        "verify_prehashed": lambda: verify_hashed(h),
        "g2_aggregate_100": aggregate,
        "g2_parse_subgroup": lambda: parse_mcl_g2_with_subgroup_check(mcl_key),
        "g2_scalar_mul": lambda: bn.normalize(bn.multiply(bn.G2, keys[1])),
    }
    only = [name for name in args.only.split(",") if name]
    for name in only:
        if name not in ops:
            ap.error("unknown op %r (known: %s)" % (name, ", ".join(ops)))
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter
    results = {}
    for name, fn in ops.items():
        if only and name not in only:
            continue
        results[name] = timed(fn, args.repeats, clock)
        print("py_ecc %-22s %10.3f ms" % (name, results[name] * 1e3), file=sys.stderr, flush=True)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
