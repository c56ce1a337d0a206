#!/usr/bin/env python3
"""blspy oracle for the differential test (Tests/BLS12381Tests/BlspyDifferentialTests.swift).

Reads a JSON list of operations on stdin, answers a JSON list of results on stdout, computed by
blspy's PopSchemeMPL only (no shared code with the Swift implementation). Hex is lower case.
Requires: pip install blspy (tested with 2.0.3).
"""
import json
import sys

from blspy import G1Element, G2Element, PopSchemeMPL as P, PrivateKey


def g1(h):
    try:
        return G1Element.from_bytes(bytes.fromhex(h))
    except Exception:
        return None


def g2(h):
    try:
        return G2Element.from_bytes(bytes.fromhex(h))
    except Exception:
        return None


def is_identity_g1(pk):
    return bytes(pk) == bytes([0xC0]) + bytes(47)


def run(op):
    kind = op["op"]
    if kind == "keygen":
        sk = P.key_gen(bytes.fromhex(op["seed"]))
        return {"sk": bytes(sk).hex(), "pk": bytes(sk.get_g1()).hex()}
    if kind == "sign":
        sk = PrivateKey.from_bytes(bytes.fromhex(op["sk"]))
        return {"sig": bytes(P.sign(sk, bytes.fromhex(op["msg"]))).hex()}
    if kind == "pop":
        sk = PrivateKey.from_bytes(bytes.fromhex(op["sk"]))
        return {"pop": bytes(P.pop_prove(sk)).hex()}
    if kind == "decode":
        return {"g1": g1(op["g1"]) is not None, "g2": g2(op["g2"]) is not None}
    if kind == "verify":
        pk, sig = g1(op["pk"]), g2(op["sig"])
        ok = pk is not None and sig is not None and not is_identity_g1(pk) and P.verify(pk, bytes.fromhex(op["msg"]), sig)
        return {"ok": bool(ok)}
    if kind == "agg_sigs":
        return {"sig": bytes(P.aggregate([g2(s) for s in op["sigs"]])).hex()}
    if kind == "agg_pks":
        acc = G1Element()
        for h in op["pks"]:
            acc = acc + g1(h)
        return {"pk": bytes(acc).hex()}
    if kind == "fav":
        pks = [g1(h) for h in op["pks"]]
        sig = g2(op["sig"])
        ok = sig is not None and len(pks) > 0 and P.fast_aggregate_verify(pks, bytes.fromhex(op["msg"]), sig)
        return {"ok": bool(ok)}
    if kind == "av":
        pks = [g1(h) for h in op["pks"]]
        sig = g2(op["sig"])
        msgs = [bytes.fromhex(m) for m in op["msgs"]]
        ok = sig is not None and len(pks) > 0 and P.aggregate_verify(pks, msgs, sig)
        return {"ok": bool(ok)}
    if kind == "pop_verify":
        pk, proof = g1(op["pk"]), g2(op["pop"])
        ok = pk is not None and proof is not None and not is_identity_g1(pk) and P.pop_verify(pk, proof)
        return {"ok": bool(ok)}
    raise ValueError(kind)


if __name__ == "__main__":
    ops = json.load(sys.stdin)
    json.dump([run(op) for op in ops], sys.stdout)
