"""Independent check of a Zellular finalized-batches response, written from the protocol
description (zellular-protocol.md §5-§7) with py_ecc and python-xxhash < 4, sharing no code with
Argus. Reads a JSON object on stdin: {"app": NAME, "nodes_json": TEXT, "response": TEXT} where
`response` is the body of GET /node/{app}/batches/finalized?after=0. Prints "OK <sync points>"
when every finalization signature verifies against the network's keys, else "FAIL <reason>".
"""
import json
import sys

import xxhash
from py_ecc.optimized_bn128 import FQ, FQ2, FQ12, G2, curve_order, field_modulus, final_exponentiate, pairing, multiply, neg


def h(text):
    return xxhash.xxh128_hexdigest(text.encode())


def hash_to_g1(message_bytes):
    p = field_modulus
    x = int.from_bytes(message_bytes, "big") % p
    while True:
        beta = (pow(x, 3, p) + 3) % p
        y = pow(beta, (p + 1) // 4, p)
        if y * y % p == beta:
            return (FQ(x), FQ(y), FQ.one())
        x = (x + 1) % p


def g1_from_mcl(text):
    parts = text.split(" ")
    assert parts[0] == "1" and len(parts) == 3, "not an mcl G1 point"
    return (FQ(int(parts[1])), FQ(int(parts[2])), FQ.one())


def g2_from_lists(xs, ys):
    # pubkeyG2_X = [imaginary, real]; py_ecc's FQ2 takes [real, imaginary].
    return (FQ2([int(xs[1]), int(xs[0])]), FQ2([int(ys[1]), int(ys[0])]), FQ2.one())


def add_g2(a, b):
    from py_ecc.optimized_bn128 import add
    return add(a, b)


def main():
    request = json.load(sys.stdin)
    app = request["app"]
    nodes = json.loads(request["nodes_json"])
    data = json.loads(request["response"])["data"]
    key = None
    for node in nodes.values():
        point = g2_from_lists(node["pubkeyG2_X"], node["pubkeyG2_Y"])
        key = point if key is None else add_g2(key, point)
    chain = ""
    signatures = {s["index"]: s for s in data["finalized_signatures"]}
    verified = 0
    for index, body in enumerate(data["batches"], start=1):
        chain = h(chain + h(body))
        if index == 1 and chain != data["first_chaining_hash"]:
            print("FAIL first_chaining_hash"); return
        if index not in signatures:
            continue
        s = signatures[index]
        if s["chaining_hash"] != chain or s["nonsigners"]:
            print("FAIL sync point %d fields" % index); return
        message = json.dumps({"app_name": app, "state": "locked", "index": index, "chaining_hash": chain,
                              "timestamp": s["timestamp"], "parent_index": s["parent_index"]}, sort_keys=True)
        digest = h(message)
        lhs = pairing(key, hash_to_g1(digest.encode()))
        rhs = pairing(G2, g1_from_mcl(s["signature"]))
        if lhs != rhs:
            print("FAIL signature at %d" % index); return
        verified += 1
    print("OK %d" % verified)


if __name__ == "__main__":
    main()
