"""The contract tests' harness: a Prague EVM (py-evm through titanoboa), the contracts compiled from
contracts/, and Argus-shaped clusters built with blspy (independent of the Swift code).

Everything an Argus report or registry holds is made here the way docs/PROOFS.md describes it,
reusing the independent Python verifier's encodings (scripts/argus/verify_epoch.py); EIP-2537
encodings come from py_ecc's decompression, so neither side of a comparison is Argus's own code.
"""
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field

import boa
from blspy import AugSchemeMPL, PopSchemeMPL, PrivateKey
from py_ecc.bls.point_compression import decompress_G1, decompress_G2
from py_ecc.optimized_bls12_381 import normalize

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONTRACTS = os.path.join(ROOT, "contracts")
sys.path.insert(0, os.path.join(ROOT, "scripts", "argus"))
import verify_epoch as argus  # noqa: E402  (the independent verifier: target ids, leaves, tree, roots)

boa.interpret.set_search_paths([CONTRACTS])

P = argus.P
ZERO16 = bytes(16)


# --- EIP-2537 encodings --------------------------------------------------------------------------

def fp(value):
    return ZERO16 + int(value).to_bytes(48, "big")


def g1_eip(compressed):
    """A compressed G1 point (ZCash form) as EIP-2537's 128 bytes."""
    point = decompress_G1(int.from_bytes(compressed, "big"))
    x, y = normalize(point)
    return fp(x) + fp(y)


def g2_eip(compressed):
    """A compressed G2 point (ZCash form: c1 first) as EIP-2537's 256 bytes (c0 first)."""
    z1 = int.from_bytes(compressed[:48], "big")
    z2 = int.from_bytes(compressed[48:], "big")
    x, y = normalize(decompress_G2((z1, z2)))
    return fp(x.coeffs[0]) + fp(x.coeffs[1]) + fp(y.coeffs[0]) + fp(y.coeffs[1])


# --- a cluster ----------------------------------------------------------------------------------

@dataclass
class Member:
    name: str
    secret: PrivateKey
    stake: int = 1

    @property
    def public(self):
        return bytes(self.secret.get_g1())

    @property
    def eip(self):
        return g1_eip(self.public)


