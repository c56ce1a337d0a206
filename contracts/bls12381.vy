# pragma version ~=0.4.3
"""
@title BLS12-381 on the EIP-2537 precompiles
@notice What DowntimeOracle needs of BLS12-381, as internal functions of a module: summing and
        validating G1 keys, negating a G1 coordinate, hashing to G2 (RFC 9380 hash_to_curve with
        expand_message_xmd over SHA-256, as the IETF BLS ciphersuites use it), and the pairing check.
        Points use the EIP-2537 encoding: each base-field element is 64 bytes, 16 zero bytes and
        then 48 big-endian bytes; a G2 coordinate is c0 then c1; the identity is all zeros.
        Every precompile call checks that it succeeded and returned exactly the bytes it must: a
        chain without a precompile answers an empty success, which must never pass for a result.
"""

# The precompiles (EIP-2537, plus SHA-256 at 0x02 and MODEXP at 0x05).
MODEXP: constant(address) = 0x0000000000000000000000000000000000000005
G1ADD: constant(address) = 0x000000000000000000000000000000000000000b
G1MSM: constant(address) = 0x000000000000000000000000000000000000000C
G2ADD: constant(address) = 0x000000000000000000000000000000000000000d
PAIRING_CHECK: constant(address) = 0x000000000000000000000000000000000000000F
MAP_FP2_TO_G2: constant(address) = 0x0000000000000000000000000000000000000011

# The base-field modulus p, 48 bytes big-endian, and split at bit 256 for negation.
P_BYTES: constant(Bytes[48]) = x"1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"
P_HIGH: constant(uint256) = 34565483545414906068789196026815425751
P_LOW: constant(uint256) = 45442060874369865957053122457065728162598490762543039060009208264153100167851

ZERO16: constant(bytes16) = empty(bytes16)
# keccak256 of 128 and of 256 zero bytes: the G1 and G2 identities.
G1_IDENTITY_HASH: constant(bytes32) = 0x012893657d8eb2efad4de0a91bcd0e39ad9837745dec3ea923737ea803fc8e3d
G2_IDENTITY_HASH: constant(bytes32) = 0xd397b3b043d87fcd6fad1291ff0bfd16401c274896d8c63a923727f077b8e0b5
# MODEXP's length header for a 64-byte base, a 1-byte exponent and a 48-byte modulus.
MODEXP_LENGTHS: constant(Bytes[96]) = x"000000000000000000000000000000000000000000000000000000000000004000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000030"

# The negated G1 generator (x, p − y): the pairing check is e(apk, H(m)) · e(−G1, σ) = 1.
NEG_G1: constant(Bytes[128]) = x"0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb00000000000000000000000000000000114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca"

# The longest message and domain-separation tag hash_to_g2 takes.
MAX_MESSAGE: constant(uint256) = 1024
MAX_DST: constant(uint256) = 255
# A G1MSM input for 128 keys: each point (128 bytes) with its scalar (32 bytes), plus the 64
# bytes a slice of abi_encode's output keeps in its type.
MAX_MSM: constant(uint256) = 128 * 160 + 64


@internal
@view
def g1_sum_checked(msm_input: Bytes[MAX_MSM]) -> Bytes[128]:
    """
    @notice Σ sᵢ·Pᵢ for an MSM input of (point, scalar) pairs. The precompile refuses a point that
            is not canonically encoded, not on the curve or not in the prime-order subgroup, so one
            call with every scalar 1 both checks a set of keys and sums them.
    """
    ok: bool = False
    result: Bytes[128] = b""
    ok, result = raw_call(G1MSM, msm_input, max_outsize=128, is_static_call=True, revert_on_failure=False)
    assert ok, "a pubkey is not a G1 point in the subgroup"
    assert len(result) == 128, "G1MSM returned nothing"
    return result


@internal
@view
def g1_add(a: Bytes[128], b: Bytes[128]) -> Bytes[128]:
    ok: bool = False
    result: Bytes[128] = b""
    ok, result = raw_call(G1ADD, concat(a, b), max_outsize=128, is_static_call=True, revert_on_failure=False)
    assert ok, "G1ADD failed"
    assert len(result) == 128, "G1ADD returned nothing"
    return result


@internal
@pure
def is_identity(point: Bytes[256]) -> bool:
    """
    @notice Whether an encoded G1 (128 bytes) or G2 (256 bytes) point is all zeros, the identity
            (compared by hash: one KECCAK256 costs less than reading the words).
    """
    digest: bytes32 = keccak256(point)
    return digest == G1_IDENTITY_HASH or digest == G2_IDENTITY_HASH


