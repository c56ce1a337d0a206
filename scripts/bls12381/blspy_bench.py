#!/usr/bin/env python3
"""blspy side of the benchmark (Benchmarks/BLS12381Benchmarks), with the same operation names and
inputs as the Swift side. Requires: pip install blspy.

    blspy_bench.py            prints {operation name: µs per op} as JSON
    blspy_bench.py --serve    reads "name seconds" lines and answers each with the µs per op of one
                              round of that many seconds ("-" for an unknown name): the Swift side
                              alternates its rounds with these, so both see the same machine.
"""
import json
import sys
import time

from blspy import AugSchemeMPL, G1Element, G2Element, GTElement, PopSchemeMPL as P

def measure(f, rounds=10, round_seconds=0.1, warm_up=True):
    """The fastest of `rounds` rounds' means (each round repeats f for at least round_seconds): on a
    shared machine, the least disturbed round."""
    if warm_up:
        f()
    best = float("inf")
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while True:
            f()
            n += 1
            el = time.perf_counter() - start
            if el >= round_seconds:
                break
        best = min(best, el / n * 1e6)
    return best

sk = P.key_gen(bytes([7] * 32))
pk = sk.get_g1()
msg = b"Address: 0xNodeA123, State: down, Timestamp: 1714130000"
sig = P.sign(sk, msg)
keys100 = [P.key_gen(bytes([i] * 32)) for i in range(100)]
pks100 = [k.get_g1() for k in keys100]
sigs100 = [P.sign(k, msg) for k in keys100]
agg3 = P.aggregate(sigs100[:3])
agg100 = P.aggregate(sigs100)
distinct = [(k.get_g1(), msg + bytes([i]), P.sign(k, msg + bytes([i]))) for i, k in enumerate(keys100)]
agg_distinct = P.aggregate([s for _, _, s in distinct])
pk_bytes, sig_bytes = bytes(pk), bytes(sig)
dst = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"
h = G2Element.from_message(msg, dst)

ops = {
    "sign": lambda: P.sign(sk, msg),
    "verify": lambda: P.verify(pk, msg, sig),
    "fast aggregate verify (3)": lambda: P.fast_aggregate_verify(pks100[:3], msg, agg3),
    "fast aggregate verify (100)": lambda: P.fast_aggregate_verify(pks100, msg, agg100),
    "aggregate 100 signatures": lambda: P.aggregate(sigs100),
    "hash to G2": lambda: G2Element.from_message(msg, dst),
    "pairing": lambda: pk.pair(h),
    "G1 decompress + subgroup check": lambda: G1Element.from_bytes(pk_bytes),
    "G2 decompress + subgroup check": lambda: G2Element.from_bytes(sig_bytes),
    # blspy has no random-linear-combination batch verify; its closest equivalent for 100 distinct
    # (key, message) signatures is one aggregate_verify over the aggregate signature.
    "batch verify (100 distinct)": lambda: P.aggregate_verify([p for p, _, _ in distinct], [m for _, m, _ in distinct], agg_distinct),
}

if "--serve" in sys.argv:
    warm = set()
    for line in sys.stdin:
        name, _, seconds = line.rstrip("\n").rpartition(" ")
        f = ops.get(name)
        if f is None:
            print("-", flush=True)
            continue
        print(measure(f, rounds=1, round_seconds=float(seconds), warm_up=name not in warm), flush=True)
        warm.add(name)
else:
    print(json.dumps({name: measure(f) for name, f in ops.items()}))
