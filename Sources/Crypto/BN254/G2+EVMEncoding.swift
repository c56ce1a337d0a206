/// The EVM encoding of G2 (EIP-197): x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 — imaginary part first — each a
/// 32-byte big-endian integer < p; all zeros is the point at infinity.
extension G2Affine {
    /// Decodes 128 bytes strictly: canonical coordinates, on the twist, in the order-r subgroup
    /// (EIP-197 requires the subgroup check), or exactly all zeros.
    public init(evmBytes bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard bytes.count == 128 else { throw .badEncoding }
        let array: [UInt8] = Array(bytes)
        guard let xImaginary = Fp(bigEndian: array[0..<32]),
            let xReal = Fp(bigEndian: array[32..<64]),
            let yImaginary = Fp(bigEndian: array[64..<96]),
            let yReal = Fp(bigEndian: array[96..<128])
        else { throw .nonCanonical }
        let x: Fp2 = Fp2(c0: xReal, c1: xImaginary)
        let y: Fp2 = Fp2(c0: yReal, c1: yImaginary)
        if x.isZero && y.isZero {
            self = .identity
            return
        }
        try self.init(x: x, y: y)
    }

    /// 128 bytes x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0; the identity encodes as zeros.
    public var evmBytes: [UInt8] {
        if isIdentity { return [UInt8](repeating: 0, count: 128) }
        return x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }
}
