# pragma version ~=0.4.3
"""
@title DowntimeOracle
@notice Settles Argus epochs on-chain. A quorum of the registered monitoring nodes BLS-signs each
        epoch's statement (docs/PROOFS.md, "Epoch reports"); submit_epoch checks that signature with
        the EIP-2537 precompiles and stores the epoch's Merkle root, and verify_downtime checks a
        target's downtime against it. The registry changes only by rotate, signed by the current
        quorum: after deployment there is no owner.
@dev    The registry lives in the code of a data contract this one creates (read with EXTCODECOPY,
        far cheaper than storage), laid out as
            0x00 (STOP, so calling it does nothing)
            registry_root (32) ‖ aggregate key (128 bytes, EIP-2537 G1) ‖ total weight (32)
            keccak256("argus.registry.v1") ‖ u256 quorum_numerator ‖ u256 quorum_denominator
            per member: x (48) ‖ y (48) ‖ u256 stake
        The part from the tag on is exactly registry_root's preimage. A signature then costs one
        G1 addition per non-signer, not per member.
"""

import bls12381

event EpochSettled:
    epoch: indexed(uint64)
    root: bytes32

event RegistryRotated:
    old_registry_root: indexed(bytes32)
    new_registry_root: indexed(bytes32)

MAX_MEMBERS: constant(uint256) = 128
MEMBER_BYTES: constant(uint256) = 128
# Offsets in the data contract's code.
ROOT_AT: constant(uint256) = 1
PREIMAGE_AT: constant(uint256) = 193
MEMBERS_AT: constant(uint256) = 289
MAX_PREIMAGE: constant(uint256) = 96 + MAX_MEMBERS * MEMBER_BYTES
# (plus the 64 bytes a slice of abi_encode's output keeps in its type)
MAX_BLOB: constant(uint256) = PREIMAGE_AT + MAX_PREIMAGE + 64
# Initcode that returns everything after its own 12 bytes as the new contract's code:
# PUSH2 len, DUP1, PUSH1 12, PUSH1 0, CODECOPY, PUSH1 0, RETURN.
DEPLOYER_TAIL: constant(Bytes[9]) = x"80600c6000396000f3"

REGISTRY_TAG: constant(bytes32) = keccak256("argus.registry.v1")
EPOCH_TAG: constant(bytes32) = keccak256("argus.epoch.v1")
ROTATE_TAG: constant(bytes32) = keccak256("argus.rotate.v1")
# The IETF proof-of-possession ciphersuite Argus nodes sign with.
SIGNATURE_DST: constant(Bytes[43]) = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"

DOMAIN: public(immutable(bytes32))
EPOCH_SECONDS: public(immutable(uint64))

registry: public(address)
# Settled roots. An epoch whose tree is empty (root zero) is stored as EMPTY_ROOT, so one slot
# tells settled from unsettled; no real root is a keccak preimage of it.
_roots: HashMap[uint64, bytes32]
EMPTY_ROOT: constant(bytes32) = keccak256("argus.epoch.empty")
# A registry rotated away from can never be installed again, so a rotation signature cannot be
# replayed after the registry has come back to the one that signed it.
_retired: HashMap[bytes32, bool]


@deploy
def __init__(
    domain: bytes32,
    pubkeys: DynArray[Bytes[128], MAX_MEMBERS],
    stakes: DynArray[uint256, MAX_MEMBERS],
    quorum_numerator: uint256,
    quorum_denominator: uint256,
    epoch_seconds: uint64,
):
    assert epoch_seconds > 0, "epoch_seconds is zero"
    DOMAIN = domain
    EPOCH_SECONDS = epoch_seconds
    blob: Bytes[MAX_BLOB] = self._registry_blob(pubkeys, stakes, quorum_numerator, quorum_denominator)
    self._install(blob)


@external
@view
def registry_root() -> bytes32:
    return self._current_root()


@external
@view
def epoch_root(epoch: uint64) -> bytes32:
    """
    @notice The epoch's Merkle root; zero while it is unsettled (and for a settled empty epoch).
    """
    return self._settled_root(epoch)


@internal
@view
def _current_root() -> bytes32:
    return extract32(slice(self.registry.code, ROOT_AT, 32), 0)


