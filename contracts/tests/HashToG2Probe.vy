# pragma version ~=0.4.3
"""
@notice Test access to bls12381.hash_to_g2, so the tests can run it on the RFC 9380 vectors.
"""
import bls12381


@external
@view
def hash_to_g2(message: Bytes[bls12381.MAX_MESSAGE], dst: Bytes[bls12381.MAX_DST]) -> Bytes[256]:
    return bls12381.hash_to_g2(message, dst)
