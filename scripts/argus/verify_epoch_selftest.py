"""Self-test of verify_epoch.py's own encoding, Merkle and BLS code, independent of Argus: known
answers (Keccak-256 of the empty string, the BLS12-381 G1 generator's coordinates, blspy's own point
addition, an OpenZeppelin StandardMerkleTree dump), the tree layout for 1 to 5 leaves, a report built
end to end with fresh blspy keys, and tamperings that must fail. Exits 0 and prints "SELFTEST OK".
"""
import json
import os
import subprocess
import sys

from blspy import G1Element, PopSchemeMPL

sys.dont_write_bytecode = True  # leave no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_epoch as v  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify_epoch.py")


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def must_fail(what, function, *args, expect=""):
    try:
        function(*args)
    except v.Failure as failure:
        check(expect in str(failure), "%s: failed for the wrong reason: %s" % (what, failure))
        print("  tamper %-44s -> FAIL %s" % (what, failure))
        return
    raise AssertionError("%s: verified but must fail" % what)


# --- 1. known answers -----------------------------------------------------------------------------

def test_keccak():
    check(v.keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
          "keccak256('') is Ethereum's Keccak-256")
    check(v.word(5) == bytes(31) + b"\x05" and len(v.word(2 ** 64 - 1)) == 32, "word")
    print("keccak256('') ok")


def g1_add(p1, p2):
    """Affine addition on y^2 = x^3 + 4 (distinct or equal points, neither at infinity)."""
    (x1, y1), (x2, y2) = p1, p2
    if (x1, y1) == (x2, y2):
        slope = 3 * x1 * x1 * pow(2 * y1, -1, v.P) % v.P
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, v.P) % v.P
    x3 = (slope * slope - x1 - x2) % v.P
    return x3, (slope * (x1 - x3) - y1) % v.P


