"""Independent check of an Argus epoch report and its Merkle inclusion proofs, written only from the
public description (docs/PROOFS.md, "Epoch reports"), sharing no code with Argus: Keccak-256 from
pycryptodome, BLS from blspy (PopSchemeMPL), everything else (target ids, leaves, the OpenZeppelin
StandardMerkleTree layout, G1 decompression, registry_root, statement, quorum) recomputed here.

Reads one JSON object on stdin:
  {"registry": <monitoring_nodes.json text>, "report": <epoch report JSON text>,
   "proofs": [<inclusion proof JSON text>, ...],                          optional, default []
   "domain": "0x<64 hex>",                   optional: the report's domain must equal it
   "quorum": {"weighting": "count"|"stake", "numerator": 2, "denominator": 3}}   optional; default
             stake when every registry member has a "stake", else count; 2/3
Prints "OK report ..." and one "OK proof ..." per proof and exits 0, or prints "FAIL <reason>"
(or "FAIL malformed: <reason>") at the first failure and exits 1.
"""
import json
import re
import sys

from Crypto.Hash import keccak
from blspy import G1Element, G2Element, PopSchemeMPL

# BLS12-381 base field modulus; G1 is y^2 = x^3 + 4 over it.
P = 0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
UINT32 = 2 ** 32
UINT64 = 2 ** 64
UINT256 = 2 ** 256


class Failure(Exception):
    """The input does not verify; str() is the reason printed after FAIL."""


def fail(reason):
    raise Failure(reason)


def malformed(reason):
    raise Failure("malformed: " + reason)


# --- encoding -------------------------------------------------------------------------------------

def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def word(n):
    """A 32-byte big-endian word, as abi.encode writes any uint."""
    if not 0 <= n < UINT256:
        malformed("integer %d does not fit 256 bits" % n)
    return n.to_bytes(32, "big")


def hex32(b):
    return "0x" + b.hex()


def target_id(address):
    """0x + 40 hex digits (either case): 12 zero bytes then the address; else keccak256(utf8)."""
    if re.fullmatch(r"0x[0-9a-fA-F]{40}", address):
        return bytes(12) + bytes.fromhex(address[2:])
    return keccak256(address.encode("utf-8"))


def leaf_hash(tid, from_ts, to_ts, downtime):
    """keccak256(keccak256(abi.encode(bytes32, uint64, uint64, uint64)))."""
    return keccak256(keccak256(tid + word(from_ts) + word(to_ts) + word(downtime)))


# --- Merkle tree (OpenZeppelin StandardMerkleTree layout) ------------------------------------------

def node(a, b):
    return keccak256(min(a, b) + max(a, b))


def build_tree(leaves):
    """The 2k-1 array: sorted leaf i at t[2k-2-i], t[j] = node(t[2j+1], t[2j+2]) for j = k-2..0."""
    ordered = sorted(leaves)
    k = len(ordered)
    t = [b""] * (2 * k - 1) if k else []
    for i, leaf in enumerate(ordered):
        t[2 * k - 2 - i] = leaf
    for j in range(k - 2, -1, -1):
        t[j] = node(t[2 * j + 1], t[2 * j + 2])
    return t


def tree_root(t):
    return t[0] if t else bytes(32)


def tree_proof(t, p):
    """Siblings from array position p up to the root."""
    proof = []
    while p > 0:
        proof.append(t[p + 1] if p % 2 == 1 else t[p - 1])
        p = (p - 1) // 2
    return proof


def fold(leaf, proof):
    """MerkleProof.processProof: h = node(h, s) for each sibling."""
    h = leaf
    for s in proof:
        h = node(h, s)
    return h


# --- BLS keys -------------------------------------------------------------------------------------