@internal
@pure
def negate_fp(y: Bytes[48]) -> Bytes[48]:
    """
    @notice p − y for a field element 0 < y < p, in two limbs (the high 128 bits and the low 256).
    """
    high: uint256 = convert(slice(y, 0, 16), uint256)
    low: uint256 = convert(convert(slice(y, 16, 32), bytes32), uint256)
    borrow: uint256 = 0
    if low > P_LOW:
        borrow = 1
    low_result: uint256 = unsafe_sub(P_LOW, low)
    high_result: uint256 = P_HIGH - high - borrow
    return concat(slice(convert(high_result, bytes32), 16, 16), convert(low_result, bytes32))


@internal
@view
def _reduce(wide: Bytes[64]) -> Bytes[64]:
    """
    @notice A 64-byte big-endian integer reduced mod p (MODEXP with exponent 1), in EIP-2537's
            64-byte field encoding.
    """
    ok: bool = False
    result: Bytes[48] = b""
    ok, result = raw_call(
        MODEXP,
        concat(MODEXP_LENGTHS, wide, x"01", P_BYTES),
        max_outsize=48,
        is_static_call=True,
        revert_on_failure=False,
    )
    assert ok, "MODEXP failed"
    assert len(result) == 48, "MODEXP returned nothing"
    return concat(ZERO16, result)


@internal
@view
def _map_to_g2(c0: Bytes[64], c1: Bytes[64]) -> Bytes[256]:
    ok: bool = False
    result: Bytes[256] = b""
    ok, result = raw_call(MAP_FP2_TO_G2, concat(c0, c1), max_outsize=256, is_static_call=True, revert_on_failure=False)
    assert ok, "MAP_FP2_TO_G2 failed"
    assert len(result) == 256, "MAP_FP2_TO_G2 returned nothing"
    return result


@internal
@view
def hash_to_g2(message: Bytes[MAX_MESSAGE], dst: Bytes[MAX_DST]) -> Bytes[256]:
    """
    @notice RFC 9380 hash_to_curve for BLS12381G2_XMD:SHA-256_SSWU_RO_: expand_message_xmd to 256
            bytes (section 5.3.1), four 64-byte integers reduced mod p as u0 = (e0, e1) and
            u1 = (e2, e3), each mapped with MAP_FP2_TO_G2 (which also clears the cofactor; clearing
            is linear, so the sum of the cleared maps is the cleared sum), then added.
    """
    dst_prime: Bytes[256] = concat(dst, convert(convert(len(dst), uint8), bytes1))
    # b0 = H(Z_pad ‖ msg ‖ I2OSP(256, 2) ‖ I2OSP(0, 1) ‖ DST_prime)
    b0: bytes32 = sha256(concat(empty(bytes32), empty(bytes32), message, x"010000", dst_prime))
    blocks: bytes32[8] = empty(bytes32[8])
    blocks[0] = sha256(concat(b0, x"01", dst_prime))
    for i: uint256 in range(1, 8):
        blocks[i] = sha256(concat(convert(convert(b0, uint256) ^ convert(blocks[i - 1], uint256), bytes32), convert(convert(i + 1, uint8), bytes1), dst_prime))
    q0: Bytes[256] = self._map_to_g2(self._reduce(concat(blocks[0], blocks[1])), self._reduce(concat(blocks[2], blocks[3])))
    q1: Bytes[256] = self._map_to_g2(self._reduce(concat(blocks[4], blocks[5])), self._reduce(concat(blocks[6], blocks[7])))
    ok: bool = False
    result: Bytes[256] = b""
    ok, result = raw_call(G2ADD, concat(q0, q1), max_outsize=256, is_static_call=True, revert_on_failure=False)
    assert ok, "G2ADD failed"
    assert len(result) == 256, "G2ADD returned nothing"
    return result


@internal
@view
def signature_verifies(key: Bytes[128], hashed: Bytes[256], signature: Bytes[256]) -> bool:
    """
    @notice e(key, H(m)) = e(G1, σ), checked as one two-pair PAIRING_CHECK. The precompile refuses
            a σ that is not canonical, not on the curve or not in the subgroup; that is a revert,
            a well-formed wrong σ is false.
    """
    ok: bool = False
    result: Bytes[32] = b""
    ok, result = raw_call(
        PAIRING_CHECK, concat(key, hashed, NEG_G1, signature), max_outsize=32, is_static_call=True, revert_on_failure=False
    )
    assert ok, "signature is not a G2 point in the subgroup"
    assert len(result) == 32, "PAIRING_CHECK returned nothing"
    return convert(convert(result, bytes32), uint256) == 1
