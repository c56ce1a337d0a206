import Zellular

/// Where a client learns a Zellular network's operators: the set a finality signature's tag refers
/// to, and the set to choose a gateway from now.
public protocol ZellularNetwork: Sendable {
    /// The operators a signature with `tag` is checked against.
    func operators(tag: Int) async throws -> OperatorSet
    /// The operators as of now (gateway selection).
    func currentOperators() async throws -> OperatorSet
}

/// A fixed operator set (the SDK's `StaticNetwork`, from a `nodes.json`): every tag maps to it.
public struct StaticNetwork: ZellularNetwork {
    public let set: OperatorSet

    public init(_ set: OperatorSet) { self.set = set }

    public init(json text: String) throws(OperatorSet.ParseError) {
        set = try OperatorSet.staticNetwork(json: text)
    }

    public func operators(tag: Int) async throws -> OperatorSet { set }
    public func currentOperators() async throws -> OperatorSet { set }
}
