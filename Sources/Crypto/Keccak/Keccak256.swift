// Keccak256.swift — Ethereum's Keccak-256: the Keccak[c = 512] sponge over Keccak-f[1600] with the
// original padding 0x01…0x80 (FIPS 202's SHA3-256 differs only in its 0x06 domain byte).
// Written from the Keccak reference (keccak.team, "The Keccak reference" 3.0) and FIPS 202 §3.2.

/// Keccak-256 as Ethereum uses it (`keccak256` in Solidity). Hashes only public data here, so
/// nothing needs to be constant-time; it is anyway (no data-dependent branches or indices).
public struct Keccak256: Sendable {
    /// The rate in bytes: 1600 − 2·256 bits.
    static let rate = 136
    var state = [UInt64](repeating: 0, count: 25)
    var buffer: [UInt8] = []

    public init() { buffer.reserveCapacity(Self.rate) }

    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Keccak256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            buffer.append(byte)
            if buffer.count == Self.rate { absorbBuffer() }
        }
    }

    public consuming func finalize() -> [UInt8] {
        var block = buffer
        block.append(0x01)
        block.append(contentsOf: repeatElement(0, count: Self.rate - block.count))
        block[Self.rate - 1] |= 0x80
        buffer = block
        absorbBuffer()
        var digest = [UInt8](repeating: 0, count: 32)
        for lane in 0..<4 {
            for byte in 0..<8 { digest[lane * 8 + byte] = UInt8(truncatingIfNeeded: state[lane] >> (8 * UInt64(byte))) }
        }
        return digest
    }

    private mutating func absorbBuffer() {
        for lane in 0..<(Self.rate / 8) {
            var word: UInt64 = 0
            for byte in 0..<8 { word |= UInt64(buffer[lane * 8 + byte]) << (8 * UInt64(byte)) }
            state[lane] ^= word
        }
        buffer.removeAll(keepingCapacity: true)
        state.withUnsafeMutableBufferPointer { Self.permute($0) }
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
    /// ρ offsets, indexed by lane x + 5y (FIPS 202 Table 2).
    static let rotations: [UInt64] = [
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14,
    ]

    /// Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι on 25 lanes, lane (x, y) at index x + 5y.
    static func permute(_ a: UnsafeMutableBufferPointer<UInt64>) {
        var b = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { t in
            for round in 0..<24 {
                // θ
                b.0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20]
                b.1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21]
                b.2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22]
                b.3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23]
                b.4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24]
                let d = (b.4 ^ rotl(b.1, 1), b.0 ^ rotl(b.2, 1), b.1 ^ rotl(b.3, 1), b.2 ^ rotl(b.4, 1), b.3 ^ rotl(b.0, 1))
                for y in stride(from: 0, to: 25, by: 5) {
                    a[y] ^= d.0; a[y + 1] ^= d.1; a[y + 2] ^= d.2; a[y + 3] ^= d.3; a[y + 4] ^= d.4
                }
                // ρ and π: lane (x, y) moves to (y, 2x + 3y).
                for x in 0..<5 {
                    for y in 0..<5 {
                        t[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], rotations[x + 5 * y])
                    }
                }
                // χ
                for y in stride(from: 0, to: 25, by: 5) {
                    for x in 0..<5 { a[y + x] = t[y + x] ^ (~t[y + (x + 1) % 5] & t[y + (x + 2) % 5]) }
                }
                // ι
                a[0] ^= roundConstants[round]
            }
        }
    }

    @inline(__always) static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { n == 0 ? x : (x << n) | (x >> (64 - n)) }
}
