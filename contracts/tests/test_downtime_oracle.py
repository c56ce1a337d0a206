"""DowntimeOracle on a Prague EVM: the registry it accepts, the epochs it settles and refuses, the
downtime it proves, and the registry rotation signed by the current quorum."""
import boa
import pytest
from py_ecc.optimized_bls12_381 import multiply

from chain import Cluster, Epoch, P, after, argus, deploy_oracle, fp, g2_eip

EVERYONE = ["Node1", "Node2", "Node3"]


def submit(oracle, epoch, signers=EVERYONE, non_signers=None, signature=None, **fields):
    cluster = epoch.cluster
    names = [m.name for m in cluster.members]
    if non_signers is None:
        non_signers = [i for i, n in enumerate(names) if n not in signers]
    if signature is None:
        signature = g2_eip(cluster.sign(epoch.statement(), signers))
    after(epoch.to_ts)
    return oracle.submit_epoch(fields.get("number", epoch.epoch), fields.get("from_ts", epoch.from_ts),
                               fields.get("to_ts", epoch.to_ts), fields.get("leaf_count", len(epoch.leaves)),
                               fields.get("root", epoch.root), non_signers, signature)


# --- the registry -------------------------------------------------------------------------------

def test_registry_root_is_the_settlement_one(cluster, oracle):
    assert oracle.registry_root() == cluster.registry_root()
    staked = Cluster.make(4, seed=2, stakes=[10, 20, 30, 40], numerator=3, denominator=4)
    assert deploy_oracle(*staked.constructor_args()).registry_root() == staked.registry_root()


def registry_with(cluster, index, key):
    domain, keys, stakes, n, d, seconds = cluster.constructor_args()
    keys = list(keys)
    keys[index] = key
    return domain, keys, stakes, n, d, seconds


