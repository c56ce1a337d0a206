import PythonJSON
/// The node's byte layout of finalized batches (field order as a FastAPI node declares it).
extension FinalitySignature {
    /// `BatchSignatureInfo` in the node's field order.
    public var wire: WireJSON {
        .object([
            ("state", .string(state)), ("signature", .string(signature)), ("chaining_hash", .string(chainingHash)),
            ("nonsigners", .array((nonsigners ?? []).map(WireJSON.string))), ("index", .int(index)),
            ("parent_index", .int(parentIndex)), ("tag", .int(tag)), ("timestamp", .int(timestamp)),
        ])
    }
}

extension FinalizedBatches {
    public var wire: WireJSON {
        .object([
            ("batches", .array(batches.map(WireJSON.string))), ("first_chaining_hash", .string(firstChainingHash)),
            ("finalized_signatures", .array(finalizedSignatures.map(\.wire))),
        ])
    }
}
