import ArgusCluster
import ArgusProof
import BLS12381
import Testing

@Suite struct EpochScheduleTests {
    let schedule = EpochSchedule(length: 10, maxEventAge: 5)!

    @Test func boundsAndSettlement() {
        #expect(EpochSchedule(length: 9, maxEventAge: 5) == nil)
        #expect(schedule.bounds(of: 7) == (70, 80))
        #expect(schedule.epoch(containing: 79.9) == 7)
        #expect(schedule.epoch(containing: 80) == 8)
        #expect(schedule.settledAt(7) == 85)
        // Epoch 7 ends at 80 and is settled from 85 on.
        #expect(schedule.lastSettled(now: 84.9) == 6)
        #expect(schedule.lastSettled(now: 85) == 7)
        #expect(schedule.lastSettled(now: 14) == nil)
        #expect(schedule.lastSettled(now: 15) == 0)
    }
}

@Suite struct EpochCollectionTests {
    static let statement = Bytes32.keccak([1])
    static let other = Bytes32.keccak([2])

    static func signature(_ member: Int, _ statement: Bytes32 = statement) -> EpochSignature {
        EpochSignature(epoch: 9, node: Cluster.names[member], root: statement == Self.statement ? Bytes32.keccak([3]) : Bytes32.keccak([4]),
                       leafCount: 2, statement: statement, signature: Cluster.keys[member].signature(for: statement.bytes))
    }

    let collection = EpochCollection(registry: Cluster.registry, wait: 10)
    let own = Self.signature(0)

    @Test func everyoneSignedAggregatesAtOnce() {
        let decision = collection.decide(own: own, answers: ["Node2": .signed(Self.signature(1)), "Node3": .signed(Self.signature(2))],
                                         computedAt: 100, now: 100)
        guard case let .aggregate(signatures) = decision else { Issue.record("\(decision)"); return }
        #expect(signatures.keys.sorted() == Cluster.names)
    }

    /// A member that is down does not block: after `wait` the quorum aggregates without it.
    @Test func aQuorumWaitsForTheRestThenAggregates() {
        let answers: [String: EpochCollection.Answer] = ["Node2": .signed(Self.signature(1)), "Node3": .silent]
        #expect(collection.decide(own: own, answers: answers, computedAt: 100, now: 104) == .wait(retryAfter: 5))
        #expect(collection.decide(own: own, answers: answers, computedAt: 100, now: 108) == .wait(retryAfter: 2))
        guard case let .aggregate(signatures) = collection.decide(own: own, answers: answers, computedAt: 100, now: 110) else {
            Issue.record("no aggregate after the wait"); return
        }
        #expect(signatures.keys.sorted() == ["Node1", "Node2"])
    }

    @Test func noQuorumWhileSilentWaitsThenSaysWho() {
        let answers: [String: EpochCollection.Answer] = ["Node2": .silent, "Node3": .silent]
        #expect(collection.decide(own: own, answers: answers, computedAt: 100, now: 101) == .wait(retryAfter: 5))
        guard case let .disagreement(reason) = collection.decide(own: own, answers: answers, computedAt: 100, now: 111) else {
            Issue.record("no reason after the wait"); return
        }
        #expect(reason.contains("only Node1 signed epoch 9") && reason.contains("no answer from Node2, Node3"), "\(reason)")
    }

    /// Members that signed another statement: a disagreement as soon as no quorum is possible.
    @Test func otherRootsAreADisagreement() {
        let answers: [String: EpochCollection.Answer] = ["Node2": .signed(Self.signature(1, Self.other)), "Node3": .signed(Self.signature(2, Self.other))]
        guard case let .disagreement(reason) = collection.decide(own: own, answers: answers, computedAt: 100, now: 100) else {
            Issue.record("no disagreement"); return
        }
        #expect(reason.contains("Node2 signed root \(Bytes32.keccak([4]))") && reason.contains("target lists or replicated logs differ"), "\(reason)")
        // One other root and one silent member: a quorum is still possible, so it waits.
        let open: [String: EpochCollection.Answer] = ["Node2": .signed(Self.signature(1, Self.other)), "Node3": .silent]
        #expect(collection.decide(own: own, answers: open, computedAt: 100, now: 100) == .wait(retryAfter: 5))
    }
}
