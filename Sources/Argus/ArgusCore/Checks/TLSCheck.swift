/// A TLS check: a handshake with `host:port` whose certificate chain verifies (against the
/// system's roots, or `caFile`) for `serverName`, and whose leaf certificate expires more than
/// `minDays` days from now.
public struct TLSCheck: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// The name the certificate must be valid for (SNI); default: `host`.
    public var serverName: String?
    public var minDays: Double
    /// PEM file of trusted roots instead of the system's (a private CA).
    public var caFile: String?

    public init(host: String, port: Int = 443, serverName: String? = nil, minDays: Double = 7, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.minDays = minDays
        self.caFile = caFile
    }

    public func judge(_ answer: TLSAnswer, now: Double) -> Target.Verdict {
        let days = (answer.notValidAfter - now) / 86_400
        if days <= 0 { return .down("the certificate expired \(Self.format(-days)) days ago") }
        if days <= minDays { return .down("the certificate expires in \(Self.format(days)) days (min_days \(Self.format(minDays)))") }
        return .up
    }

    static func format(_ days: Double) -> String {
        let rounded = (days * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// A verified TLS handshake: when its leaf certificate stops being valid (seconds since the Unix
/// epoch). A handshake that fails verification is `Observation.unreachable`, with the reason.
public struct TLSAnswer: Sendable, Hashable {
    public var notValidAfter: Double

    public init(notValidAfter: Double) {
        self.notValidAfter = notValidAfter
    }
}
