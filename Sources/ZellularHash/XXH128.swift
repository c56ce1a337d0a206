import CXXHash

/// XXH3-128 (seed 0) of `bytes`, as Python's `xxhash.xxh128_hexdigest` prints it:
/// 32 lower-case hex characters, the 128-bit value big-endian (high 64 bits first),
/// which is xxHash's canonical representation (`XXH128_canonicalFromHash`).
///
/// Zellular hashes `str` values as their UTF-8 bytes; use ``xxh128Hex(_:)-(String)`` for those.
public func xxh128Hex(_ bytes: some Sequence<UInt8>) -> String {
    let digest: XXH128_hash_t = bytes.withContiguousStorageIfAvailable { buffer in
        XXH3_128bits(buffer.baseAddress, buffer.count)
    } ?? Array(bytes).withUnsafeBufferPointer { buffer in
        XXH3_128bits(buffer.baseAddress, buffer.count)
    }
    return hex64(digest.high64) + hex64(digest.low64)
}

/// XXH3-128 hex digest of the UTF-8 bytes of `text` (python-xxhash 3.x on a `str`).
public func xxh128Hex(_ text: String) -> String {
    xxh128Hex(Array(text.utf8))
}

/// 16 lower-case hex digits of `value`, most significant first.
@usableFromInline
func hex64(_ value: UInt64) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(16)
    var shift: UInt64 = 60
    for _ in 0..<16 {
        out.append(digits[Int((value >> shift) & 0xf)])
        shift &-= 4
    }
    return String(decoding: out, as: UTF8.self)
}