@internal
@view
def _settled_root(epoch: uint64) -> bytes32:
    stored: bytes32 = self._roots[epoch]
    if stored == EMPTY_ROOT:
        return empty(bytes32)
    return stored


@external
def submit_epoch(
    epoch: uint64,
    from_ts: uint64,
    to_ts: uint64,
    leaf_count: uint32,
    root: bytes32,
    non_signers: DynArray[uint256, MAX_MEMBERS],
    signature: Bytes[256],
):
    """
    @notice Settles an epoch: checks its bounds, rebuilds its statement, and checks that the
            members other than non_signers (strictly increasing registry indices) meet the quorum
            and signed it. Resubmitting the settled root is a no-op; another root reverts.
    """
    start: uint256 = convert(epoch, uint256) * convert(EPOCH_SECONDS, uint256)
    assert convert(from_ts, uint256) == start, "wrong epoch bounds: from_ts"
    assert convert(to_ts, uint256) == start + convert(EPOCH_SECONDS, uint256), "wrong epoch bounds: to_ts"
    assert convert(to_ts, uint256) <= block.timestamp, "epoch has not ended"
    stored: bytes32 = self._roots[epoch]
    if stored != empty(bytes32):
        assert self._settled_root(epoch) == root, "epoch already settled with a different root"
        return
    statement: bytes32 = keccak256(
        abi_encode(EPOCH_TAG, DOMAIN, self._current_root(), epoch, from_ts, to_ts, leaf_count, root)
    )
    self._check_quorum_signature(statement, non_signers, signature)
    if root == empty(bytes32):
        self._roots[epoch] = EMPTY_ROOT
    else:
        self._roots[epoch] = root
    log EpochSettled(epoch=epoch, root=root)


@external
@view
def verify_downtime(epoch: uint64, target_id: bytes32, downtime: uint64, proof: DynArray[bytes32, 32]) -> bool:
    """
    @notice Whether the settled epoch's tree holds the leaf (target_id, epoch bounds, downtime):
            the OpenZeppelin StandardMerkleTree leaf and its commutative-keccak proof.
    """
    root: bytes32 = self._roots[epoch]
    if root == empty(bytes32) or root == EMPTY_ROOT:
        return False
    start: uint256 = convert(epoch, uint256) * convert(EPOCH_SECONDS, uint256)
    node: bytes32 = keccak256(keccak256(abi_encode(target_id, start, start + convert(EPOCH_SECONDS, uint256), downtime)))
    for sibling: bytes32 in proof:
        if convert(node, uint256) < convert(sibling, uint256):
            node = keccak256(concat(node, sibling))
        else:
            node = keccak256(concat(sibling, node))
    return node == root


@external
def rotate(
    pubkeys: DynArray[Bytes[128], MAX_MEMBERS],
    stakes: DynArray[uint256, MAX_MEMBERS],
    quorum_numerator: uint256,
    quorum_denominator: uint256,
    non_signers: DynArray[uint256, MAX_MEMBERS],
    signature: Bytes[256],
):
    """
    @notice Replaces the registry, if the current quorum signed the handover statement
            keccak256(abi.encode(keccak256("argus.rotate.v1"), domain, old_registry_root, new_registry_root)).
    """
    blob: Bytes[MAX_BLOB] = self._registry_blob(pubkeys, stakes, quorum_numerator, quorum_denominator)
    old_root: bytes32 = self._current_root()
    new_root: bytes32 = extract32(blob, ROOT_AT)
    assert new_root != old_root, "the new registry is the current one"
    assert not self._retired[new_root], "the new registry was retired before"
    statement: bytes32 = keccak256(abi_encode(ROTATE_TAG, DOMAIN, old_root, new_root))
    self._check_quorum_signature(statement, non_signers, signature)
    self._retired[old_root] = True
    self._install(blob)
    log RegistryRotated(old_registry_root=old_root, new_registry_root=new_root)