def g1_uncompressed(compressed, what="public key"):
    """(x, y), 48 bytes big-endian each, of a valid compressed G1 point (ZCash encoding)."""
    if len(compressed) != 48 or compressed[0] & 0x80 == 0:
        malformed("%s is not a compressed G1 point" % what)
    if compressed[0] & 0x40:
        malformed("%s is the point at infinity" % what)
    x = int.from_bytes(bytes([compressed[0] & 0x1F]) + compressed[1:], "big")
    if x >= P:
        malformed("%s x is not below p" % what)
    rhs = (x * x * x + 4) % P
    y = pow(rhs, (P + 1) // 4, P)  # p = 3 mod 4
    if y * y % P != rhs:
        malformed("%s x is not on the curve" % what)
    larger = y > (P - 1) // 2
    if larger != bool(compressed[0] & 0x20):
        y = P - y
    return x.to_bytes(48, "big"), y.to_bytes(48, "big")


# --- field access ---------------------------------------------------------------------------------

def load_json(text, what):
    if not isinstance(text, str):
        malformed("%s is not a JSON text (string)" % what)

    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            malformed("%s has a duplicate key" % what)
        return dict(pairs)
    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except ValueError as error:
        malformed("%s is not JSON: %s" % (what, error))


def field(obj, key, kind, what):
    if not isinstance(obj, dict):
        malformed("%s is not an object" % what)
    if key not in obj:
        malformed("%s has no %s" % (what, key))
    value = obj[key]
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            malformed("%s %s is not an integer" % (what, key))
    elif not isinstance(value, kind):
        malformed("%s %s is not a %s" % (what, key, kind.__name__))
    return value


def uint(obj, key, bound, what):
    value = field(obj, key, int, what)
    if not 0 <= value < bound:
        malformed("%s %s = %d is out of range" % (what, key, value))
    return value


def hash_field(obj, key, what):
    """0x + 64 lower-case hex digits."""
    value = field(obj, key, str, what)
    if not re.fullmatch(r"0x[0-9a-f]{64}", value):
        malformed("%s %s is not 0x + 64 lower-case hex digits: %r" % (what, key, value))
    return bytes.fromhex(value[2:])


def plain_hex(value, length, what):
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-fA-F]{%d}" % (2 * length), value):
        malformed("%s is not %d hex digits" % (what, 2 * length))
    return bytes.fromhex(value)


# --- registry and quorum --------------------------------------------------------------------------

def parse_registry(text):
    """[(name, G1Element, compressed bytes, stake or None)] in file order; every pop verified."""
    registry = load_json(text, "registry")
    if not isinstance(registry, dict) or not registry:
        malformed("registry is not a non-empty object")
    members, seen = [], set()
    for name, entry in registry.items():
        what = "registry member %s" % name
        raw = plain_hex(field(entry, "pubkey", str, what), 48, what + " pubkey")
        g1_uncompressed(raw, what + " pubkey")  # rejects infinity, non-compressed forms, x off the curve
        try:
            key = G1Element.from_bytes(raw)
        except Exception as error:
            malformed("%s pubkey is not a valid G1 point: %s" % (what, error))
        if bytes(key) != raw:
            malformed("%s pubkey is not canonical" % what)
        if raw in seen:
            fail("registry: %s repeats another member's public key" % name)
        seen.add(raw)
        if "pop" not in entry:
            fail("registry: %s has no pop" % name)
        pop_raw = plain_hex(entry["pop"], 96, what + " pop")
        try:
            pop = G2Element.from_bytes(pop_raw)
        except Exception as error:
            fail("registry: %s pop is not a valid G2 point: %s" % (name, error))
        if not PopSchemeMPL.pop_verify(key, pop):
            fail("registry: pop of %s does not verify" % name)
        stake = None
        if "stake" in entry:
            stake = uint(entry, "stake", UINT256, what)
        members.append((name, key, raw, stake))
    return members


def quorum_rule(members, requested):
    """(weighting, numerator, denominator)."""
    requested = {} if requested is None else requested
    if not isinstance(requested, dict):
        malformed("quorum is not an object")
    default = "stake" if all(stake is not None for _, _, _, stake in members) else "count"
    weighting = requested.get("weighting", default)
    if weighting not in ("count", "stake"):
        malformed("quorum weighting must be count or stake, not %r" % (weighting,))
    numerator = uint(requested, "numerator", UINT256, "quorum") if "numerator" in requested else 2
    denominator = uint(requested, "denominator", UINT256, "quorum") if "denominator" in requested else 3
    if not 0 < numerator <= denominator:
        malformed("quorum %d/%d is not a fraction in (0, 1]" % (numerator, denominator))
    if weighting == "stake":
        for name, _, _, stake in members:
            if stake is None:
                malformed("stake quorum but registry member %s has no stake" % name)
    return weighting, numerator, denominator


def weight(member, weighting):
    return member[3] if weighting == "stake" else 1


def registry_root(members, weighting, numerator, denominator):
    data = keccak256(b"argus.registry.v1") + word(numerator) + word(denominator)
    for member in members:
        x, y = g1_uncompressed(member[2])
        data += x + y + word(weight(member, weighting))
    return keccak256(data)


