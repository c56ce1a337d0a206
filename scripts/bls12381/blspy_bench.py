#!/usr/bin/env python3
"""blspy side of the benchmark (Benchmarks/BLS12381Benchmarks). Prints {operation name: µs per op} as
JSON, with the same operation names and inputs as the Swift side. Requires: pip install blspy."""
import json
import time

from blspy import AugSchemeMPL, G1Element, G2Element, GTElement, PopSchemeMPL as P

def measure(f, min_seconds=1.0):
    f()
    n, start = 0, time.perf_counter()
    while True:
        f()
        n += 1
        el = time.perf_counter() - start
        if el >= min_seconds:
            return el / n * 1e6

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

out = {
    "sign": measure(lambda: P.sign(sk, msg)),
    "verify": measure(lambda: P.verify(pk, msg, sig)),
    "fast aggregate verify (3)": measure(lambda: P.fast_aggregate_verify(pks100[:3], msg, agg3)),
    "fast aggregate verify (100)": measure(lambda: P.fast_aggregate_verify(pks100, msg, agg100)),
    "aggregate 100 signatures": measure(lambda: P.aggregate(sigs100)),
    "hash to G2": measure(lambda: G2Element.from_message(msg, dst)),
    "pairing": measure(lambda: pk.pair(h)),
    "G1 decompress + subgroup check": measure(lambda: G1Element.from_bytes(pk_bytes)),
    "G2 decompress + subgroup check": measure(lambda: G2Element.from_bytes(sig_bytes)),
    # blspy has no random-linear-combination batch verify; its closest equivalent for 100 distinct
    # (key, message) signatures is one aggregate_verify over the aggregate signature.
    "batch verify (100 distinct)": measure(lambda: P.aggregate_verify([p for p, _, _ in distinct], [m for _, m, _ in distinct], agg_distinct)),
}
print(json.dumps(out))
