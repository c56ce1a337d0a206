import ArgusCluster
import ArgusCore
import ArgusProof
import ArgusTestSupport
import Testing

/// One proposer per change: the ranking every member computes alike, and each member's turn.
struct ProposalOrderTests {
    static let members = (1...7).map { "Node\($0)" }
    let rules = ClusterRules()

    func order(_ me: String, members: [String] = Self.members, grace: Double = 3) -> ProposalOrder {
        ProposalOrder(members: members, me: me, grace: grace)!
    }

    @Test func everyMemberRanksTheClusterAlike() {
        let rankings = Set(Self.members.map { order($0).ranking(address: "0xA", state: .down) })
        #expect(rankings.count == 1)
        let ranking = rankings.first!
        #expect(Set(ranking) == Set(Self.members))
        // Each member holds a distinct rank, and the member order in the registry does not matter.
        #expect(Self.members.map { order($0).rank(address: "0xA", state: .down) }.sorted() == Array(0..<7))
        #expect(order("Node1", members: Self.members.reversed()).ranking(address: "0xA", state: .down) == ranking)
    }

    /// The rank is SHA-256(address ‖ 0 ‖ state ‖ 0 ‖ name), lowest first: computed here from
    /// the definition, with the keys from a second implementation (Python's hashlib).
    @Test func theRankIsTheDocumentedHash() {
        let ranking = order("Node1").ranking(address: "0xNodeA123", state: .down)
        let script = """
        import hashlib
        names = ["Node%d" % i for i in range(1, 8)]
        key = lambda n: hashlib.sha256(b"0xNodeA123\\x00down\\x00" + n.encode()).digest()
        print(",".join(sorted(names, key=lambda n: (key(n), n))))
        """
        let python = Python.run(["-c", script])
        #expect(python.status == 0)
        #expect(ranking.joined(separator: ",") == python.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func leadershipSpreadsOverTheMembers() {
        let leaders = (0..<200).map { order("Node1").leader(address: "0x\($0)", state: .down) }
        let counts = Dictionary(grouping: leaders, by: { $0 }).mapValues(\.count)
        #expect(counts.count == 7)
        #expect(counts.values.allSatisfy { $0 > 10 })
        // Down and up of one address usually have different leaders.
        let differ = (0..<200).filter { order("Node1").leader(address: "0x\($0)", state: .down) != order("Node1").leader(address: "0x\($0)", state: .up) }
        #expect(differ.count > 100)
    }

    @Test func theDelayGrowsWithTheRankAndSkipsWhoIsPassedOver() {
        let ranking = order("Node1").ranking(address: "0xA", state: .down)
        let third = order(ranking[2])
        #expect(third.delay(address: "0xA", state: .down) == 6)
        #expect(third.delay(address: "0xA", state: .down, skipping: [ranking[0]]) == 3)
        #expect(third.leader(address: "0xA", state: .down, skipping: [ranking[0]]) == ranking[1])
        #expect(third.delay(address: "0xA", state: .down, skipping: [ranking[0], ranking[1]]) == 0)
        // Skipping itself changes nothing.
        #expect(third.delay(address: "0xA", state: .down, skipping: [ranking[2]]) == 6)
        #expect(ProposalOrder(members: Self.members, me: "Stranger", grace: 5) == nil)
    }

    // MARK: turns

    /// The cluster's three members, by rank for 0xA going down.
    var ranked: [String] { order("Node1", members: Cluster.names).ranking(address: "0xA", state: .down) }

    func proposer(rank: Int) -> Proposer {
        Proposer(rules: rules, signsEvents: true, order: order(ranked[rank], members: Cluster.names))
    }

    @Test func theLeaderProposesAtOnce() {
        var leader = proposer(rank: 0)
        #expect(leader.observed(address: "0xA", state: .down, since: 100, now: 101) == .gather(StateEvent(address: "0xA", state: .down, timestamp: 100)))
    }

    @Test func theOthersNudgeTheLeaderAndProposeNothingWhileItsEventComes() {
        var second = proposer(rank: 1)
        let event = StateEvent(address: "0xA", state: .down, timestamp: 100)
        // A second ahead: the leader has seen nothing since, so it checks now.
        #expect(second.observed(address: "0xA", state: .down, since: 100, now: 101.5) == .nudge(address: "0xA", state: .down, timestamp: 102, leader: ranked[0]))
        second.nudged(address: "0xA", state: .down, leader: ranked[0], answered: true)
        #expect(second.observed(address: "0xA", state: .down, since: 100, now: 103) == .none)
        #expect(second.due(now: 103.9).isEmpty)
        // The leader's event is applied: nothing left to propose, now or later.
        second.applied(event.change)
        #expect(second.due(now: 200).isEmpty)
        #expect(second.observed(address: "0xA", state: .down, since: 100, now: 201) == .none)
    }