def statement(domain, reg_root, epoch, from_ts, to_ts, leaf_count, root):
    return keccak256(keccak256(b"argus.epoch.v1") + domain + reg_root + word(epoch) + word(from_ts)
                     + word(to_ts) + word(leaf_count) + root)


# --- the checks -----------------------------------------------------------------------------------

def check_leaves(report, from_ts, to_ts):
    """{address: (target_id, downtime, leaf)} from the report's leaves, each rebuilt."""
    leaves = field(report, "leaves", list, "report")
    rebuilt, ids = {}, set()
    for index, entry in enumerate(leaves):
        what = "report leaf %d" % index
        address = field(entry, "address", str, what)
        downtime = uint(entry, "downtime_seconds", UINT64, what)
        claimed = hash_field(entry, "target_id", what)
        tid = target_id(address)
        if claimed != tid:
            fail("leaf %s: target_id %s, address gives %s" % (address, hex32(claimed), hex32(tid)))
        if tid in ids:
            fail("leaf %s: target_id %s appears twice" % (address, hex32(tid)))
        ids.add(tid)
        if downtime > to_ts - from_ts:
            fail("leaf %s: downtime %d exceeds the epoch length %d" % (address, downtime, to_ts - from_ts))
        leaf = leaf_hash(tid, from_ts, to_ts, downtime)
        if "leaf" in entry and hash_field(entry, "leaf", what) != leaf:
            fail("leaf %s: leaf %s, rebuilt %s" % (address, entry["leaf"], hex32(leaf)))
        rebuilt[address] = (tid, downtime, leaf)
    return rebuilt


def check_signers(report, members, weighting, numerator, denominator, message):
    non_signers = field(report, "non_signing_nodes", list, "report")
    names = [member[0] for member in members]
    for name in non_signers:
        if not isinstance(name, str) or name not in names:
            fail("non_signing_nodes: %r is not a registry member" % (name,))
    if len(set(non_signers)) != len(non_signers):
        fail("non_signing_nodes: a member is listed twice")
    signers = [member for member in members if member[0] not in non_signers]
    signing = sum(weight(member, weighting) for member in signers)
    total = sum(weight(member, weighting) for member in members)
    if not signers or signing * denominator < numerator * total:
        fail("quorum: signers hold %d of %d by %s, below %d/%d"
             % (signing, total, weighting, numerator, denominator))
    signer_names = [member[0] for member in signers]
    if "signers" in report:
        listed = field(report, "signers", list, "report")
        if listed != signer_names:
            fail("signers: report lists %s, the members minus non_signing_nodes are %s"
                 % (listed, signer_names))
    raw = plain_hex(field(report, "aggregated_signature", str, "report"), 96, "report aggregated_signature")
    try:
        signature = G2Element.from_bytes(raw)
    except Exception as error:
        fail("aggregated_signature is not a valid G2 point: %s" % error)
    if not PopSchemeMPL.fast_aggregate_verify([member[1] for member in signers], message, signature):
        fail("aggregated_signature does not verify for %s over statement %s"
             % (",".join(signer_names), hex32(message)))
    return signer_names


def check_report(registry_text, report_text, domain=None, quorum=None):
    """Steps 1-4 of the check. Returns a summary dict for check_proof and the OK line."""
    members = parse_registry(registry_text)
    weighting, numerator, denominator = quorum_rule(members, quorum)
    report = load_json(report_text, "report")
    epoch = uint(report, "epoch", UINT64, "report")
    from_ts = uint(report, "from_timestamp", UINT64, "report")
    to_ts = uint(report, "to_timestamp", UINT64, "report")
    length = to_ts - from_ts
    if length < 10 or from_ts != epoch * length:
        fail("epoch bounds: epoch %d of [%d, %d) is not [n*L, (n+1)*L) with L >= 10" % (epoch, from_ts, to_ts))
    leaf_count = uint(report, "leaf_count", UINT32, "report")
    root = hash_field(report, "root", "report")
    # 1. target ids, leaves, root, leaf_count
    leaves = check_leaves(report, from_ts, to_ts)
    tree = build_tree([leaf for _, _, leaf in leaves.values()])
    if tree_root(tree) != root:
        fail("root: report has %s, its leaves give %s" % (hex32(root), hex32(tree_root(tree))))
    if leaf_count != len(leaves):
        fail("leaf_count: report has %d, it lists %d leaves" % (leaf_count, len(leaves)))
    # 2. registry_root and domain
    reg_root = hash_field(report, "registry_root", "report")
    rebuilt_reg_root = registry_root(members, weighting, numerator, denominator)
    if reg_root != rebuilt_reg_root:
        fail("registry_root: report has %s, the registry (%s quorum %d/%d) gives %s"
             % (hex32(reg_root), weighting, numerator, denominator, hex32(rebuilt_reg_root)))
    report_domain = hash_field(report, "domain", "report")
    if domain is not None:
        if not isinstance(domain, str) or not re.fullmatch(r"0x[0-9a-fA-F]{64}", domain):
            malformed("domain is not 0x + 64 hex digits")
        if bytes.fromhex(domain[2:]) != report_domain:
            fail("domain: report has %s, expected %s" % (hex32(report_domain), domain.lower()))
    # 3. statement
    claimed = hash_field(report, "statement", "report")
    message = statement(report_domain, reg_root, epoch, from_ts, to_ts, leaf_count, root)
    if claimed != message:
        fail("statement: report has %s, rebuilt %s" % (hex32(claimed), hex32(message)))
    # 4. non-signers, quorum, signers, signature
    signers = check_signers(report, members, weighting, numerator, denominator, message)
    return {"epoch": epoch, "from": from_ts, "to": to_ts, "root": root, "leaves": leaves, "tree": tree,
            "registry_root": reg_root, "statement": message, "signers": signers,
            "quorum": "%s:%d/%d" % (weighting, numerator, denominator)}


