import PythonJSON

/// The Zellular node's response envelopes.
extension WireJSON {
    /// `{"status":"success","message":…,"data":…}`.
    public static func success(_ data: WireJSON, message: String = "Operation successful") -> WireJSON {
        .object([("status", .string("success")), ("message", .string(message)), ("data", data)])
    }

    /// `{"status":"error","error":{"code":…,"message":…}}`.
    public static func error(code: String, message: String) -> WireJSON {
        .object([("status", .string("error")), ("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }
}
