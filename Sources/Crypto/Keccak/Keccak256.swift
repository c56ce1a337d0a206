// Keccak256.swift — Ethereum's Keccak-256: the Keccak[c = 512] sponge over Keccak-f[1600] with the
// original padding 0x01…0x80 (FIPS 202's SHA3-256 differs only in its 0x06 domain byte).
// Written from the Keccak reference (keccak.team, "The Keccak reference" 3.0) and FIPS 202 §3.2.

/// Keccak-256 as Ethereum uses it (`keccak256` in Solidity). Hashes only public data here, so
/// nothing needs to be constant-time; it is anyway (no data-dependent branches or indices).
///
/// `hash(_:)` absorbs contiguous input straight from memory into a stack state; the incremental
/// `update`/`finalize` buffers one rate block. Both run the same permutation.
public struct Keccak256: Sendable {
    /// The rate in bytes: 1600 − 2·256 bits.
    static let rate = 136
    var state = [UInt64](repeating: 0, count: 25)
    var buffer = [UInt8](repeating: 0, count: Keccak256.rate)
    var buffered = 0

    public init() {}

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes(hash)
    }

    static func hash(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { lanes in
            let state = lanes.baseAddress!
            state.initialize(repeating: 0, count: 25)
            var offset = 0
            while input.count - offset >= rate {
                absorb(state, UnsafeRawBufferPointer(rebasing: input[offset..<offset + rate]))
                offset += rate
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rate) { block in
                block.initialize(repeating: 0)
                for index in 0..<(input.count - offset) { block[index] = input[offset + index] }
                pad(block, length: input.count - offset)
                absorb(state, UnsafeRawBufferPointer(block))
            }
            return squeeze(state)
        }
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            buffer[buffered] = byte
            buffered += 1
            if buffered == Self.rate { absorbBuffer() }
        }
    }

    public consuming func finalize() -> [UInt8] {
        for index in buffered..<Self.rate { buffer[index] = 0 }
        buffer.withUnsafeMutableBufferPointer { Self.pad($0, length: buffered) }
        absorbBuffer()
        return state.withUnsafeMutableBufferPointer { Self.squeeze($0.baseAddress!) }
    }

    private mutating func absorbBuffer() {
        buffer.withUnsafeBytes { block in state.withUnsafeMutableBufferPointer { Self.absorb($0.baseAddress!, block) } }
        buffered = 0
    }

    /// Keccak's pad10*1 with the 0x01 domain byte, after `length` message bytes of a zeroed block.
    @inline(__always) static func pad(_ block: UnsafeMutableBufferPointer<UInt8>, length: Int) {
        block[length] ^= 0x01
        block[rate - 1] ^= 0x80
    }

    /// XORs one rate block (little-endian lanes) into the state and permutes.
    @inline(__always) static func absorb(_ state: UnsafeMutablePointer<UInt64>, _ block: UnsafeRawBufferPointer) {
        for lane in 0..<(rate / 8) {
            state[lane] ^= UInt64(littleEndian: block.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
        }
        permute(state)
    }

    /// The first 256 bits of the state, little-endian lanes.
    @inline(__always) static func squeeze(_ state: UnsafeMutablePointer<UInt64>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { digest, count in
            for lane in 0..<4 {
                for byte in 0..<8 { digest[lane * 8 + byte] = UInt8(truncatingIfNeeded: state[lane] &>> UInt64(8 * byte)) }
            }
            count = 32
        }
    }

    /// Round constants ι (FIPS 202 §3.2.5).
    static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
    /// Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι on 25 lanes, lane (x, y) at index x + 5y, kept in
    /// locals. The per-lane statements below are the FIPS 202 steps written out (generated from
    /// the index rules: θ's column parities, π's (x, y) → (y, 2x + 3y), ρ's offsets from FIPS 202 Table 2).
    @inline(__always) static func permute(_ s: UnsafeMutablePointer<UInt64>) {
        var a0 = s[0]; var a1 = s[1]; var a2 = s[2]; var a3 = s[3]; var a4 = s[4]
        var a5 = s[5]; var a6 = s[6]; var a7 = s[7]; var a8 = s[8]; var a9 = s[9]
        var a10 = s[10]; var a11 = s[11]; var a12 = s[12]; var a13 = s[13]; var a14 = s[14]
        var a15 = s[15]; var a16 = s[16]; var a17 = s[17]; var a18 = s[18]; var a19 = s[19]
        var a20 = s[20]; var a21 = s[21]; var a22 = s[22]; var a23 = s[23]; var a24 = s[24]
        for round in 0..<24 {
            // θ
            let c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
            let c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
            let c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
            let c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
            let c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
            let d0 = c4 ^ rotl(c1, 1)
            let d1 = c0 ^ rotl(c2, 1)
            let d2 = c1 ^ rotl(c3, 1)
            let d3 = c2 ^ rotl(c4, 1)
            let d4 = c3 ^ rotl(c0, 1)
            // ρ and π: lane (x, y), θ applied, rotated, moves to (y, 2x + 3y)
            let b0 = a0 ^ d0
            let b10 = rotl(a1 ^ d1, 1)
            let b20 = rotl(a2 ^ d2, 62)
            let b5 = rotl(a3 ^ d3, 28)
            let b15 = rotl(a4 ^ d4, 27)
            let b16 = rotl(a5 ^ d0, 36)
            let b1 = rotl(a6 ^ d1, 44)
            let b11 = rotl(a7 ^ d2, 6)
            let b21 = rotl(a8 ^ d3, 55)
            let b6 = rotl(a9 ^ d4, 20)
            let b7 = rotl(a10 ^ d0, 3)
            let b17 = rotl(a11 ^ d1, 10)
            let b2 = rotl(a12 ^ d2, 43)
            let b12 = rotl(a13 ^ d3, 25)
            let b22 = rotl(a14 ^ d4, 39)
            let b23 = rotl(a15 ^ d0, 41)
            let b8 = rotl(a16 ^ d1, 45)
            let b18 = rotl(a17 ^ d2, 15)
            let b3 = rotl(a18 ^ d3, 21)
            let b13 = rotl(a19 ^ d4, 8)
            let b14 = rotl(a20 ^ d0, 18)
            let b24 = rotl(a21 ^ d1, 2)
            let b9 = rotl(a22 ^ d2, 61)
            let b19 = rotl(a23 ^ d3, 56)
            let b4 = rotl(a24 ^ d4, 14)
            // χ
            a0 = b0 ^ (~b1 & b2)
            a1 = b1 ^ (~b2 & b3)
            a2 = b2 ^ (~b3 & b4)
            a3 = b3 ^ (~b4 & b0)
            a4 = b4 ^ (~b0 & b1)
            a5 = b5 ^ (~b6 & b7)
            a6 = b6 ^ (~b7 & b8)
            a7 = b7 ^ (~b8 & b9)
            a8 = b8 ^ (~b9 & b5)
            a9 = b9 ^ (~b5 & b6)
            a10 = b10 ^ (~b11 & b12)
            a11 = b11 ^ (~b12 & b13)
            a12 = b12 ^ (~b13 & b14)
            a13 = b13 ^ (~b14 & b10)
            a14 = b14 ^ (~b10 & b11)
            a15 = b15 ^ (~b16 & b17)
            a16 = b16 ^ (~b17 & b18)
            a17 = b17 ^ (~b18 & b19)
            a18 = b18 ^ (~b19 & b15)
            a19 = b19 ^ (~b15 & b16)
            a20 = b20 ^ (~b21 & b22)
            a21 = b21 ^ (~b22 & b23)
            a22 = b22 ^ (~b23 & b24)
            a23 = b23 ^ (~b24 & b20)
            a24 = b24 ^ (~b20 & b21)
            // ι
            a0 ^= roundConstants[round]
        }
        s[0] = a0; s[1] = a1; s[2] = a2; s[3] = a3; s[4] = a4
        s[5] = a5; s[6] = a6; s[7] = a7; s[8] = a8; s[9] = a9
        s[10] = a10; s[11] = a11; s[12] = a12; s[13] = a13; s[14] = a14
        s[15] = a15; s[16] = a16; s[17] = a17; s[18] = a18; s[19] = a19
        s[20] = a20; s[21] = a21; s[22] = a22; s[23] = a23; s[24] = a24
    }

    /// Rotation left by 1…63 bits.
    @inline(__always) static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }
}