def check_proof(summary, proof_text):
    """Step 5 for one inclusion proof against a report that passed check_report."""
    proof = load_json(proof_text, "proof")
    address = field(proof, "address", str, "proof")
    what = "proof %s" % address
    for key, expected in (("epoch", summary["epoch"]), ("from_timestamp", summary["from"]),
                          ("to_timestamp", summary["to"])):
        value = uint(proof, key, UINT64, what)
        if value != expected:
            fail("%s: %s %d, the report's is %d" % (what, key, value, expected))
    root = hash_field(proof, "root", what)
    if root != summary["root"]:
        fail("%s: root %s, the report's is %s" % (what, hex32(root), hex32(summary["root"])))
    tid = hash_field(proof, "target_id", what)
    if tid != target_id(address):
        fail("%s: target_id %s, the address gives %s" % (what, hex32(tid), hex32(target_id(address))))
    downtime = uint(proof, "downtime_seconds", UINT64, what)
    leaf = hash_field(proof, "leaf", what)
    rebuilt = leaf_hash(tid, summary["from"], summary["to"], downtime)
    if leaf != rebuilt:
        fail("%s: leaf %s, its fields give %s" % (what, hex32(leaf), hex32(rebuilt)))
    path = field(proof, "proof", list, what)
    siblings = [hash_field({"proof element": s}, "proof element", what) for s in path]
    folded = fold(leaf, siblings)
    if folded != root:
        fail("%s: folding its %d-element path gives %s, not the root %s"
             % (what, len(siblings), hex32(folded), hex32(root)))
    if address not in summary["leaves"]:
        fail("%s: the report has no leaf for this address" % what)
    if summary["leaves"][address][1] != downtime:
        fail("%s: downtime %d, the report's leaf has %d" % (what, downtime, summary["leaves"][address][1]))
    return address, downtime, len(siblings)


def verify(request):
    """All checks for one stdin request; returns the OK lines or raises Failure."""
    if not isinstance(request, dict):
        malformed("stdin is not a JSON object")
    summary = check_report(field(request, "registry", str, "request"), field(request, "report", str, "request"),
                           request.get("domain"), request.get("quorum"))
    lines = ["OK report epoch=%d leaves=%d root=%s registry_root=%s statement=%s signers=%s quorum=%s" % (
        summary["epoch"], len(summary["leaves"]), hex32(summary["root"]), hex32(summary["registry_root"]),
        hex32(summary["statement"]), ",".join(summary["signers"]), summary["quorum"])]
    proofs = request.get("proofs", [])
    if not isinstance(proofs, list):
        malformed("proofs is not a list")
    for proof_text in proofs:
        lines.append("OK proof %s downtime=%d path=%d" % check_proof(summary, proof_text))
    return lines


def main():
    try:
        try:
            request = json.loads(sys.stdin.read())
        except ValueError as error:
            malformed("stdin is not JSON: %s" % error)
        lines = verify(request)
    except Failure as failure:
        print("FAIL %s" % failure)
        sys.exit(1)
    except Exception as error:  # never a traceback: anything unforeseen is bad input
        print("FAIL malformed: %s: %s" % (type(error).__name__, error))
        sys.exit(1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
