import ArgusCluster
import ArgusCore
import ArgusProof
import Testing

/// The proposer, fed what the monitor confirmed and what the log and the outbox did.
struct ProposerTests {
    let rules = ClusterRules()

    func signing() -> Proposer { Proposer(rules: rules, signsEvents: true) }

    @Test func nothingToProposeWhileTheLogAgrees() {
        var proposer = signing()
        // Every target starts "up since 0", as the log does.
        #expect(proposer.observed(address: "a", state: .up, since: 0, now: 100) == .none)
        proposer.applied(StateChange(address: "a", state: .down, timestamp: 90))
        #expect(proposer.observed(address: "a", state: .down, since: 90, now: 100) == .none)
    }

    @Test func aConfirmedChangeIsGatheredThenEnqueuedOnce() throws {
        var proposer = signing()
        let action = proposer.observed(address: "a", state: .down, since: 98, now: 100.7)
        let event = StateEvent(address: "a", state: .down, timestamp: 98)
        #expect(action == .gather(event))
        // While the signatures are gathered, later checks of the same change propose nothing.
        #expect(proposer.observed(address: "a", state: .down, since: 98, now: 104) == .none)
        let next = proposer.gathered(event, contributions: Cluster.contributions(event.statement, by: [0, 2]), registry: Cluster.registry)
        guard case let .enqueue(signed) = next else {
            Issue.record("expected enqueue, got \(next)")
            return
        }
        #expect(signed.change == event.change && signed.nonSigningNodes == ["Node2"])
        #expect(try ProofVerifier(registry: Cluster.registry).verify(signed).signers == ["Node1", "Node3"])
        proposer.enqueued(signed.change)
        // In the outbox: not proposed again, however long it takes to be finalized.
        #expect(proposer.observed(address: "a", state: .down, since: 98, now: 200) == .none)
        proposer.applied(signed.change)
        #expect(proposer.pending.isEmpty)
        #expect(proposer.observed(address: "a", state: .down, since: 98, now: 201) == .none)
    }

    @Test func aMissedQuorumIsAbandonedAndRetriedAfterTheBackOff() {
        var proposer = signing()
        let event = StateEvent(address: "a", state: .down, timestamp: 100)
        #expect(proposer.observed(address: "a", state: .down, since: 100, now: 100) == .gather(event))
        guard case .abandon(event, let reason) = proposer.gathered(event, contributions: Cluster.contributions(event.statement, by: [0]),
                                                                   registry: Cluster.registry) else {
            Issue.record("expected abandon")
            return
        }
        #expect(reason.contains("1 of 3 members signed"))
        #expect(proposer.observed(address: "a", state: .down, since: 100, now: 100 + rules.retryProposalAfter - 0.1) == .none)
        #expect(proposer.observed(address: "a", state: .down, since: 100, now: 100 + rules.retryProposalAfter) == .gather(event))
    }

    /// A bad signature among good ones is dropped, and the rest still meet the quorum.
    @Test func aBadContributionIsDropped() {
        var proposer = signing()
        let event = StateEvent(address: "a", state: .down, timestamp: 100)
        _ = proposer.observed(address: "a", state: .down, since: 100, now: 100)
        var contributions = Cluster.contributions(event.statement, by: [0, 1])
        contributions["Node3"] = Cluster.keys[2].signature(for: Array("something else".utf8))
        guard case let .enqueue(signed) = proposer.gathered(event, contributions: contributions, registry: Cluster.registry) else {
            Issue.record("expected enqueue")
            return
        }
        #expect(signed.nonSigningNodes == ["Node3"])
    }

    /// Two nodes confirm the same change at once: each proposes it (the reference's behaviour);
    /// the first finalized is applied, and the other's proposal is settled by it, not resent.
    @Test func twoProposersOfOneChange() {
        var first = signing()
        var second = signing()
        let event = StateEvent(address: "a", state: .down, timestamp: 100)
        #expect(first.observed(address: "a", state: .down, since: 100, now: 101) == .gather(event))
        #expect(second.observed(address: "a", state: .down, since: 100, now: 101.2) == .gather(event))
        first.enqueued(event.change)
        second.enqueued(event.change)
        // The first copy is applied on both; the second copy will be refused as a duplicate.
        first.applied(event.change)
        second.applied(event.change)
        #expect(first.pending.isEmpty && second.pending.isEmpty)
    }

    /// A later change overtakes a pending proposal (the target recovered before it was finalized).
    @Test func theLogOvertakesAPendingProposal() {
        var proposer = signing()
        proposer.enqueued(StateChange(address: "a", state: .down, timestamp: 100))
        proposer.applied(StateChange(address: "a", state: .down, timestamp: 99))   // another node's, earlier
        #expect(proposer.pending.isEmpty)
        // An up proposal waits; applying an older event does not settle it.
        proposer.enqueued(StateChange(address: "a", state: .up, timestamp: 150))
        proposer.applied(StateChange(address: "a", state: .down, timestamp: 50))
        #expect(proposer.pending["a"]?.count == 1)
        proposer.abandoned(StateChange(address: "a", state: .up, timestamp: 150))
        #expect(proposer.pending.isEmpty)
    }