def g1_compress(point):
    x, y = point
    flags = 0x80 | (0x20 if y > (v.P - 1) // 2 else 0)
    raw = bytearray(x.to_bytes(48, "big"))
    raw[0] |= flags
    return bytes(raw)


def affine(element):
    x, y = v.g1_uncompressed(bytes(element))
    return int.from_bytes(x, "big"), int.from_bytes(y, "big")


def test_g1():
    gx, gy = affine(G1Element.generator())
    check(gx == 0x17F1D3A73197D7942695638C4FA9AC0FC3688C4F9774B905A14E3A3F171BAC586C55E83FF97A1AEFFB3AF00ADB22C6BB
          and gy == 0x08B3F481E3AAA0F1A09E30ED741D8AE4FCF5E095D5D00AF600DB18CB2C04B3EDD03CC744A2888AE40CAA232946C5E7E1,
          "G1 generator coordinates")
    check(affine(G1Element.generator().negate()) == (gx, v.P - gy), "negated generator")
    keys = [PopSchemeMPL.key_gen(bytes([i]) * 32).get_g1() for i in range(1, 9)]
    sign_bits = set()
    for a, b in zip(keys, keys[1:] + keys[:1]):
        for pa in (a, a.negate()):
            sign_bits.add(bytes(pa)[0] & 0x20)
            check(g1_compress(g1_add(affine(pa), affine(b))) == bytes(pa + b), "x,y agree with blspy addition")
            check(g1_compress(g1_add(affine(pa), affine(pa))) == bytes(pa + pa), "x,y agree with blspy doubling")
    check(sign_bits == {0, 0x20}, "both sign-bit values exercised")
    print("G1 decompression ok (generator, negation, %d additions/doublings against blspy)" % (4 * len(keys)))


def abi_string_leaf(text):
    """StandardMerkleTree leaf of the single value [text] with leaf encoding ["string"]."""
    data = text.encode()
    padded = data + bytes(-len(data) % 32)
    return v.keccak256(v.keccak256(v.word(32) + v.word(len(data)) + padded))


# OpenZeppelin/merkle-tree test/dumps/standard-v1.sorted.1_0_6.json: StandardMerkleTree.of([["a"], ..., ["f"]],
# ["string"]) (the known answer, data only).
OZ_SORTED_TREE = """
6deb52b5da8fd108f79fab00341f38d2587896634c646ee52e49f845680a70c8
52426e0f1f65ff7e209a13b8c29cffe82e3acaf3dad0a9b9088f3b9a61a929c3
fd3cf45654e88d1cc5d663578c82c76f4b5e3826bacaa1216441443504538f51
8076923e76cf01a7c048400a2304c9a9c23bbbdac3a98ea3946340fdafbba34f
965b92c6cf08303cc4feb7f3e0819c436c2cec17c6f0688a6af139c9a368707c
eba909cf4bb90c6922771d7f126ad0fd11dfde93f3937a196274e1ac20fd2f5b
c62a8cfa41edc0ef6f6ae27a2985b7d39c7fea770787d7e104696c6e81f64848
9cf5a63718145ba968a01c1d557020181c5b252f665cf7386d370eddb176517b
9c15a6a0eaeed500fd9eed4cbeab71f797cefcc67bfd46683e4d2e6ff7f06d1c
9a4f64e953595df82d1b4f570d34c4f4f0cfaf729a61e9d60e83e579e1aa283e
19ba6c6333e0e9a15bf67523e0676e2f23eb8e574092552d5e888c64a4bb3681""".split()
OZ_TREE_INDEX = {"a": 8, "b": 10, "c": 7, "d": 5, "e": 9, "f": 6}


def test_openzeppelin_dump():
    expected = [bytes.fromhex(h) for h in OZ_SORTED_TREE]
    leaves = {letter: abi_string_leaf(letter) for letter in "abcdef"}
    for letter, index in OZ_TREE_INDEX.items():
        check(expected[index] == leaves[letter], "OZ leaf hash of %r" % letter)
    tree = v.build_tree(list(leaves.values()))
    check(tree == expected, "whole tree array equals OpenZeppelin's dump")
    for index in OZ_TREE_INDEX.values():
        check(v.fold(tree[index], v.tree_proof(tree, index)) == expected[0], "OZ proof folds")
    print("OpenZeppelin StandardMerkleTree dump (6 leaves) reproduced exactly, root 0x%s" % OZ_SORTED_TREE[0])


# --- 2. tree layout for 1..5 leaves -----------------------------------------------------------------

def test_layouts():
    targets = ["0xNodeA123", "0x00000000000000000000000000000000DeaDBeef", "node-b", "node-c", "node-d"]
    all_leaves = [v.leaf_hash(v.target_id(t), 36000, 39600, 7 * i) for i, t in enumerate(targets)]
    n = v.node
    for k in range(1, 6):
        leaves = sorted(all_leaves[:k])
        t = v.build_tree(all_leaves[:k])
        names = {leaf: "l%d" % i for i, leaf in enumerate(leaves)}
        print("tree with %d leaves (l0 < l1 < ... sorted):" % k)
        for j, h in enumerate(t):
            label = names.get(h, "node(t%d,t%d)" % (2 * j + 1, 2 * j + 2))
            print("  t[%d] = 0x%s…  %s" % (j, h.hex()[:16], "root = " + label if j == 0 else label))
        for i, leaf in enumerate(leaves):
            p = 2 * k - 2 - i
            check(t[p] == leaf, "sorted leaf %d at t[2k-2-i]" % i)
            proof = v.tree_proof(t, p)
            check(v.fold(leaf, proof) == t[0], "proof of l%d folds to the root" % i)
            print("  proof(l%d) from t[%d]: %d element(s)" % (i, p, len(proof)))
        l0, l1, l2, l3, l4 = (leaves + [None] * 5)[:5]
        if k == 1:
            check(t == [l0] and v.tree_root(t) == l0 and v.tree_proof(t, 0) == [], "1 leaf: root == leaf, proof []")
        if k == 2:
            check(t == [n(l0, l1), l1, l0], "2 leaves: [node(l0,l1), l1, l0]")
            check(v.tree_proof(t, 2) == [l1] and v.tree_proof(t, 1) == [l0], "2 leaves: proofs")
        if k == 3:
            check(t == [n(n(l0, l1), l2), n(l0, l1), l2, l1, l0], "3 leaves: [node(node(l0,l1),l2), node(l0,l1), l2, l1, l0]")
            check(v.tree_proof(t, 4) == [l1, l2] and v.tree_proof(t, 3) == [l0, l2]
                  and v.tree_proof(t, 2) == [n(l0, l1)], "3 leaves: proofs")
        if k == 4:
            check(t == [n(n(l2, l3), n(l0, l1)), n(l2, l3), n(l0, l1), l3, l2, l1, l0], "4 leaves: balanced")
            check(all(len(v.tree_proof(t, p)) == 2 for p in range(3, 7)), "4 leaves: proofs of length 2")
        if k == 5:
            check(t == [n(n(n(l0, l1), l4), n(l2, l3)), n(n(l0, l1), l4), n(l2, l3), n(l0, l1), l4, l3, l2, l1, l0],
                  "5 leaves: [root, node(node(l0,l1),l4), node(l2,l3), node(l0,l1), l4, l3, l2, l1, l0]")
            check([len(v.tree_proof(t, 8 - i)) for i in range(5)] == [3, 3, 2, 2, 2], "5 leaves: proof lengths")
            check(v.tree_proof(t, 4) == [n(l0, l1), n(l2, l3)], "5 leaves: proof of l4")
    check(v.tree_root(v.build_tree([])) == bytes(32), "no leaves: zero root")


# --- 3. a report end to end ----------------------------------------------------------------------

DOMAIN = bytes(range(0xA0, 0xC0))
EPOCH_LENGTH = 3600
EPOCH = 480000
TARGETS = {"0xAbCdEf0123456789aBcDeF0123456789AbCdEf01": 0,
           "0x00000000000000000000000000000000DeaDBeef": 12,
           "0xNodeA123": 3600,
           "node-b.example:443": 7,
           "ünïcode target": 900}


def make_cluster(count, stakes=None):
    secrets = [PopSchemeMPL.key_gen(bytes([0x40 + i]) * 32) for i in range(count)]
    registry = {}
    for i, secret in enumerate(secrets):
        entry = {"url": "http://127.0.0.1:%d" % (5001 + i), "pubkey": bytes(secret.get_g1()).hex(),
                 "pop": bytes(PopSchemeMPL.pop_prove(secret)).hex()}
        if stakes:
            entry["stake"] = stakes[i]
        registry["Node%d" % (i + 1)] = entry
    return secrets, json.dumps(registry)


def make_report(secrets, registry_text, targets, non_signers, weighting="count", domain=DOMAIN, sign_for=None):
    """A report as the spec describes it, and one inclusion proof per target."""
    members = v.parse_registry(registry_text)
    from_ts, to_ts = EPOCH * EPOCH_LENGTH, (EPOCH + 1) * EPOCH_LENGTH
    rows = []
    for address, downtime in targets.items():
        tid = v.target_id(address)
        rows.append((v.leaf_hash(tid, from_ts, to_ts, downtime), address, tid, downtime))
    rows.sort()
    tree = v.build_tree([row[0] for row in rows])
    root = v.tree_root(tree)
    registry_root = v.registry_root(members, weighting, 2, 3)
    message = v.statement(domain, registry_root, EPOCH, from_ts, to_ts, len(rows), root)
    signer_names = [m[0] for m in members if m[0] not in non_signers]
    sign_for = signer_names if sign_for is None else sign_for
    signature = PopSchemeMPL.aggregate([PopSchemeMPL.sign(secrets[int(name[4:]) - 1], message) for name in sign_for])
    report = {"epoch": EPOCH, "from_timestamp": from_ts, "to_timestamp": to_ts, "domain": v.hex32(domain),
              "registry_root": v.hex32(registry_root), "leaf_count": len(rows), "root": v.hex32(root),
              "statement": v.hex32(message), "aggregated_signature": bytes(signature).hex(),
              "non_signing_nodes": list(non_signers), "signers": signer_names,
              "quorum": "at least 2/3 of the members by %s" % weighting,
              "leaves": [{"address": a, "target_id": v.hex32(tid), "downtime_seconds": d} for _, a, tid, d in rows]}
    proofs = []
    for i, (leaf, address, tid, downtime) in enumerate(rows):
        proofs.append({"epoch": EPOCH, "address": address, "target_id": v.hex32(tid), "from_timestamp": from_ts,
                       "to_timestamp": to_ts, "downtime_seconds": downtime, "leaf": v.hex32(leaf),
                       "proof": [v.hex32(s) for s in v.tree_proof(tree, 2 * len(rows) - 2 - i)], "root": v.hex32(root)})
    return report, proofs


def request(registry_text, report, proofs=(), **extra):
    return dict({"registry": registry_text, "report": json.dumps(report),
                 "proofs": [json.dumps(p) for p in proofs]}, **extra)


def edited(document, **changes):
    copy = json.loads(json.dumps(document))
    copy.update(changes)
    return copy


def run_cli(payload):
    result = subprocess.run([sys.executable, SCRIPT], input=payload, capture_output=True, text=True)
    check("Traceback" not in result.stderr and result.stderr == "", "no traceback: %s" % result.stderr)
    return result.returncode, result.stdout.strip()


def test_end_to_end():
    secrets, registry_text = make_cluster(4)
    report, proofs = make_report(secrets, registry_text, TARGETS, ["Node4"])
    check(v.target_id("0xAbCdEf0123456789aBcDeF0123456789AbCdEf01")
          == bytes(12) + bytes.fromhex("abcdef0123456789abcdef0123456789abcdef01"), "address target_id, mixed case")
    check(v.target_id("0xNodeA123") == v.keccak256(b"0xNodeA123"), "other target_id is keccak256(utf8)")
    good = request(registry_text, report, proofs, domain=v.hex32(DOMAIN))
    lines = v.verify(good)
    print("end to end (4 members, Node4 not signing, 5 targets):")
    for line in lines:
        print("  " + line)
    check(len(lines) == 6 and lines[0].startswith("OK report epoch=%d leaves=5 " % EPOCH)
          and lines[0].endswith("signers=Node1,Node2,Node3 quorum=count:2/3"), "report line")
    code, out = run_cli(json.dumps(good))
    check(code == 0 and out.splitlines() == lines, "command line agrees: %s" % out)

    unsorted = v.verify(request(registry_text, edited(report, leaves=report["leaves"][::-1])))
    check(unsorted[0] == lines[0], "leaves in another order: the verifier sorts them")

    print("tamperings:")
    leaves = report["leaves"]
    changed = [dict(leaf) for leaf in leaves]
    changed[2]["downtime_seconds"] += 1
    must_fail("report downtime changed", v.verify, request(registry_text, edited(report, leaves=changed)),
              expect="root")
    proof = edited(proofs[2], downtime_seconds=proofs[2]["downtime_seconds"] + 1)
    must_fail("proof downtime changed", v.verify, request(registry_text, report, [proof]), expect="leaf")
    proof["leaf"] = v.hex32(v.leaf_hash(v.target_id(proof["address"]), proof["from_timestamp"],
                                        proof["to_timestamp"], proof["downtime_seconds"]))
    must_fail("proof downtime changed, leaf rebuilt", v.verify, request(registry_text, report, [proof]),
              expect="folding")
    changed_targets = dict(TARGETS, **{"0xNodeA123": 3599})
    resigned, _ = make_report(secrets, registry_text, changed_targets, ["Node4"])
    resigned["aggregated_signature"] = report["aggregated_signature"]
    must_fail("downtime changed, root+statement redone", v.verify, request(registry_text, resigned),
              expect="does not verify")
    must_fail("leaf dropped", v.verify, request(registry_text, edited(report, leaves=leaves[1:])), expect="root")
    dropped, _ = make_report(secrets, registry_text, dict(list(TARGETS.items())[1:]), ["Node4"])
    dropped["aggregated_signature"] = report["aggregated_signature"]
    must_fail("leaf dropped, root+count+statement redone", v.verify, request(registry_text, dropped),
              expect="does not verify")
    must_fail("leaf dropped, leaf_count kept", v.verify,
              request(registry_text, edited(dropped, leaf_count=5)), expect="leaf_count")
    wrong = v.hex32(bytes(31) + b"\x01")
    must_fail("wrong --domain", v.verify, request(registry_text, report, domain=wrong), expect="domain")
    must_fail("report domain changed", v.verify, request(registry_text, edited(report, domain=wrong)),
              expect="statement")
    other, _ = make_report(secrets, registry_text, TARGETS, ["Node4"], domain=bytes(31) + b"\x01")
    must_fail("signed for another domain", v.verify, request(registry_text, other, domain=v.hex32(DOMAIN)),
              expect="domain")
    must_fail("non-signer added, below quorum", v.verify,
              request(registry_text, edited(report, non_signing_nodes=["Node4", "Node1"],
                                            signers=["Node2", "Node3"])), expect="quorum:")
    six_secrets, six = make_cluster(6)
    report6, _ = make_report(six_secrets, six, TARGETS, ["Node6"])
    check(v.verify(request(six, report6))[0].endswith("signers=Node1,Node2,Node3,Node4,Node5 quorum=count:2/3"), "6")
    must_fail("non-signer added, signers kept", v.verify,
              request(six, edited(report6, non_signing_nodes=["Node6", "Node1"])), expect="signers:")
    must_fail("non-signer added, signers updated", v.verify,
              request(six, edited(report6, non_signing_nodes=["Node6", "Node1"],
                                  signers=["Node2", "Node3", "Node4", "Node5"])), expect="does not verify")
    must_fail("non-signer added, signers field absent", v.verify,
              request(six, {k: x for k, x in edited(report6, non_signing_nodes=["Node6", "Node1"]).items()
                            if k != "signers"}), expect="does not verify")
    must_fail("non-signer removed", v.verify, request(registry_text, edited(report, non_signing_nodes=[])),
              expect="signers:")
    must_fail("non-signer removed, signers updated", v.verify,
              request(registry_text, edited(report, non_signing_nodes=[], signers=["Node1", "Node2", "Node3", "Node4"])),
              expect="does not verify")
    must_fail("non-signer listed twice", v.verify,
              request(registry_text, edited(report, non_signing_nodes=["Node4", "Node4"])), expect="twice")
    must_fail("non-signer not a member", v.verify,
              request(registry_text, edited(report, non_signing_nodes=["Node9"])), expect="not a registry member")
    path = list(proofs[0]["proof"])
    path[1] = v.hex32(bytes(32))
    must_fail("proof path element changed", v.verify,
              request(registry_text, report, [edited(proofs[0], proof=path)]), expect="folding")
    must_fail("proof path element dropped", v.verify,
              request(registry_text, report, [edited(proofs[0], proof=proofs[0]["proof"][:-1])]), expect="folding")
    must_fail("proof for another epoch", v.verify,
              request(registry_text, report, [edited(proofs[0], epoch=EPOCH + 1)]), expect="epoch")
    must_fail("proof target_id changed", v.verify,
              request(registry_text, report, [edited(proofs[0], target_id=v.hex32(bytes(32)))]), expect="target_id")
    must_fail("registry member reordered", v.verify,
              request(json.dumps(dict(reversed(list(json.loads(registry_text).items())))), report),
              expect="registry_root")
    must_fail("quorum rule changed", v.verify,
              request(registry_text, report, quorum={"numerator": 3, "denominator": 4}), expect="registry_root")
    no_pop = json.loads(registry_text)
    del no_pop["Node2"]["pop"]
    must_fail("registry member without pop", v.verify, request(json.dumps(no_pop), report), expect="no pop")
    swapped = json.loads(registry_text)
    swapped["Node2"]["pop"] = swapped["Node1"]["pop"]
    must_fail("registry pop of another key", v.verify, request(json.dumps(swapped), report), expect="pop of Node2")
    must_fail("signature by Node1,Node2 only", v.verify,
              request(registry_text, make_report(secrets, registry_text, TARGETS, ["Node4"],
                                                 sign_for=["Node1", "Node2"])[0]), expect="does not verify")


def test_stake_and_edges():
    secrets, staked = make_cluster(4, stakes=[1, 1, 1, 10])
    report, proofs = make_report(secrets, staked, TARGETS, ["Node2"], weighting="stake")
    lines = v.verify(request(staked, report, proofs))
    check(lines[0].endswith("signers=Node1,Node3,Node4 quorum=stake:2/3"), "stake quorum")
    must_fail("stake quorum not met", v.verify,
              request(staked, make_report(secrets, staked, TARGETS, ["Node4"], weighting="stake")[0]), expect="quorum")
    count_report, _ = make_report(secrets, staked, TARGETS, ["Node4"], weighting="count")
    check(v.verify(request(staked, count_report, quorum={"weighting": "count"}))[0].endswith("quorum=count:2/3"),
          "count quorum forced on a staked registry")
    must_fail("count report read as stake", v.verify, request(staked, count_report), expect="registry_root")

    for targets in ({}, {"0xNodeA123": 5}):
        report, proofs = make_report(secrets, staked, targets, [], weighting="stake")
        lines = v.verify(request(staked, report, proofs))
        check(len(lines) == 1 + len(targets), "edge report")
        if not targets:
            check(report["root"] == "0x" + "00" * 32 and report["leaf_count"] == 0, "empty report")
        else:
            check(proofs[0]["proof"] == [] and proofs[0]["leaf"] == report["root"], "one-leaf report")
        print("  " + "\n  ".join(lines))
    twin = {"0xAbCdEf0123456789aBcDeF0123456789AbCdEf01": 1, "0xabcdef0123456789abcdef0123456789abcdef01": 2}
    must_fail("two addresses, one target_id", v.verify,
              request(staked, make_report(secrets, staked, twin, [], weighting="stake")[0]), expect="twice")

    print("malformed input (command line):")
    good = request(staked, report, proofs)
    cases = {"not JSON": "{", "no report": json.dumps({"registry": staked}),
             "report not JSON": json.dumps(dict(good, report="[1,")),
             "missing root": json.dumps(dict(good, report=json.dumps({k: x for k, x in report.items() if k != "root"}))),
             "bad hex": json.dumps(dict(good, report=json.dumps(edited(report, root="0x" + "zz" * 32)))),
             "bad signature hex": json.dumps(dict(good, report=json.dumps(edited(report, aggregated_signature="ab")))),
             "float epoch": json.dumps(dict(good, report=json.dumps(edited(report, epoch=1.5)))),
             "bad domain": json.dumps(dict(good, domain="0x12")),
             "proof not JSON": json.dumps(dict(good, proofs=["nope"]))}
    for name, payload in cases.items():
        code, out = run_cli(payload)
        check(code == 1 and out.startswith("FAIL malformed: "), "%s: %s" % (name, out))
        print("  %-18s -> %s" % (name, out))
    code, out = run_cli(json.dumps(dict(good, domain="0x" + "11" * 32)))
    check(code == 1 and out.startswith("FAIL domain"), out)


def main():
    test_keccak()
    test_g1()
    test_openzeppelin_dump()
    test_layouts()
    test_end_to_end()
    test_stake_and_edges()
    print("SELFTEST OK")


if __name__ == "__main__":
    main()
