import ArgusCore
import ArgusProof

/// Every verdict a replica can reach on an item of a finalized batch, in one place (stages 02–04).
///
/// An event is applied only if all of these hold, checked in this order: it parses strictly; its
/// address is monitored here; its timestamp is at most `maxEventAge` before and `maxFutureSkew`
/// after its finalization; in attested modes its quorum proof verifies against the registry with
/// the quorum re-checked; and the address's history admits it (strictly after its last applied
/// event, and a change of state). Pure: the history goes in, verdicts come out, and the store only
/// writes them (`EventStore.apply`).
public struct EventAdmission: Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Not an event: not JSON, not an array of objects, a missing or mistyped field.
        case malformed
        case unknownAddress = "unknown_address"
        /// More than `maxEventAge` before its finalization: a stale proposal or an old proof replayed.
        case stale
        /// More than `maxFutureSkew` after its finalization.
        case future
        /// No proof where one is needed, a signature that does not verify, or unknown or repeated non-signers.
        case forged
        /// A valid signature by fewer members than the quorum.
        case underQuorum = "under_quorum"
        /// This replica's own confirmed observations say otherwise from the event's time to now.
        case contradicted
        /// The very event already applied (several proposers, or a resend).
        case duplicate
        /// At or before the address's last applied event, but not that event: a replayed proof.
        case replay
        /// The state the address is already in.
        case sameState = "same_state"
        /// A maintenance window announced once it had begun (or with an announcement time past
        /// its start): it would excuse downtime after the fact.
        case lateMaintenance = "late_maintenance"
    }

    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public var kind: Kind
        public var reason: String

        public init(_ kind: Kind, _ reason: String) {
            self.kind = kind
            self.reason = reason
        }

        public var description: String { reason }
    }

    public enum Verdict: Sendable, Hashable {
        case apply(StateEvent)
        /// A maintenance window, announced in advance and proven: recorded, it excludes downtime.
        case applyMaintenance(MaintenanceEvent)
        case refuse(Refusal)

        public var refusal: Refusal? {
            if case let .refuse(refusal) = self { refusal } else { nil }
        }
    }

    public let rules: ClusterRules
    /// The addresses this replica knows (monitored now, or before). An event for another address
    /// is refused, unless it carries a quorum proof that holds: then the quorum vouches that its
    /// members monitor it (they sign only their own targets' states), and a replica that has not
    /// loaded a new target yet applies its events like the others.
    public var addresses: Set<String>
    /// The registry proofs are checked against; `nil` in replicated mode (unsigned events).
    public let registry: Registry?
    public let requiresProofs: Bool

    public init(rules: ClusterRules, addresses: Set<String>, registry: Registry?, requiresProofs: Bool) {
        self.rules = rules
        self.addresses = addresses
        self.registry = registry
        self.requiresProofs = requiresProofs
    }

    /// One item of a batch and what became of it.
    public struct Admitted: Sendable, Hashable {
        public var position: Int
        /// The item as finalized (a body that is not an array: its first 2,000 characters).
        public var text: String
        public var verdict: Verdict
    }

    /// The verdict on each item of a batch finalized at `finalizedAt`, in order. `history` holds
    /// the last applied change of each address the batch names (`body.addresses`), and is
    /// advanced past every event admitted, so a later item of the same batch is judged against it.
    /// `own` holds this node's own monitors of the addresses (`TargetMonitor.contradicts`): an
    /// event its own confirmed history contradicts is refused, with its reason, so a quorum that
    /// signed what this node saw otherwise is on record and does not silently enter its log.
    /// `proofs` holds the proof verdicts `proofVerdicts(_:)` computed ahead for this body (by
    /// position); without them, the body's proofs are checked together here.
    public func admit(_ body: FinalizedBody, finalizedAt: Int64, history: inout [String: StateChange],
                      own: [String: TargetMonitor] = [:], proofs: [Int: Refusal?]? = nil) -> [Admitted] {
        let items: [FinalizedItem]
        switch body.items {
        case let .success(value): items = value
        case let .failure(error):
            return [Admitted(position: 0, text: body.prefix, verdict: .refuse(Refusal(.malformed, "\(error)")))]
        }
        let proofs = proofs ?? proofVerdicts([(body, finalizedAt)])[0]
        return items.map { item in
            if let maintenance = item.maintenance {
                return Admitted(position: item.position, text: item.text, verdict: admit(maintenance, finalizedAt: finalizedAt))
            }
            let verdict = admit(item, finalizedAt: finalizedAt, last: item.event.flatMap { history[$0.address] },
                                own: item.event.flatMap { own[$0.address] }, proof: proofs[item.position])
            if case let .apply(event) = verdict { history[event.address] = event.change }
            return Admitted(position: item.position, text: item.text, verdict: verdict)
        }
    }

    /// How a batch's refusals are recorded: one record per batch, however many items it holds (a
    /// 5 KB batch of `0,0,0,…` is one record, not thousands), with a bounded reason — the single
    /// refusal's own reason, or the first few distinct ones and how many more — and a bounded
    /// excerpt of the first refused item. `nil` when nothing was refused.
    public static func record(of admitted: [Admitted], distinctReasons: Int = 4, excerpt: Int = 500)
        -> (position: Int, kind: Kind, reason: String, excerpt: String)? {
        let refused = admitted.compactMap { item in item.verdict.refusal.map { (item, $0) } }
        guard let (first, firstRefusal) = refused.first else { return nil }
        let reason: String
        if refused.count == 1 {
            reason = String(firstRefusal.reason.prefix(1000))
        } else {
            var seen: Set<String> = []
            var listed: [String] = []
            for (item, refusal) in refused where seen.insert(refusal.reason).inserted && listed.count < distinctReasons {
                listed.append("item \(item.position): \(refusal.reason.prefix(200))")
            }
            let more = refused.count - listed.count
            reason = "\(refused.count) of \(admitted.count) items refused: " + listed.joined(separator: "; ")
                + (more > 0 ? "; and \(more) more" : "")
        }
        return (first.position, firstRefusal.kind, reason, String(first.text.prefix(excerpt)))
    }

    /// The proof verdicts of every item of `bodies` whose proof admission would look at (it
    /// parses and is recent): per body, by position, `nil` for a proof
    /// that holds. All of them are checked together (`ProofVerifier.verify(_:)` on an array: one
    /// multi-pairing, and one by one only if that fails), with the same verdicts as one by one.
    public func proofVerdicts(_ bodies: [(body: FinalizedBody, finalizedAt: Int64)]) -> [[Int: Refusal?]] {
        var verdicts = Array(repeating: [Int: Refusal?](), count: bodies.count)
        guard requiresProofs, let registry else { return verdicts }
        var pending: [(body: Int, position: Int, event: StateEvent)] = []
        for (index, (body, finalizedAt)) in bodies.enumerated() {
            guard case let .success(items) = body.items else { continue }
            for item in items {
                if case let .success(event) = item.parsed, refusalBeforeProof(event, finalizedAt: finalizedAt) == nil {
                    pending.append((index, item.position, event))
                }
            }
        }
        for (item, result) in zip(pending, ProofVerifier(registry: registry).verify(pending.map(\.event))) {
            verdicts[item.body][item.position] = Self.refusal(ofProof: result)
        }
        return verdicts
    }

    /// The verdict on one item, given the last applied change of its address. `proof`, when
    /// given, is its proof's verdict computed ahead (`proofVerdicts(_:)`).
    public func admit(_ item: FinalizedItem, finalizedAt: Int64, last: StateChange?, own: TargetMonitor? = nil,
                      proof: Refusal?? = nil) -> Verdict {
        let event: StateEvent
        switch item.parsed {
        case let .success(value): event = value
        case let .failure(error): return .refuse(Refusal(.malformed, "\(error)"))
        }
        if let refusal = refusalBeforeHistory(event, finalizedAt: finalizedAt, proof: proof) { return .refuse(refusal) }
        if let refusal = Self.refusal(of: event.change, after: last) { return .refuse(refusal) }
        if let own, own.contradicts(event.state, fromSecond: event.timestamp) {
            return .refuse(Refusal(.contradicted, "this node's own checks saw \(event.address) \(own.state), not \(event.state), from \(event.timestamp) on"))
        }
        return .apply(event)
    }

    /// The checks that need no history: address, age, proof (`proof`: its verdict computed ahead).
    func refusalBeforeHistory(_ event: StateEvent, finalizedAt: Int64, proof: Refusal?? = nil) -> Refusal? {
        if let refusal = refusalBeforeProof(event, finalizedAt: finalizedAt) { return refusal }
        guard requiresProofs else { return nil }
        let verdict: Refusal?
        if let proof {
            verdict = proof
        } else if let registry {
            verdict = Self.refusal(ofProof: Result { () throws(ProofVerifier.Failure) in try ProofVerifier(registry: registry).verify(event) })
        } else {
            verdict = Refusal(.forged, "no registry to verify proofs")
        }
        // An unknown address without a valid proof: refused as unknown.
        if verdict != nil, !addresses.contains(event.address) { return Refusal(.unknownAddress, "unknown address \(event.address)") }
        return verdict
    }

    /// The verdict on a maintenance window (docs/ACCOUNTING.md): well-formed, announced within the
    /// age bounds of its finalization and strictly before it begins, and, where proofs are needed,
    /// signed by a quorum (which also vouches for an address this replica does not know).
    public func admit(_ item: Result<MaintenanceEvent, StateEvent.ParseError>, finalizedAt: Int64) -> Verdict {
        let event: MaintenanceEvent
        switch item {
        case let .success(value): event = value
        case let .failure(error): return .refuse(Refusal(.malformed, "\(error)"))
        }
        let window = event.window
        let announced = Double(window.announced)
        let finalized = Double(finalizedAt)
        if announced < finalized - rules.maxEventAge {
            return .refuse(Refusal(.stale, "maintenance announced at \(window.announced), more than \(Int(rules.maxEventAge)) s before its finalization (\(finalizedAt))"))
        }
        if announced > finalized + rules.maxFutureSkew {
            return .refuse(Refusal(.future, "maintenance announced at \(window.announced), more than \(Int(rules.maxFutureSkew)) s after its finalization (\(finalizedAt))"))
        }
        guard window.inAdvance else {
            return .refuse(Refusal(.lateMaintenance, "maintenance of \(window.address) announced at \(window.announced), not before it began (\(window.from))"))
        }
        if requiresProofs {
            guard let registry else { return .refuse(Refusal(.forged, "no registry to verify proofs")) }
            let verdict = Self.refusal(ofProof: Result { () throws(ProofVerifier.Failure) in
                try ProofVerifier(registry: registry).verify(statement: event.statement, signature: event.aggregatedSignature,
                                                             nonSigners: event.nonSigningNodes ?? [])
            })
            if let verdict {
                return .refuse(addresses.contains(window.address) ? verdict : Refusal(.unknownAddress, "unknown address \(window.address)"))
            }
        } else if !addresses.contains(window.address) {
            return .refuse(Refusal(.unknownAddress, "unknown address \(window.address)"))
        }
        return .applyMaintenance(event)
    }

    /// The address and age checks (an unknown address passes here when a proof may vouch for it).
    func refusalBeforeProof(_ event: StateEvent, finalizedAt: Int64) -> Refusal? {
        if !requiresProofs, !addresses.contains(event.address) { return Refusal(.unknownAddress, "unknown address \(event.address)") }
        let time = Double(event.timestamp)
        let finalized = Double(finalizedAt)
        if time < finalized - rules.maxEventAge {
            return Refusal(.stale, "timestamp \(event.timestamp) is more than \(Int(rules.maxEventAge)) s before its finalization (\(finalizedAt)): a replay or a stale proposal")
        }
        if time > finalized + rules.maxFutureSkew {
            return Refusal(.future, "timestamp \(event.timestamp) is more than \(Int(rules.maxFutureSkew)) s after its finalization (\(finalizedAt))")
        }
        return nil
    }

    /// What a proof's verification says (`nil`: it holds).
    static func refusal(ofProof result: Result<ProofVerifier.Verified, ProofVerifier.Failure>) -> Refusal? {
        switch result {
        case .success: nil
        case let .failure(.quorumNotMet(signers, members, rule)):
            Refusal(.underQuorum, "proof: \(ProofVerifier.Failure.quorumNotMet(signers: signers, members: members, rule: rule))")
        case let .failure(error): Refusal(.forged, "proof: \(error)")
        }
    }

    /// What the history says of `change` after `last` (`nil`: admitted).
    static func refusal(of change: StateChange, after last: StateChange?) -> Refusal? {
        if last == change {
            return Refusal(.duplicate, "a duplicate of the applied event \(change.address) \(change.state)@\(change.timestamp)")
        }
        do throws(Timeline.AppendError) {
            if try Timeline.admit(change, after: last) != .appended {
                return Refusal(.sameState, "\(change.address) is already \(change.state) (since \(last?.timestamp ?? 0))")
            }
            return nil
        } catch {
            return Refusal(.replay, "not after the last applied event of \(change.address) (\(last.map { "\($0.state)@\($0.timestamp)" } ?? "none")): \(error)")
        }
    }
}

/// A finalized batch body, parsed once (`FinalizedItem.items(of:)`).
public struct FinalizedBody: Sendable, Hashable {
    public let items: Result<[FinalizedItem], StateEvent.ParseError>
    /// The body's first 2,000 characters, kept when it is not an array of events.
    public let prefix: String

    public init(_ body: String) {
        items = Result { () throws(StateEvent.ParseError) -> [FinalizedItem] in try FinalizedItem.items(of: body) }
        prefix = (try? items.get()) == nil ? String(body.prefix(2000)) : ""
    }

    /// The addresses its well-formed events name: the history admission needs.
    public var addresses: Set<String> {
        Set(((try? items.get()) ?? []).compactMap { $0.event?.address })
    }
}
