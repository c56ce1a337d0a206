import ArgusCore

/// The texts monitoring nodes sign, byte for byte the reference's (`downtime-reference.md` §5, §6):
/// UTF-8, decimal integers, one space after each colon and comma, no trailing newline.
public enum Statement {
    /// `Address: {address}, State: {state}, Timestamp: {timestamp}` — a node saw `address` in
    /// `state` at `timestamp`.
    public static func state(address: String, state: HealthState, timestamp: Int64) -> String {
        "Address: \(address), State: \(state.rawValue), Timestamp: \(timestamp)"
    }

    /// `Address: {address}, Downtime: {total}, From: {from}, To: {to}` — `address` was down
    /// `total` seconds in `[from, to]`.
    public static func downtime(address: String, total: Int64, from: Int64, to: Int64) -> String {
        "Address: \(address), Downtime: \(total), From: \(from), To: \(to)"
    }

    /// `Maintenance: {address}, From: {from}, To: {to}, Announced: {announced}, Reason: {reason}` —
    /// `address` will be under maintenance in `[from, to)`, announced at `announced` (each signer
    /// checked that time against its own clock, so the quorum attests it came before `from`).
    /// Argus's own (the reference has no maintenance); it cannot be read as another statement, as
    /// it is the only one that begins with `Maintenance:`.
    public static func maintenance(_ window: MaintenanceWindow) -> String {
        "Maintenance: \(window.address), From: \(window.from), To: \(window.to), Announced: \(window.announced), Reason: \(window.reason)"
    }
}