@internal
@view
def _registry_blob(
    pubkeys: DynArray[Bytes[128], MAX_MEMBERS],
    stakes: DynArray[uint256, MAX_MEMBERS],
    quorum_numerator: uint256,
    quorum_denominator: uint256,
) -> Bytes[MAX_BLOB]:
    """
    @notice The data contract's code for a registry, after checking it: every key a G1 point in
            the subgroup and not the identity, one positive stake per key, 0 < n/d ≤ 1.
    """
    count: uint256 = len(pubkeys)
    assert count > 0, "no members"
    assert len(stakes) == count, "one stake per pubkey"
    assert quorum_numerator > 0 and quorum_numerator <= quorum_denominator, "quorum must be 0 < n/d <= 1"
    # Both byte strings are built as 32-byte words: Vyper cannot grow a Bytes value in a loop.
    # A member's x ‖ y (96 bytes) is exactly three words, so the preimage needs no repacking.
    preimage: DynArray[bytes32, 3 + 4 * MAX_MEMBERS] = [REGISTRY_TAG, convert(quorum_numerator, bytes32), convert(quorum_denominator, bytes32)]
    msm: DynArray[bytes32, 5 * MAX_MEMBERS] = []
    total: uint256 = 0
    for i: uint256 in range(count, bound=MAX_MEMBERS):
        key: Bytes[128] = pubkeys[i]
        assert len(key) == 128, "a pubkey is not 128 bytes"
        assert not bls12381.is_identity(key), "a pubkey is the identity"
        assert stakes[i] > 0, "a stake is zero"
        total += stakes[i]
        preimage.append(extract32(key, 16))
        preimage.append(convert(concat(slice(key, 48, 16), slice(key, 80, 16)), bytes32))
        preimage.append(extract32(key, 96))
        preimage.append(convert(stakes[i], bytes32))
        for word: uint256 in range(4):
            msm.append(extract32(key, word * 32))
        msm.append(convert(1, bytes32))
    # Reverts unless every quorum product below fits: signing · d and n · total never exceed it.
    assert total * quorum_denominator > 0
    aggregate: Bytes[128] = bls12381.g1_sum_checked(self._words(msm))
    encoded: Bytes[MAX_PREIMAGE + 64] = slice(abi_encode(preimage), 64, 32 * len(preimage))
    return concat(x"00", keccak256(encoded), aggregate, convert(total, bytes32), encoded)


@internal
@pure
def _words(words: DynArray[bytes32, 5 * MAX_MEMBERS]) -> Bytes[bls12381.MAX_MSM]:
    # abi_encode writes the array's offset and length (two words) before its words.
    return slice(abi_encode(words), 64, 32 * len(words))


@internal
def _install(blob: Bytes[MAX_BLOB]):
    initcode: Bytes[MAX_BLOB + 12] = concat(x"61", slice(convert(len(blob), bytes32), 30, 2), DEPLOYER_TAIL, blob)
    self.registry = raw_create(initcode)


@internal
@view
def _check_quorum_signature(statement: bytes32, non_signers: DynArray[uint256, MAX_MEMBERS], signature: Bytes[256]):
    """
    @notice Reverts unless the members other than non_signers meet the quorum and their aggregate
            key verifies signature over statement.
    """
    data: address = self.registry
    count: uint256 = (data.codesize - MEMBERS_AT) // MEMBER_BYTES
    head: Bytes[256] = slice(data.code, ROOT_AT + 32, 256)
    key: Bytes[128] = slice(head, 0, 128)
    total: uint256 = convert(extract32(head, 128), uint256)
    numerator: uint256 = convert(extract32(head, 192), uint256)
    denominator: uint256 = convert(extract32(head, 224), uint256)
    missing: uint256 = 0
    previous: uint256 = 0
    for k: uint256 in range(len(non_signers), bound=MAX_MEMBERS):
        index: uint256 = non_signers[k]
        assert index < count, "non-signer index out of range"
        assert k == 0 or index > previous, "non-signers are not strictly increasing"
        previous = index
        member: Bytes[128] = slice(data.code, MEMBERS_AT + index * MEMBER_BYTES, MEMBER_BYTES)
        missing += convert(extract32(member, 96), uint256)
        negated: Bytes[48] = bls12381.negate_fp(slice(member, 48, 48))
        key = bls12381.g1_add(key, concat(bls12381.ZERO16, slice(member, 0, 48), bls12381.ZERO16, negated))
    assert (total - missing) * denominator >= numerator * total, "under quorum"
    assert len(signature) == 256, "signature is not 256 bytes"
    assert not bls12381.is_identity(signature), "signature is the identity"
    hashed: Bytes[256] = bls12381.hash_to_g2(concat(statement, b""), SIGNATURE_DST)
    assert bls12381.signature_verifies(key, hashed, signature), "bad signature"
