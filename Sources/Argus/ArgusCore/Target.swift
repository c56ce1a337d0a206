/// A monitored node: its address (the id used in events and queries), how to check it, and how often.
public struct Target: Sendable, Hashable {
    public var address: String
    public var check: Check
    public var policy: CheckPolicy

    public init(address: String, check: Check, policy: CheckPolicy = .default) {
        self.address = address
        self.check = check
        self.policy = policy
    }
}
