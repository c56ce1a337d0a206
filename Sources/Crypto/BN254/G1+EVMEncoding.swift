/// The EVM encoding of G1 (EIP-196): x ‖ y, each a 32-byte big-endian integer < p;
/// (0, 0) is the point at infinity.
extension G1Affine {
    /// Decodes 64 bytes strictly: both coordinates canonical (< p), the point on the curve or
    /// exactly (0, 0). G1 has cofactor 1, so no subgroup check is needed.
    public init(evmBytes bytes: some Collection<UInt8>) throws(DecodingFailure) {
        guard bytes.count == 64 else { throw .badEncoding }
        let array: [UInt8] = Array(bytes)
        guard let x = Fp(bigEndian: array[0..<32]), let y = Fp(bigEndian: array[32..<64]) else {
            throw .nonCanonical
        }
        if x.isZero && y.isZero {
            self = .identity
            return
        }
        try self.init(x: x, y: y)
    }

    /// 64 bytes x ‖ y; the identity encodes as 64 zero bytes.
    public var evmBytes: [UInt8] {
        if isIdentity { return [UInt8](repeating: 0, count: 64) }
        return x.bigEndianBytes + y.bigEndianBytes
    }
}