@dataclass
class Cluster:
    """n monitoring nodes with blspy keys, a count or stake quorum n/d and a settlement domain."""
    members: list
    numerator: int = 2
    denominator: int = 3
    weighting: str = "count"
    domain: bytes = bytes(28) + (0xA2905DE0).to_bytes(4, "big")
    epoch_seconds: int = 10

    @staticmethod
    def make(size, seed=1, stakes=None, **options):
        members = []
        for i in range(size):
            secret = AugSchemeMPL.key_gen(bytes([seed % 256, i % 256, i // 256]) + bytes(29))
            members.append(Member("Node%d" % (i + 1), secret, stakes[i] if stakes else 1))
        if stakes:
            options.setdefault("weighting", "stake")
        return Cluster(members, **options)

    def registry_json(self):
        """monitoring_nodes.json, with every member's proof of possession."""
        document = {}
        for i, member in enumerate(self.members):
            entry = {"url": "http://127.0.0.1:%d" % (5001 + i), "pubkey": member.public.hex(),
                     "pop": bytes(PopSchemeMPL.pop_prove(member.secret)).hex()}
            if self.weighting == "stake":
                entry["stake"] = member.stake
            document[member.name] = entry
        return json.dumps(document)

    def weights(self):
        return [m.stake if self.weighting == "stake" else 1 for m in self.members]

    def registry_root(self):
        members = [(m.name, None, m.public, m.stake) for m in self.members]
        return argus.registry_root(members, self.weighting, self.numerator, self.denominator)

    def constructor_args(self):
        return (self.domain, [m.eip for m in self.members], self.weights(), self.numerator, self.denominator,
                self.epoch_seconds)

    def sign(self, message, signers):
        """The aggregate of the named members' PoP signatures, compressed."""
        parts = [PopSchemeMPL.sign(m.secret, message) for m in self.members if m.name in signers]
        return bytes(PopSchemeMPL.aggregate(parts))


@dataclass
class Epoch:
    """One epoch's leaves, tree and statement, and a report of it in the JSON GET /epochs/N serves."""
    cluster: Cluster
    epoch: int
    downtime: dict  # address -> seconds
    leaves: list = field(default_factory=list)

    def __post_init__(self):
        start = self.epoch * self.cluster.epoch_seconds
        self.from_ts, self.to_ts = start, start + self.cluster.epoch_seconds
        self.leaves = [(address, argus.target_id(address), seconds) for address, seconds in self.downtime.items()]
        self.hashes = [argus.leaf_hash(tid, self.from_ts, self.to_ts, seconds) for _, tid, seconds in self.leaves]
        self.tree = argus.build_tree(self.hashes)
        self.root = argus.tree_root(self.tree)

    def statement(self, domain=None, root=None, leaf_count=None, registry_root=None):
        return argus.statement(domain or self.cluster.domain, registry_root or self.cluster.registry_root(),
                               self.epoch, self.from_ts, self.to_ts,
                               len(self.leaves) if leaf_count is None else leaf_count, root or self.root)

    def proof(self, address):
        index = [a for a, _, _ in self.leaves].index(address)
        return argus.tree_proof(self.tree, self.tree.index(self.hashes[index]))

    def report(self, signers=None, signature=None, non_signers=None, **statement_fields):
        """The report JSON, signed by `signers` (default all) over the (possibly altered) statement."""
        everyone = [m.name for m in self.cluster.members]
        signers = everyone if signers is None else signers
        statement = self.statement(**statement_fields)
        signature = signature or self.cluster.sign(statement, signers)
        listed = [n for n in everyone if n not in signers] if non_signers is None else non_signers
        return {
            "epoch": self.epoch, "from_timestamp": self.from_ts, "to_timestamp": self.to_ts,
            "domain": argus.hex32(statement_fields.get("domain") or self.cluster.domain),
            "registry_root": argus.hex32(self.cluster.registry_root()),
            "leaf_count": statement_fields.get("leaf_count", len(self.leaves)),
            "root": argus.hex32(statement_fields.get("root") or self.root),
            "statement": argus.hex32(statement),
            "aggregated_signature": signature.hex(),
            "non_signing_nodes": listed,
            "signers": [n for n in everyone if n not in listed],
            "quorum": "at least %d/%d of the members by %s" % (self.cluster.numerator, self.cluster.denominator,
                                                            self.cluster.weighting),
            "leaves": [{"address": a, "target_id": argus.hex32(t), "downtime_seconds": s} for a, t, s in self.leaves],
        }


def calldata_of(cluster, report):
    """What `argus evm calldata` prints for a report, computed here independently (py_ecc's
    decompression, the Python verifier's tree), in the same shape."""
    names = [m.name for m in cluster.members]
    leaves = [(leaf["address"], argus.target_id(leaf["address"]), leaf["downtime_seconds"]) for leaf in report["leaves"]]
    hashes = [argus.leaf_hash(t, report["from_timestamp"], report["to_timestamp"], d) for _, t, d in leaves]
    tree = argus.build_tree(hashes)
    hex0x = lambda b: "0x" + b.hex()  # noqa: E731
    return {
        "constructor": {"domain": report["domain"], "pubkeys": [hex0x(m.eip) for m in cluster.members],
                        "stakes": cluster.weights(), "quorum_numerator": cluster.numerator,
                        "quorum_denominator": cluster.denominator,
                        "epoch_seconds": report["to_timestamp"] - report["from_timestamp"]},
        "submit_epoch": {"epoch": report["epoch"], "from_ts": report["from_timestamp"], "to_ts": report["to_timestamp"],
                         "leaf_count": report["leaf_count"], "root": report["root"],
                         "non_signers": sorted(names.index(n) for n in report["non_signing_nodes"]),
                         "signature": hex0x(g2_eip(bytes.fromhex(report["aggregated_signature"])))},
        "claims": [{"address": a, "target_id": hex0x(t), "downtime": d,
                    "proof": [hex0x(p) for p in argus.tree_proof(tree, tree.index(h))]}
                   for (a, t, d), h in zip(leaves, hashes)],
    }


# --- the chain ----------------------------------------------------------------------------------

def deploy_oracle(*args, **kwargs):
    return boa.load(os.path.join(CONTRACTS, "DowntimeOracle.vy"), *args, **kwargs)


def deploy(name, *args, **kwargs):
    return boa.load(os.path.join(CONTRACTS, name), *args, **kwargs)


def gas_of(contract):
    """Execution gas of the contract's last call (what the EVM charged beyond the transaction's
    intrinsic cost)."""
    return contract._computation.get_gas_used()


def intrinsic_gas(calldata):
    """21,000 plus calldata (EIP-2028: 4 per zero byte, 16 per other byte)."""
    return 21000 + sum(4 if b == 0 else 16 for b in calldata)


def submit_args(calldata):
    s = calldata["submit_epoch"]
    return (s["epoch"], s["from_ts"], s["to_ts"], s["leaf_count"], bytes.fromhex(s["root"][2:]),
            s["non_signers"], bytes.fromhex(s["signature"][2:]))


def constructor_from(calldata):
    c = calldata["constructor"]
    return (bytes.fromhex(c["domain"][2:]), [bytes.fromhex(k[2:]) for k in c["pubkeys"]], c["stakes"],
            c["quorum_numerator"], c["quorum_denominator"], c["epoch_seconds"])


def after(to_ts):
    """Moves the chain's clock past an epoch's end."""
    if boa.env.timestamp < to_ts:
        boa.env.timestamp = to_ts + 1


# --- argus, the binary ----------------------------------------------------------------------------

def argus_binary():
    path = os.environ.get("ARGUS_BIN") or os.path.join(ROOT, ".build", "release", "argus")
    return path if os.access(path, os.X_OK) else None


def run_argus(*arguments, stdin=None):
    binary = argus_binary()
    result = subprocess.run([binary, *arguments], input=stdin, capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr
