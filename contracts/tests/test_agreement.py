"""The contract and `argus verify` give the same verdict on every report, honest or tampered: each
report goes through `argus verify` and through submit_epoch and verify_downtime on the chain.
`argus evm calldata` converts it exactly as an independent Python conversion does, or refuses it
(exit 1) when its leaves do not rebuild its root.

Needs the argus binary (ARGUS_BIN, else .build/release/argus); skipped without it, except under CI.
"""
import json
import os
import tempfile

import boa
import pytest

from chain import Cluster, Epoch, after, argus_binary, calldata_of, constructor_from, deploy_oracle, run_argus, submit_args

pytestmark = pytest.mark.skipif(argus_binary() is None and not os.environ.get("CI"), reason="no argus binary")


def variants(cluster, epoch):
    """(name, report JSON) — honest ones first."""
    honest = epoch.report()
    yield "honest", honest
    yield "honest, Node2 a non-signer", epoch.report(signers=["Node1", "Node3"])
    other = Epoch(cluster, epoch.epoch, {**epoch.downtime, "0xNodeA123": 1})
    yield "signature of another report", {**honest, "aggregated_signature": other.report()["aggregated_signature"]}
    yield "non-signer added", {**honest, "non_signing_nodes": ["Node2"], "signers": ["Node1", "Node3"]}
    yield "non-signer dropped", {**epoch.report(signers=["Node1", "Node3"]), "non_signing_nodes": [],
                                 "signers": ["Node1", "Node2", "Node3"]}
    yield "under quorum", epoch.report(signers=["Node1"])
    yield "another domain", epoch.report(domain=b"\x03" * 32)
    yield "root", epoch.report(root=b"\x09" * 32)
    tampered_leaves = json.loads(json.dumps(honest))
    tampered_leaves["leaves"][1]["downtime_seconds"] += 1
    yield "a downtime", tampered_leaves
    # (A quorum that signs a wrong leaf_count is refused offline, where the leaves are, but not
    # on-chain, where only the signed root is: leaf_count is informational there.)


def on_chain(calldata, oracle):
    """Whether the chain accepts the epoch and every claim of it."""
    with boa.env.anchor():
        after(calldata["submit_epoch"]["to_ts"])
        try:
            oracle.submit_epoch(*submit_args(calldata))
        except boa.BoaError:
            return False
        epoch = calldata["submit_epoch"]["epoch"]
        return all(oracle.verify_downtime(epoch, bytes.fromhex(c["target_id"][2:]), c["downtime"],
                                          [bytes.fromhex(p[2:]) for p in c["proof"]])
                   for c in calldata["claims"])


def test_contract_agrees_with_argus_verify(cluster, epoch):
    with tempfile.TemporaryDirectory() as directory:
        registry = os.path.join(directory, "registry.json")
        with open(registry, "w") as f:
            f.write(cluster.registry_json())
        oracle = None
        verdicts = []
        for name, report in variants(cluster, epoch):
            text = json.dumps(report)
            status, _, error = run_argus("verify", "--registry", registry, "--domain", "0x" + cluster.domain.hex(), "-",
                                         stdin=text)
            # 0 valid; 1 invalid, 2 malformed (a root its leaves do not rebuild): both refusals.
            assert status in (0, 1, 2), "%s: argus verify exit %d: %s" % (name, status, error)
            calldata = calldata_of(cluster, report)
            converted, output, error = run_argus("evm", "calldata", "--registry", registry, "-", stdin=text)
            if converted == 0:
                printed = json.loads(output)
                by_address = lambda claims: sorted(claims, key=lambda c: c["address"])  # noqa: E731
                assert by_address(printed.pop("claims")) == by_address(calldata["claims"]), name
                assert printed == {k: v for k, v in calldata.items() if k != "claims"}, name
            else:
                assert converted == 1 and "is not the root of the listed leaves" in error and status != 0, \
                    "%s: argus evm calldata exit %d: %s" % (name, converted, error)
            if oracle is None:  # deployed once, from the honest report's constructor arguments
                assert constructor_from(calldata) == cluster.constructor_args()
                oracle = deploy_oracle(*constructor_from(calldata))
            verdicts.append((name, status == 0, on_chain(calldata, oracle)))
        assert [v for v in verdicts if v[1] != v[2]] == []
        assert [name for name, valid, _ in verdicts if valid] == ["honest", "honest, Node2 a non-signer"]


def test_rotation_through_the_cli(cluster, oracle):
    """Two of three members sign a handover with `argus evm rotate-sign`; `argus evm rotate`
    aggregates them into rotate's arguments, which the contract accepts; one signature alone is
    refused by both."""
    new = Cluster.make(4, seed=21)
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for name, members in (("old", cluster), ("new", new)):
            paths[name] = os.path.join(directory, name + ".json")
            with open(paths[name], "w") as f:
                f.write(members.registry_json())
        common = ["--registry", paths["old"], "--new-registry", paths["new"], "--domain", "0x" + cluster.domain.hex()]
        signed = []
        for member in cluster.members[:2]:
            key = os.path.join(directory, member.name + ".key")
            with open(key, "w") as f:
                f.write(bytes(member.secret).hex())
            status, output, error = run_argus("evm", "rotate-sign", *common, "--key", key)
            assert status == 0, error
            signed.append(os.path.join(directory, member.name + ".sig.json"))
            with open(signed[-1], "w") as f:
                f.write(output)
        status, _, error = run_argus("evm", "rotate", *common, signed[0])
        assert status == 1 and "under quorum" in error
        status, output, error = run_argus("evm", "rotate", *common, *signed)
        assert status == 0, error
        printed = json.loads(output)
        assert printed["new_registry_root"] == "0x" + new.registry_root().hex()
        r = printed["rotate"]
        assert r["non_signers"] == [2]
        oracle.rotate([bytes.fromhex(k[2:]) for k in r["pubkeys"]], r["stakes"], r["quorum_numerator"],
                      r["quorum_denominator"], r["non_signers"], bytes.fromhex(r["signature"][2:]))
        assert oracle.registry_root() == new.registry_root()
