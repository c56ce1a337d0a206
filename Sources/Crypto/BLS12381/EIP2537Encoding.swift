// EIP2537Encoding.swift — points as the EVM's BLS12-381 precompiles take them (EIP-2537,
// "Fine points and encoding of base elements"), for calldata to on-chain verifiers.
//
// A base-field element is 64 bytes: 16 zero bytes ‖ its 48-byte big-endian value. An 𝔽ₚ² element
// c0 + c1·u is c0 ‖ c1, 128 bytes. A G1 point is x ‖ y (128 bytes), a G2 point x ‖ y (256 bytes);
// the point at infinity is all zeros. There are no flag bits.
//
// Divergence from the ZCash form (ZCashEncoding.swift), which the registry and the wire messages
// use: ZCash writes 𝔽ₚ² as c1 ‖ c0 (imaginary part first); EIP-2537 writes c0 first. Both read the
// same point; only the byte order of the halves differs.

extension Fp {
    /// EIP-2537 `encode(Fp)`: 16 zero bytes ‖ the 48-byte big-endian value, 64 bytes.
    var eip2537Bytes: [UInt8] { [UInt8](repeating: 0, count: 16) + bigEndianBytes }
}

extension Fp2 {
    /// EIP-2537 `encode(Fp2)`: encode(c0) ‖ encode(c1), 128 bytes (c0 first, unlike ZCash).
    var eip2537Bytes: [UInt8] { c0.eip2537Bytes + c1.eip2537Bytes }
}

extension G1Affine {
    /// EIP-2537 G1 encoding: encode(x) ‖ encode(y), 128 bytes; the identity is 128 zero bytes.
    public var eip2537Representation: [UInt8] {
        isIdentity ? [UInt8](repeating: 0, count: 128) : x.eip2537Bytes + y.eip2537Bytes
    }
}

extension G2Affine {
    /// EIP-2537 G2 encoding: x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1, each 64 bytes, 256 in all; the identity is
    /// 256 zero bytes.
    public var eip2537Representation: [UInt8] {
        isIdentity ? [UInt8](repeating: 0, count: 256) : x.eip2537Bytes + y.eip2537Bytes
    }
}
