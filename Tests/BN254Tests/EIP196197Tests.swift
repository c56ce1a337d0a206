import ArgusTestSupport
import BN254
import Testing

/// go-ethereum's precompile vectors for EIP-196 (add, mul) and EIP-197 (pairing check).
@Suite struct EIP196197Tests {
    static let addCases: [PrecompileCase] = (try? loadVector([PrecompileCase].self, "eip196-197/bn256Add.json")) ?? []
    static let mulCases: [PrecompileCase] = (try? loadVector([PrecompileCase].self, "eip196-197/bn256ScalarMul.json")) ?? []
    static let pairingCases: [PrecompileCase] = (try? loadVector([PrecompileCase].self, "eip196-197/bn256Pairing.json")) ?? []

    /// The precompiles right-pad short input with zeros and ignore the excess.
    static func padded(_ hex: String, to length: Int) -> [UInt8] {
        var bytes: [UInt8] = hexBytes(hex)
        if bytes.count < length { bytes += [UInt8](repeating: 0, count: length - bytes.count) }
        return Array(bytes.prefix(length))
    }

    @Test func counts() {
        #expect(Self.addCases.count == 16)
        #expect(Self.mulCases.count == 19)
        #expect(Self.pairingCases.count == 14)
    }

    @Test(arguments: Self.addCases)
    func add(_ c: PrecompileCase) throws {
        let input: [UInt8] = Self.padded(c.Input, to: 128)
        let a: G1Affine = try G1Affine(evmBytes: input[0..<64])
        let b: G1Affine = try G1Affine(evmBytes: input[64..<128])
        let sum: G1Affine = (a.projective + b.projective).affine
        #expect(hexString(sum.evmBytes) == c.Expected)
    }

    @Test(arguments: Self.mulCases)
    func mul(_ c: PrecompileCase) throws {
        let input: [UInt8] = Self.padded(c.Input, to: 96)
        let a: G1Affine = try G1Affine(evmBytes: input[0..<64])
        let k: [UInt8] = Array(input[64..<96])
        var limbs: [UInt64] = [0, 0, 0, 0]
        for (i, byte) in k.enumerated() { limbs[3 - i / 8] = limbs[3 - i / 8] << 8 | UInt64(byte) }
        let product: G1Affine = a.projective.multiplied(byInteger: (limbs[0], limbs[1], limbs[2], limbs[3])).affine
        #expect(hexString(product.evmBytes) == c.Expected)
    }

    @Test(arguments: Self.pairingCases)
    func pairing(_ c: PrecompileCase) throws {
        let input: [UInt8] = hexBytes(c.Input)
        #expect(input.count % 192 == 0)
        var pairs: [(G1Affine, G2Affine)] = []
        var offset: Int = 0
        while offset < input.count {
            let p: G1Affine = try G1Affine(evmBytes: input[offset..<(offset + 64)])
            let q: G2Affine = try G2Affine(evmBytes: input[(offset + 64)..<(offset + 192)])
            pairs.append((p, q))
            offset += 192
        }
        let ok: Bool = Pairing.productIsOne(pairs)
        let expected: Bool = hexBytes(c.Expected).last == 1
        #expect(ok == expected)
    }
}
