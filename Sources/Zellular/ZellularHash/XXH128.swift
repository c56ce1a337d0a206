import CXXHash
import HexCodec

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
    return Hex.encode(digest.high64) + Hex.encode(digest.low64)
}

/// XXH3-128 hex digest of the UTF-8 bytes of `text` (python-xxhash 3.x on a `str`).
public func xxh128Hex(_ text: String) -> String {
    xxh128Hex(Array(text.utf8))
}
