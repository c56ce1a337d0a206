"""The chain the tests run on has EIP-2537's precompiles at their addresses, priced as the EIP
says, and the contracts' on-chain hash to G2 is RFC 9380's."""
import json
import os

import boa
import pytest
from py_ecc.optimized_bls12_381 import G1, G2, multiply, normalize

from chain import CONTRACTS, ROOT, fp

G1_POINT = fp(normalize(G1)[0]) + fp(normalize(G1)[1])
G2_POINT = b"".join(fp(c) for coordinate in normalize(G2) for c in coordinate.coeffs)
SCALAR = (5).to_bytes(32, "big")


def at(address):
    return "0x%040x" % address


def call(address, data):
    computation = boa.env.execute_code(to_address=at(address), data=data, gas=10_000_000)
    assert not computation.is_error, "precompile 0x%02x failed: %s" % (address, computation.error)
    return computation.output, computation.get_gas_used()


# (address, input, output length, EIP-2537 price)
CASES = [
    (0x0B, G1_POINT * 2, 128, 375),                                  # G1ADD
    (0x0C, G1_POINT + SCALAR, 128, 12000),                           # G1MSM, k = 1
    (0x0C, (G1_POINT + SCALAR) * 2, 128, 2 * 12000 * 949 // 1000),   # G1MSM, k = 2 (discount 949)
    (0x0D, G2_POINT * 2, 256, 600),                                  # G2ADD
    (0x0E, G2_POINT + SCALAR, 256, 22500),                           # G2MSM, k = 1
    (0x0F, G1_POINT + G2_POINT, 32, 32600 + 37700),                  # PAIRING_CHECK, k = 1
    (0x0F, (G1_POINT + G2_POINT) * 2, 32, 2 * 32600 + 37700),        # PAIRING_CHECK, k = 2
    (0x10, fp(7), 128, 5500),                                        # MAP_FP_TO_G1
    (0x11, fp(7) + fp(9), 256, 23800),                               # MAP_FP2_TO_G2
]


@pytest.mark.parametrize("address,data,length,price", CASES, ids=["%#04x/%d" % (c[0], c[3]) for c in CASES])
def test_precompile_present_and_priced(address, data, length, price):
    output, gas = call(address, data)
    assert len(output) == length, "precompile 0x%02x returned %d bytes" % (address, len(output))
    assert gas == price


def test_precompile_results_are_right():
    output, _ = call(0x0C, G1_POINT + SCALAR)
    x, y = normalize(multiply(G1, 5))
    assert output == fp(x) + fp(y)
    # e(G1, G2) · e(−G1, G2) = 1, and e(G1, G2) alone is not 1.
    negated = fp(normalize(G1)[0]) + fp(int(normalize(G1)[1].n * -1 % int(x.field_modulus)))
    assert call(0x0F, G1_POINT + G2_POINT + negated + G2_POINT)[0] == (1).to_bytes(32, "big")
    assert call(0x0F, G1_POINT + G2_POINT)[0] == bytes(32)


def test_invalid_points_make_the_precompiles_fail():
    off_curve = fp(1) + fp(1)
    computation = boa.env.execute_code(to_address=at(0x0B), data=off_curve + G1_POINT, gas=1_000_000)
    assert computation.is_error


def test_missing_precompile_is_a_revert_not_a_pass(cluster, epoch, oracle):
    """A chain without PAIRING_CHECK answers an empty success; the oracle must refuse it."""
    from chain import after, g2_eip
    computation_class = boa.env.evm.vm.state.computation_class
    precompiles = computation_class._precompiles
    key = next(k for k in precompiles if int.from_bytes(k, "big") == 0x0F)
    saved = precompiles.pop(key)
    try:
        assert boa.env.execute_code(to_address=at(0x0F), data=G1_POINT + G2_POINT).output == b""
        after(epoch.to_ts)
        signature = g2_eip(cluster.sign(epoch.statement(), [m.name for m in cluster.members]))
        with boa.reverts("PAIRING_CHECK returned nothing"):
            oracle.submit_epoch(epoch.epoch, epoch.from_ts, epoch.to_ts, len(epoch.leaves), epoch.root, [], signature)
    finally:
        precompiles[key] = saved


def rfc9380_vectors():
    with open(os.path.join(ROOT, "..", "shared", "vectors", "rfc9380", "BLS12381G2_XMD_SHA-256_SSWU_RO_.json")) as f:
        suite = json.load(f)
    return [(suite["dst"], v) for v in suite["vectors"]]


@pytest.mark.parametrize("dst,vector", rfc9380_vectors(), ids=lambda v: v["msg"][:12] if isinstance(v, dict) else "")
def test_hash_to_g2_matches_rfc9380(dst, vector):
    probe = boa.load(os.path.join(CONTRACTS, "tests", "HashToG2Probe.vy"))
    output = probe.hash_to_g2(vector["msg"].encode(), dst.encode())
    expected = b""
    for coordinate in ("x", "y"):
        for part in vector["P"][coordinate].split(","):
            expected += fp(int(part, 16))
    assert output == expected
