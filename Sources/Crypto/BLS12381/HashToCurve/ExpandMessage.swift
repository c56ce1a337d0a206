// ExpandMessage.swift — expand_message_xmd with SHA-256 (RFC 9380 §5.3.1, §5.3.3).

import Crypto

enum ExpandMessage {
    /// Implements `expand_message_xmd(msg, DST, len_in_bytes)` of RFC 9380 §5.3.1 with H = SHA-256
    /// (b_in_bytes = 32, s_in_bytes = 64). A DST longer than 255 bytes is first replaced by
    /// `H("H2C-OVERSIZE-DST-" || DST)` (§5.3.3). Preconditions: len_in_bytes ≤ 8160 (ell ≤ 255).
    static func xmd(msg: some Sequence<UInt8>, dst: [UInt8], lenInBytes len_in_bytes: Int) -> [UInt8] {
        var DST = dst
        if DST.count > 255 {
            var h = SHA256()
            h.update(data: Array("H2C-OVERSIZE-DST-".utf8))
            h.update(data: DST)
            DST = Array(h.finalize())
        }
        let ell = (len_in_bytes + 31) / 32
        precondition(ell <= 255 && len_in_bytes <= 65535)
        let DST_prime = DST + [UInt8(DST.count)]
        let Z_pad = [UInt8](repeating: 0, count: 64)
        let l_i_b_str: [UInt8] = [UInt8(len_in_bytes >> 8), UInt8(len_in_bytes & 0xff)]
        var h0 = SHA256()
        h0.update(data: Z_pad)
        h0.update(data: Array(msg))
        h0.update(data: l_i_b_str + [0])
        h0.update(data: DST_prime)
        let b_0 = Array(h0.finalize())
        var h1 = SHA256()
        h1.update(data: b_0 + [1])
        h1.update(data: DST_prime)
        var b_i = Array(h1.finalize())
        var uniform_bytes = b_i
        uniform_bytes.reserveCapacity(ell * 32)
        if ell >= 2 {
            for i in 2...ell {
                var h = SHA256()
                var x = [UInt8](repeating: 0, count: 33)
                for j in 0..<32 { x[j] = b_0[j] ^ b_i[j] }
                x[32] = UInt8(i)
                h.update(data: x)
                h.update(data: DST_prime)
                b_i = Array(h.finalize())
                uniform_bytes += b_i
            }
        }
        return Array(uniform_bytes.prefix(len_in_bytes))
    }
}