    @Test func aSilentLeaderIsReplacedByTheNextAfterOneGrace() {
        var second = proposer(rank: 1)
        var third = proposer(rank: 2)
        let event = StateEvent(address: "0xA", state: .down, timestamp: 100)
        let nudge = Proposer.Action.nudge(address: "0xA", state: .down, timestamp: 102, leader: ranked[0])
        #expect(second.observed(address: "0xA", state: .down, since: 100, now: 101) == nudge)
        #expect(third.observed(address: "0xA", state: .down, since: 100, now: 101) == nudge)
        // The leader answered (it is live), then nothing was finalized: it sees the target up, or
        // died mid-way.
        second.nudged(address: "0xA", state: .down, leader: ranked[0], answered: true)
        third.nudged(address: "0xA", state: .down, leader: ranked[0], answered: true)
        #expect(second.due(now: 103.9).isEmpty)
        #expect(second.due(now: 104) == [.gather(event)])   // still as of the first failure
        #expect(second.due(now: 104).isEmpty)   // once
        // The third waits two graces, and one more when the second asks it to sign.
        #expect(third.due(now: 104).isEmpty)
        third.asked(address: "0xA", now: 104.1)
        #expect(third.due(now: 107).isEmpty)
        third.asked(address: "0xA", now: 106)   // extended once only
        // Still as of the first failure: 7 s back is within what the peers sign.
        #expect(third.due(now: 107.1) == [.gather(event)])
    }

    /// A leader that does not answer the nudge (down, or partitioned away) is passed over at once.
    @Test func anUnreachableLeaderIsPassedOver() {
        var second = proposer(rank: 1)
        var third = proposer(rank: 2)
        let event = StateEvent(address: "0xA", state: .down, timestamp: 100)
        _ = second.observed(address: "0xA", state: .down, since: 100, now: 101)
        _ = third.observed(address: "0xA", state: .down, since: 100, now: 101)
        second.nudged(address: "0xA", state: .down, leader: ranked[0], answered: false)
        third.nudged(address: "0xA", state: .down, leader: ranked[0], answered: false)
        #expect(second.due(now: 101.2) == [.gather(event)])
        #expect(third.due(now: 103.9).isEmpty)
        #expect(third.due(now: 104) == [.gather(event)])
    }

    /// A member asked to sign before it confirmed the change itself leaves it to whoever asked,
    /// for one grace, and does not nudge the leader (someone is already proposing).
    @Test func askedBeforeConfirmingWaitsOneGraceWithoutNudging() {
        var third = proposer(rank: 2)
        third.asked(address: "0xA", now: 100.5)
        #expect(third.observed(address: "0xA", state: .down, since: 100, now: 101) == .none)
        // Its own turn (two graces after confirming) is later than the extension, and stands.
        #expect(third.due(now: 106.9).isEmpty)
        #expect(third.due(now: 107).count == 1)
        // The leader is never held back by being asked: nudges are how it hears of a change.
        var leader = proposer(rank: 0)
        leader.asked(address: "0xA", now: 100.5)
        #expect(leader.observed(address: "0xA", state: .down, since: 100, now: 101) == .gather(StateEvent(address: "0xA", state: .down, timestamp: 100)))
    }

    /// A change that goes away while a member waits (the target recovered) is not proposed.
    @Test func aChangeThatGoesAwayIsForgotten() {
        var second = proposer(rank: 1)
        _ = second.observed(address: "0xA", state: .down, since: 100, now: 101)
        #expect(second.observed(address: "0xA", state: .up, since: 102, now: 103) == .none)
        #expect(second.due(now: 200).isEmpty)
    }

    /// Without an order (a node outside the registry's names, or an unsigned replica) every
    /// confirmed change is proposed at once, as the reference does.
    @Test func withoutAnOrderEveryChangeIsProposedAtOnce() {
        var proposer = Proposer(rules: rules, signsEvents: true)
        #expect(proposer.observed(address: "0xA", state: .down, since: 100, now: 101) == .gather(StateEvent(address: "0xA", state: .down, timestamp: 100)))
        #expect(proposer.due(now: 1000).isEmpty)
    }
}

extension ProposalOrderTests {
    /// The leader's first gather meets peers that saw the old state within its first second: it
    /// asks once more at the next second (they have seen nothing since, so they check), and only once.
    @Test func peersThatSawTheOldStateAreAskedAgainASecondLater() {
        var leader = proposer(rank: 0)
        let event = StateEvent(address: "0xA", state: .down, timestamp: 100)
        #expect(leader.observed(address: "0xA", state: .down, since: 100, now: 100.6) == .gather(event))
        let shortfall = leader.gathered(event, contributions: Cluster.contributions(event.statement, by: [0]), registry: Cluster.registry,
                                        disagreed: ["Node2", "Node3"])
        guard case .abandon = shortfall else {
            Issue.record("expected abandon, got \(shortfall)")
            return
        }
        #expect(leader.due(now: 100.9).isEmpty)
        let again = StateEvent(address: "0xA", state: .down, timestamp: 101)
        #expect(leader.due(now: 101) == [.gather(again)])
        _ = leader.gathered(again, contributions: Cluster.contributions(again.statement, by: [0]), registry: Cluster.registry, disagreed: ["Node2"])
        #expect(leader.due(now: 102).isEmpty)   // once; then the usual retry after retryProposalAfter
        #expect(leader.observed(address: "0xA", state: .down, since: 100, now: 101 + rules.retryProposalAfter) == .gather(StateEvent(address: "0xA", state: .down, timestamp: 100)))
    }
}

extension ProposalOrderTests {
    /// docs/PROOFS.md's worked example.
    @Test func theDocumentedExample() {
        #expect(order("Node1", members: ["Node1", "Node2", "Node3"]).ranking(address: "0xNodeA123", state: .down) == ["Node2", "Node1", "Node3"])
    }
}
