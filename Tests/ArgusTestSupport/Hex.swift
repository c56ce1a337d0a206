@_exported import HexCodec

/// Bytes of known-good hex in a test vector; a bad vector stops the test run loudly.
public func hexBytes(_ hex: String) -> [UInt8] {
    do { return try Hex.decode(hex) } catch { preconditionFailure("bad hex in a test vector (\(error)): \(hex.prefix(80))") }
}

/// Lower-case hex.
public func hexString(_ bytes: some Sequence<UInt8>) -> String { Hex.encode(bytes) }