    /// Regression (argus-chaos, sequencer down 60 s): the target recovers while its "down" waits
    /// in the outbox. The "up" is proposed at once, as of the second it was seen, to follow the
    /// "down" in the outbox; not a minute later, once the "down" is applied, as of then.
    @Test func aRecoveryBehindAPendingChangeIsProposedAtOnce() {
        var proposer = signing()
        let down = StateEvent(address: "a", state: .down, timestamp: 100)
        #expect(proposer.observed(address: "a", state: .down, since: 100, now: 100.5) == .gather(down))
        guard case let .enqueue(signed) = proposer.gathered(down, contributions: Cluster.contributions(down.statement, by: [0, 1, 2]),
                                                             registry: Cluster.registry) else {
            Issue.record("expected enqueue")
            return
        }
        proposer.enqueued(signed.change)
        // Nothing finalized (the sequencer is down); the target is up again from 108.
        let up = StateEvent(address: "a", state: .up, timestamp: 108)
        #expect(proposer.observed(address: "a", state: .up, since: 108, now: 108.6) == .gather(up))
        _ = proposer.gathered(up, contributions: Cluster.contributions(up.statement, by: [0, 1, 2]), registry: Cluster.registry)
        proposer.enqueued(up.change)
        #expect(proposer.observed(address: "a", state: .up, since: 108, now: 120) == .none)
        // Delivered in order: the "down" leaves the "up" pending, then the "up" settles it.
        proposer.applied(down.change)
        #expect(proposer.pending["a"] == [up.change])
        #expect(proposer.observed(address: "a", state: .up, since: 108, now: 170) == .none)
        proposer.applied(up.change)
        #expect(proposer.pending.isEmpty)
    }

    @Test func unsignedModeEnqueuesAtOnce() {
        var proposer = Proposer(rules: rules, signsEvents: false)
        #expect(proposer.observed(address: "a", state: .down, since: 100, now: 101) == .enqueue(StateEvent(address: "a", state: .down, timestamp: 100)))
    }

    /// Peers sign timestamps within 10 s of their clocks: a change confirmed long ago is proposed
    /// as of now, a recent one as of when it was first seen.
    @Test(arguments: [(since: Int64(100), now: 105.9, expected: Int64(100)), (100, 107.9, 100), (100, 108.0, 101), (100, 400.5, 393)])
    func timestampsStayWithinThePeersDrift(since: Int64, now: Double, expected: Int64) {
        #expect(Proposer.timestamp(since: since, now: now, rules: rules) == expected)
    }

    /// With a `max_event_age` shorter than the drift allows, a change confirmed long ago is
    /// stamped recently enough to be finalized before the replicas refuse it as stale; else every
    /// retry would be abandoned and the change never proposed.
    @Test func aLateProposalIsNotStaleOnArrival() {
        var short = rules
        short.maxEventAge = 4
        let timestamp = Proposer.timestamp(since: 100, now: 130.5, rules: short)
        #expect(timestamp == 128)
        let change = StateChange(address: "a", state: .up, timestamp: timestamp)
        #expect(Proposer.delivery(of: change, lastAttemptAt: nil, now: 131.9, rules: short) == .send)
        #expect(Proposer.timestamp(since: 129, now: 130.5, rules: short) == 129)
    }

    @Test func theOutboxBacksOffWhileSendsFail() {
        #expect(rules.outboxPause(afterFailures: 0) == 0.1)
        #expect(rules.outboxPause(afterFailures: 1) == 0.2)
        #expect(rules.outboxPause(afterFailures: 3) == 0.8)
        #expect(rules.outboxPause(afterFailures: 5) == 2)       // capped at maxSendBackoff
        #expect(rules.outboxPause(afterFailures: 10_000) == 2)  // no overflow however long it lasts
        #expect(rules.outboxPause(afterFailures: -1) == 0.1)
    }

    @Test func outboxDelivery() {
        let change = StateChange(address: "a", state: .down, timestamp: 1000)
        #expect(Proposer.delivery(of: change, lastAttemptAt: nil, now: 1001, rules: rules) == .send)
        #expect(Proposer.delivery(of: change, lastAttemptAt: 1001, now: 1005.9, rules: rules) == .wait)
        #expect(Proposer.delivery(of: change, lastAttemptAt: 1001, now: 1006, rules: rules) == .send)
        #expect(Proposer.delivery(of: change, lastAttemptAt: 1050, now: 1060, rules: rules) == .send)
        guard case .abandon = Proposer.delivery(of: change, lastAttemptAt: 1050, now: 1060.5, rules: rules) else {
            Issue.record("expected abandon past max_event_age")
            return
        }
    }
}