def test_constructor_refuses_bad_keys(cluster):
    x = next(x for x in range(1, 100) if pow((x ** 3 + 4) % P, (P - 1) // 2, P) != 1)  # no point has this x
    not_in_subgroup = point_outside_subgroup()
    cases = {
        "a pubkey is the identity": bytes(128),
        "a pubkey is not 128 bytes": cluster.members[1].eip[:127],
        "a pubkey is not a G1 point in the subgroup": fp(x) + fp(1),
    }
    for reason, key in cases.items():
        with boa.reverts(reason):
            deploy_oracle(*registry_with(cluster, 1, key))
    with boa.reverts("a pubkey is not a G1 point in the subgroup"):
        deploy_oracle(*registry_with(cluster, 2, not_in_subgroup))
    # Non-canonical: a coordinate's 16 padding bytes must be zero, and x < p.
    key = cluster.members[0].eip
    with boa.reverts("a pubkey is not a G1 point in the subgroup"):
        deploy_oracle(*registry_with(cluster, 0, b"\x01" + key[1:]))
    x_plus_p = int.from_bytes(key[16:64], "big") + P
    with boa.reverts("a pubkey is not a G1 point in the subgroup"):
        deploy_oracle(*registry_with(cluster, 0, x_plus_p.to_bytes(64, "big") + key[64:]))


def point_outside_subgroup():
    """A point on y² = x³ + 4 that is not in the order-r subgroup (the curve's cofactor is > 1)."""
    from py_ecc.fields import optimized_bls12_381_FQ as FQ
    from py_ecc.optimized_bls12_381 import curve_order, is_inf
    for x in range(1, 1000):
        rhs = (x ** 3 + 4) % P
        y = pow(rhs, (P + 1) // 4, P)
        if y * y % P == rhs:
            point = (FQ(x), FQ(y), FQ(1))
            if not is_inf(multiply(point, curve_order)):
                return fp(x) + fp(y)
    raise AssertionError("no point found")


def test_constructor_refuses_bad_rules(cluster):
    domain, keys, stakes, n, d, seconds = cluster.constructor_args()
    with boa.reverts("one stake per pubkey"):
        deploy_oracle(domain, keys, stakes[:2], n, d, seconds)
    with boa.reverts("a stake is zero"):
        deploy_oracle(domain, keys, [1, 0, 1], n, d, seconds)
    with boa.reverts("quorum must be 0 < n/d <= 1"):
        deploy_oracle(domain, keys, stakes, 4, 3, seconds)
    with boa.reverts("quorum must be 0 < n/d <= 1"):
        deploy_oracle(domain, keys, stakes, 0, 3, seconds)
    with boa.reverts("no members"):
        deploy_oracle(domain, [], [], n, d, seconds)
    with boa.reverts("epoch_seconds is zero"):
        deploy_oracle(domain, keys, stakes, n, d, 0)


# --- settling ------------------------------------------------------------------------------------

def test_submit_settles_and_emits(oracle, epoch):
    assert oracle.epoch_root(epoch.epoch) == bytes(32)
    submit(oracle, epoch)
    logs = oracle.get_logs()  # the last call's logs: before any other call
    assert oracle.epoch_root(epoch.epoch) == epoch.root
    assert [(type(log).__name__, log.epoch, log.root) for log in logs] == [("EpochSettled", epoch.epoch, epoch.root)]


def test_resubmitting_the_same_root_is_a_no_op_and_another_root_reverts(oracle, epoch):
    submit(oracle, epoch)
    submit(oracle, epoch)
    assert oracle.get_logs() == []
    with boa.reverts("epoch already settled with a different root"):
        submit(oracle, epoch, root=bytes(31) + b"\x01")


def test_quorum_with_non_signers(oracle, epoch):
    submit(oracle, epoch, signers=["Node1", "Node3"])
    assert oracle.epoch_root(epoch.epoch) == epoch.root


def test_empty_epoch_settles_with_the_zero_root(cluster, oracle):
    empty = Epoch(cluster, 41, {})
    submit(oracle, empty)
    assert oracle.epoch_root(41) == bytes(32)
    with boa.reverts("epoch already settled with a different root"):
        submit(oracle, empty, root=b"\x01" * 32)
    assert not oracle.verify_downtime(41, bytes(32), 0, [])


@pytest.mark.parametrize("name,change,reason", [
    ("signature of another statement", lambda e, c: {"signature": g2_eip(c.sign(b"\x00" * 32, EVERYONE))}, "bad signature"),
    ("signature byte flipped", lambda e, c: {"signature": flip(g2_eip(c.sign(e.statement(), EVERYONE)), 100)},
     "signature is not a G2 point in the subgroup"),
    ("signature the identity", lambda e, c: {"signature": bytes(256)}, "signature is the identity"),
    ("signature too short", lambda e, c: {"signature": g2_eip(c.sign(e.statement(), EVERYONE))[:255]},
     "signature is not 256 bytes"),
    ("non-signer added", lambda e, c: {"non_signers": [1]}, "bad signature"),
    ("non-signer dropped", lambda e, c: {"signers": ["Node1", "Node3"], "non_signers": []}, "bad signature"),
    ("non-signers unsorted", lambda e, c: {"signers": ["Node2"], "non_signers": [2, 0]},
     "non-signers are not strictly increasing"),
    ("non-signer repeated", lambda e, c: {"signers": ["Node1", "Node3"], "non_signers": [1, 1]},
     "non-signers are not strictly increasing"),
    ("non-signer out of range", lambda e, c: {"non_signers": [3]}, "non-signer index out of range"),
    ("under quorum", lambda e, c: {"signers": ["Node2"]}, "under quorum"),
    ("root", lambda e, c: {"root": b"\x07" * 32}, "bad signature"),
    ("leaf count", lambda e, c: {"leaf_count": len(e.leaves) + 1}, "bad signature"),
    ("from_ts", lambda e, c: {"from_ts": e.from_ts + 1}, "wrong epoch bounds: from_ts"),
    ("to_ts", lambda e, c: {"to_ts": e.to_ts - 1}, "wrong epoch bounds: to_ts"),
    ("epoch", lambda e, c: {"number": e.epoch + 1}, "wrong epoch bounds: from_ts"),
])
def test_tampered_submissions_revert(oracle, epoch, cluster, name, change, reason):
    with boa.reverts(reason):
        submit(oracle, epoch, **change(epoch, cluster))
    assert oracle.epoch_root(epoch.epoch) == bytes(32)


def flip(data, at):
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_another_domain_reverts(cluster, epoch):
    domain, *rest = cluster.constructor_args()
    other = deploy_oracle(b"\x01" * 32, *rest)
    with boa.reverts("bad signature"):
        submit(other, epoch)


def test_an_epoch_that_has_not_ended_reverts(oracle, epoch, cluster):
    boa.env.timestamp = epoch.to_ts - 1
    signature = g2_eip(cluster.sign(epoch.statement(), EVERYONE))
    with boa.reverts("epoch has not ended"):
        oracle.submit_epoch(epoch.epoch, epoch.from_ts, epoch.to_ts, len(epoch.leaves), epoch.root, [], signature)


def test_stake_quorum(epoch):
    staked = Cluster.make(3, seed=3, stakes=[50, 30, 20])
    settled = Epoch(staked, epoch.epoch, epoch.downtime)
    oracle = deploy_oracle(*staked.constructor_args())
    with boa.reverts("under quorum"):  # 2 of 3 members, but 30 + 20 = 50 of 100 < 2/3
        submit(oracle, settled, signers=["Node2", "Node3"])
    submit(oracle, settled, signers=["Node1", "Node3"])  # 50 + 20 = 70 of 100 ≥ 2/3
    assert oracle.epoch_root(settled.epoch) == settled.root


# --- proving downtime ----------------------------------------------------------------------------

def test_every_leaf_verifies_and_nothing_else(oracle, epoch):
    assert not oracle.verify_downtime(epoch.epoch, epoch.leaves[0][1], 0, epoch.proof(epoch.leaves[0][0]))
    submit(oracle, epoch)
    for address, target, seconds in epoch.leaves:
        proof = epoch.proof(address)
        assert oracle.verify_downtime(epoch.epoch, target, seconds, proof)
        assert not oracle.verify_downtime(epoch.epoch, target, seconds + 1, proof)
        assert not oracle.verify_downtime(epoch.epoch + 1, target, seconds, proof)
        assert not oracle.verify_downtime(epoch.epoch, flip(target, 31), seconds, proof)
        if proof:
            assert not oracle.verify_downtime(epoch.epoch, target, seconds, [flip(proof[0], 0)] + proof[1:])
            assert not oracle.verify_downtime(epoch.epoch, target, seconds, proof[:-1])


def test_an_address_target_id_is_the_address(epoch):
    address = "0x" + "5a" * 20
    assert argus.target_id(address) == bytes(12) + bytes.fromhex("5a" * 20)


# --- rotation -----------------------------------------------------------------------------------

def rotation(old, new, signers, domain=None):
    statement = argus.keccak256(argus.keccak256(b"argus.rotate.v1") + (domain or old.domain)
                                + old.registry_root() + new.registry_root())
    names = [m.name for m in old.members]
    non_signers = [i for i, n in enumerate(names) if n not in signers]
    return non_signers, g2_eip(old.sign(statement, signers))


def rotate(oracle, new, non_signers, signature):
    return oracle.rotate([m.eip for m in new.members], new.weights(), new.numerator, new.denominator,
                         non_signers, signature)


def test_rotate_with_the_current_quorum(cluster, oracle, epoch):
    new = Cluster.make(4, seed=9)
    rotate(oracle, new, *rotation(cluster, new, ["Node1", "Node2"]))
    log = oracle.get_logs()[0]
    assert oracle.registry_root() == new.registry_root()
    assert (log.old_registry_root, log.new_registry_root) == (cluster.registry_root(), new.registry_root())
    # The new registry settles; the old one no longer can.
    moved = Epoch(new, epoch.epoch, epoch.downtime)
    with boa.reverts("bad signature"):
        submit(oracle, epoch)
    submit(oracle, moved, signers=["Node1", "Node2", "Node4"])
    assert oracle.epoch_root(epoch.epoch) == moved.root


def test_rotate_refuses_anything_else(cluster, oracle):
    new = Cluster.make(4, seed=9)
    with boa.reverts("under quorum"):
        rotate(oracle, new, *rotation(cluster, new, ["Node1"]))
    with boa.reverts("bad signature"):  # signed by the incoming registry, not the current one
        rotate(oracle, new, [], rotation(new, new, ["Node1", "Node2", "Node3", "Node4"])[1])
    with boa.reverts("bad signature"):
        rotate(oracle, new, *rotation(cluster, new, EVERYONE, domain=b"\x02" * 32))
    with boa.reverts("bad signature"):  # a handover to another registry
        other = Cluster.make(3, seed=10)
        rotate(oracle, new, *rotation(cluster, other, EVERYONE))
    with boa.reverts("the new registry is the current one"):
        rotate(oracle, cluster, *rotation(cluster, cluster, EVERYONE))
    with boa.reverts("a pubkey is not a G1 point in the subgroup"):
        bad = [m.eip for m in new.members]
        bad[0] = fp(1) + fp(1)
        oracle.rotate(bad, new.weights(), 2, 3, [], rotation(cluster, new, EVERYONE)[1])
    assert oracle.registry_root() == cluster.registry_root()


def test_a_rotation_cannot_be_replayed_after_coming_back(cluster, oracle):
    new = Cluster.make(3, seed=11)
    forward = rotation(cluster, new, EVERYONE)
    rotate(oracle, new, *forward)
    with boa.reverts("the new registry was retired before"):
        rotate(oracle, cluster, *rotation(new, cluster, EVERYONE))
    assert oracle.registry_root() == new.registry_root()
