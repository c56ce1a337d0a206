import ArgusCore
import ArgusProof
import ArgusTestSupport
import BLS12381
import Foundation
import Testing

struct RegistryTests {
    @Test func readsTheReferenceRegistry() throws {
        let vectors = try #require(ReferenceVectors.shared)
        let registry = try Registry.parse(json: vectors.registryJSON, requireProofsOfPossession: false)
        #expect(registry.nodes.map(\.name) == ["Node1", "Node2", "Node3"])
        #expect(registry.quorum == .twoThirdsByCount)
        #expect(try PublicKey(aggregating: registry.nodes.map(\.publicKey)).hexString == vectors.aggregate_public_key_hex)
        #expect(registry.quorum.requiredCount(of: 3) == 2)
        #expect(registry.quorum.requiredCount(of: 6) == 4)
    }

    static func key(_ seed: UInt8) -> PrivateKey { try! PrivateKey(keyGenSeed: [UInt8](repeating: seed, count: 32)) }

    static func entry(_ key: PrivateKey, pop: Bool = true, popOf other: PrivateKey? = nil, stake: String? = nil) -> String {
        var text = #""url": "http://127.0.0.1:5001", "pubkey": "\#(key.publicKey.hexString)""#
        if pop { text += #", "pop": "\#((other ?? key).proofOfPossession().hexString)""# }
        if let stake { text += #", "stake": \#(stake)"# }
        return "{\(text)}"
    }

    @Test func verifiesProofsOfPossessionAndStakes() throws {
        let (a, b, c) = (Self.key(1), Self.key(2), Self.key(3))
        let registry = try Registry.parse(json: #"{"a": \#(Self.entry(a, stake: "10")), "b": \#(Self.entry(b, stake: "5")), "c": \#(Self.entry(c, stake: "5"))}"#,
                                          requireProofsOfPossession: true)
        #expect(registry.quorum == .twoThirdsByStake)
        let nodes = registry.nodes
        #expect(registry.quorum.isMet(signers: [nodes[0], nodes[1]], of: nodes))   // 15 of 20
        #expect(!registry.quorum.isMet(signers: [nodes[1], nodes[2]], of: nodes))  // 10 of 20
        // The count rule can be chosen even when stakes are listed.
        let byCount = try Registry.parse(json: #"{"a": \#(Self.entry(a, stake: "10")), "b": \#(Self.entry(b, stake: "5")), "c": \#(Self.entry(c, stake: "5"))}"#,
                                         quorum: .twoThirdsByCount)
        #expect(byCount.quorum.isMet(signers: [byCount.nodes[1], byCount.nodes[2]], of: byCount.nodes))
    }

    @Test(arguments: [
        (#"{"a": A, "b": A2}"#, "monitoring nodes a and b have the same public key"),
        (#"{"a": A, "a": B}"#, "the registry lists a twice"),
        (#"{"a": BADPOP}"#, "monitoring node a: pop: the proof of possession does not verify"),
        (#"{"a": NOPOP}"#, "monitoring node a has no proof of possession"),
        (#"{"a": STAKED, "b": B}"#, "stakes: give every node a stake, or none"),
        (#"{"a": {"url": "ftp://x", "pubkey": "00"}}"#, "monitoring node a: url: expected an http(s) URL"),
        (#"{"a": {"url": "http://x:1", "pubkey": "c0"}}"#, "monitoring node a: pubkey:"),
        (#"{"a": {"url": "http://x:1"}}"#, "the registry is not a JSON object of monitoring nodes: a: missing \"pubkey\""),
        (#"{"a": {"url": "http://x:1", "pubkey": "PK", "stake": -1}}"#, "monitoring node a: stake: expected a positive integer"),
        ("[]", "the registry is not a JSON object"),
        ("{}", "the registry lists no monitoring nodes"),
    ])
    func refusesBadRegistries(template: String, message: String) {
        let (a, b) = (Self.key(1), Self.key(2))
        let json = template.replacingOccurrences(of: "A2", with: Self.entry(a)).replacingOccurrences(of: "BADPOP", with: Self.entry(a, popOf: b))
            .replacingOccurrences(of: "NOPOP", with: Self.entry(a, pop: false)).replacingOccurrences(of: "STAKED", with: Self.entry(a, stake: "3"))
            .replacingOccurrences(of: "A", with: Self.entry(a)).replacingOccurrences(of: "B", with: Self.entry(b))
            .replacingOccurrences(of: "PK", with: a.publicKey.hexString)
        #expect {
            try Registry.parse(json: json, requireProofsOfPossession: true)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}

struct StateEventTests {
    /// Every reference event: the same bytes back, the same statement, and our verdict is the
    /// reference's *fixed* one (`proof_and_quorum_ok`), not its `verify_event`.
    @Test(arguments: ReferenceVectors.shared?.stage3_events ?? [])
    func referenceEvents(_ vector: ReferenceVectors.Stage3Event) throws {
        let registry = try Registry.parse(json: try #require(ReferenceVectors.shared).registryJSON, requireProofsOfPossession: false)
        let parsed = try StateEvent.parseBatch(vector.batch_body)
        #expect(parsed.count == 1)
        let event = try parsed[0].get()
        #expect(event.batchBody == vector.batch_body)
        #expect(event.statement == vector.signed_message)
        let verdict = Result { () throws(ProofVerifier.Failure) in try ProofVerifier(registry: registry).verify(event) }
        #expect(((try? verdict.get()) != nil) == vector.proof_and_quorum_ok, "\(verdict)")
    }

    @Test func stageTwoEventsAreByteIdentical() throws {
        let vectors = try #require(ReferenceVectors.shared)
        let event = StateEvent(address: "0xNodeA123", state: .down, timestamp: 1714130000)
        #expect(event.batchBody == vectors.stage2_event_batch_body)
        #expect(try StateEvent.parseBatch(vectors.stage2_event_batch_body).map { try $0.get() } == [event])
    }

    @Test(arguments: [
        ("hello", "the batch is not JSON"),
        ("5", "the batch is not a JSON array of events"),
        ("null", "the batch is not a JSON array of events"),
        (#"{"address": "a"}"#, "the batch is not a JSON array of events"),
    ])
    func refusesBadBatches(body: String, message: String) {
        #expect { try StateEvent.parseBatch(body) } throws: { "\($0)" == message }
    }

    @Test(arguments: [
        (#"[5]"#, "the event is not a JSON object"),
        (#"[{"state": "down", "timestamp": 1}]"#, "address: missing"),
        (#"[{"address": 5, "state": "down", "timestamp": 1}]"#, "address: expected a non-empty string"),
        (#"[{"address": "a", "state": "sideways", "timestamp": 1}]"#, #"state: expected "up" or "down""#),
        (#"[{"address": "a", "state": "down", "timestamp": "1714130000"}]"#, "timestamp: expected a non-negative integer"),
        (#"[{"address": "a", "state": "down", "timestamp": 1.5}]"#, "timestamp: expected a non-negative integer"),
        (#"[{"address": "a", "state": "down", "timestamp": true}]"#, "timestamp: expected a non-negative integer"),
        (#"[{"address": "a", "state": "down", "timestamp": -3}]"#, "timestamp: expected a non-negative integer"),
        (#"[{"address": "a", "state": "down"}]"#, "timestamp: missing"),
        (#"[{"address": "a", "state": "down", "timestamp": 1, "aggregated_signature": 7}]"#, "aggregated_signature: expected a hex string"),
        (#"[{"address": "a", "state": "down", "timestamp": 1, "aggregated_signature": "zz"}]"#, "aggregated_signature: "),
        (#"[{"address": "a", "state": "down", "timestamp": 1, "non_signing_nodes": "Node2"}]"#, "non_signing_nodes: expected a list of node names"),
    ])
    func refusesBadEvents(body: String, message: String) throws {
        let parsed = try StateEvent.parseBatch(body)
        #expect(parsed.count == 1)
        guard case let .failure(error) = parsed[0] else { Issue.record("accepted \(body)"); return }
        #expect("\(error)".hasPrefix(message), "\(error)")
    }

    @Test func oneBadEventDoesNotHideTheOthers() throws {
        let parsed = try StateEvent.parseBatch(#"[{"address": "a", "state": "up", "timestamp": 2}, 7, {"address": "b", "state": "down", "timestamp": 3}]"#)
        #expect(parsed.compactMap { try? $0.get().address } == ["a", "b"])
    }
}

struct AggregationTests {
    static func referenceKeys() -> [String: PrivateKey] {
        ReferenceVectors.secrets.mapValues { try! PrivateKey(hexString: $0) }
    }

    /// Aggregating the reference keys' signatures reproduces the reference's events byte for byte.
    @Test func reproducesTheReferenceEvents() throws {
        let vectors = try #require(ReferenceVectors.shared)
        let registry = try Registry.parse(json: vectors.registryJSON, requireProofsOfPossession: false)
        let keys = Self.referenceKeys()
        let statement = Statement.state(address: "0xNodeA123", state: .down, timestamp: 1714130000)
        for (name, signers) in [("all_three_signed", ["Node1", "Node2", "Node3"]), ("two_signed", ["Node1", "Node2"])] {
            let proof = try SignatureAggregator.aggregate(
                statement: statement, contributions: Dictionary(uniqueKeysWithValues: signers.map { ($0, keys[$0]!.signature(for: Array(statement.utf8))) }),
                registry: registry)
            let event = StateEvent(address: "0xNodeA123", state: .down, timestamp: 1714130000, aggregatedSignature: proof.signature, nonSigningNodes: proof.nonSigners)
            #expect(event.batchBody == vectors.stage3_events.first { $0.name == name }?.batch_body)
        }
    }

    @Test func dropsBadSignaturesAndEnforcesTheQuorum() throws {
        let registry = try Registry.parse(json: try #require(ReferenceVectors.shared).registryJSON, requireProofsOfPossession: false)
        let keys = Self.referenceKeys()
        let statement = Statement.state(address: "0xNodeB456", state: .up, timestamp: 1714130500)
        let good = { (name: String) in keys[name]!.signature(for: Array(statement.utf8)) }
        let wrong = keys["Node3"]!.signature(for: Array("Address: 0xNodeB456, State: down, Timestamp: 1714130500".utf8))
        let proof = try SignatureAggregator.aggregate(statement: statement, contributions: ["Node1": good("Node1"), "Node2": good("Node2"), "Node3": wrong], registry: registry)
        #expect(proof.signers == ["Node1", "Node2"])
        #expect(proof.nonSigners == ["Node3"])
        #expect(try ProofVerifier(registry: registry).verify(statement: statement, signature: proof.signature, nonSigners: proof.nonSigners).signers == ["Node1", "Node2"])
        #expect {
            try SignatureAggregator.aggregate(statement: statement, contributions: ["Node1": good("Node1"), "Node3": wrong], registry: registry)
        } throws: { error in
            let shortfall = error as? SignatureAggregator.Shortfall
            return shortfall?.signers == ["Node1"] && shortfall?.rejected == ["Node3"]
        }
        #expect(throws: SignatureAggregator.Shortfall.self) {
            try SignatureAggregator.aggregate(statement: statement, contributions: [:], registry: registry)
        }
    }

    @Test func verifierRefusesWhatTheReferenceLetThrough() throws {
        let registry = try Registry.parse(json: try #require(ReferenceVectors.shared).registryJSON, requireProofsOfPossession: false)
        let keys = Self.referenceKeys()
        let statement = Statement.state(address: "0xNodeA123", state: .down, timestamp: 1)
        let single = keys["Node1"]!.signature(for: Array(statement.utf8))
        let verifier = ProofVerifier(registry: registry)
        #expect(throws: ProofVerifier.Failure.quorumNotMet(signers: ["Node1"], members: 3, rule: .twoThirdsByCount)) {
            try verifier.verify(statement: statement, signature: single, nonSigners: ["Node2", "Node3"])
        }
        #expect(throws: ProofVerifier.Failure.duplicateNonSigner("Node3")) {
            try verifier.verify(statement: statement, signature: single, nonSigners: ["Node3", "Node3"])
        }
        #expect(throws: ProofVerifier.Failure.unknownNonSigner("Node9")) {
            try verifier.verify(statement: statement, signature: single, nonSigners: ["Node9"])
        }
        #expect(throws: ProofVerifier.Failure.unsigned) { try verifier.verify(statement: statement, signature: nil, nonSigners: []) }
        #expect(throws: ProofVerifier.Failure.badSignature) { try verifier.verify(statement: statement, signature: single, nonSigners: ["Node3"]) }
    }
}

/// Many proofs checked together (one multi-pairing) give each event the verdict it gets alone.
struct BatchVerificationTests {
    @Test func oneForgedProofAmongManyIsRefusedAlone() throws {
        let registry = try Registry.parse(json: try #require(ReferenceVectors.shared).registryJSON, requireProofsOfPossession: false)
        let keys = AggregationTests.referenceKeys()
        func event(_ timestamp: Int64, signers: [String] = ["Node1", "Node2", "Node3"], signing statement: String? = nil) throws -> StateEvent {
            var event = StateEvent(address: "0xNodeA123", state: timestamp.isMultiple(of: 2) ? .down : .up, timestamp: timestamp)
            let message = Array((statement ?? event.statement).utf8)
            event.aggregatedSignature = try Signature(aggregating: signers.map { keys[$0]!.signature(for: message) })
            event.nonSigningNodes = ["Node1", "Node2", "Node3"].filter { !signers.contains($0) }
            return event
        }
        let verifier = ProofVerifier(registry: registry)
        var events = try (0..<12).map { try event(1_714_130_000 + Int64($0), signers: $0.isMultiple(of: 3) ? ["Node1", "Node3"] : ["Node1", "Node2", "Node3"]) }
        // All good: every proof holds, with its signers.
        let good = verifier.verify(events)
        #expect(good.map { try? $0.get().signers } == events.map { try? verifier.verify($0).signers })
        #expect(good.allSatisfy { (try? $0.get()) != nil })
        // A signature over another statement, a quorum shortfall and no signature at all.
        events[4] = try event(1_714_130_004, signing: "Address: 0xNodeA123, State: up, Timestamp: 1714130004")
        events[7] = try event(1_714_130_007, signers: ["Node2"])
        events[9].aggregatedSignature = nil
        let mixed = verifier.verify(events)
        for (index, result) in mixed.enumerated() {
            let alone = Result { () throws(ProofVerifier.Failure) in try verifier.verify(events[index]) }
            #expect(result == alone, "event \(index)")
        }
        #expect(mixed[4] == .failure(.badSignature))
        #expect(mixed[7] == .failure(.quorumNotMet(signers: ["Node2"], members: 3, rule: .twoThirdsByCount)))
        #expect(mixed[9] == .failure(.unsigned))
        #expect(mixed.enumerated().filter { (try? $0.element.get()) != nil }.count == 9)
        #expect(verifier.verify([StateEvent]()).isEmpty)
    }
}

struct DowntimeProofTests {
    @Test func verifiesTheReferenceAggregateAndKeepsItsBytes() throws {
        let vectors = try #require(ReferenceVectors.shared)
        let registry = try Registry.parse(json: vectors.registryJSON, requireProofsOfPossession: false)
        let proof = try DowntimeProof(json: Data(vectors.aggregate_downtime_response_json.utf8))
        #expect(proof.statement == vectors.downtime_message)
        #expect(proof.json == vectors.aggregate_downtime_response_json)
        let verified = try ProofVerifier(registry: registry).verify(proof)
        #expect(verified.signers == ["Node1", "Node2"])
        var altered = proof
        altered.totalDowntimeSeconds += 1
        #expect(throws: ProofVerifier.Failure.badSignature) { try ProofVerifier(registry: registry).verify(altered) }
        // Our extras round-trip and are checked against the signed fields.
        altered = proof
        altered.signers = verified.signers
        altered.message = proof.statement
        altered.asOfIndex = 42
        #expect(try DowntimeProof(json: Data(altered.json.utf8)) == altered)
        altered.message = "Address: 0xNodeA123, Downtime: 0, From: 1714130000, To: 1714132000"
        #expect(throws: DowntimeProof.ParseError.self) { try DowntimeProof(json: Data(altered.json.utf8)) }
    }

    @Test func eachNodesSignedDowntimeVerifies() throws {
        let vectors = try #require(ReferenceVectors.shared)
        let registry = try Registry.parse(json: vectors.registryJSON, requireProofsOfPossession: false)
        for response in vectors.downtime_responses {
            struct Body: Decodable { var total_downtime_seconds: Int64; var signature: String }
            let body = try JSONDecoder().decode(Body.self, from: Data(response.response_json.utf8))
            let key = try #require(registry.node(named: response.node)).publicKey
            #expect(key.isValidSignature(try Signature(hexString: body.signature), for: Array(vectors.downtime_message.utf8)))
        }
    }

    @Test(arguments: [
        "{}", "[1]", #"{"address": "a", "from_timestamp": 10, "to_timestamp": 5, "total_downtime_seconds": 0, "aggregated_signature": "SIG", "non_signing_nodes": []}"#,
        #"{"address": "a", "from_timestamp": 0, "to_timestamp": 5, "total_downtime_seconds": 6, "aggregated_signature": "SIG", "non_signing_nodes": []}"#,
        #"{"address": "a", "from_timestamp": -9223372036854775808, "to_timestamp": 9223372036854775807, "total_downtime_seconds": 1, "aggregated_signature": "SIG", "non_signing_nodes": []}"#,
        #"{"address": "a", "from_timestamp": 0, "to_timestamp": 5, "total_downtime_seconds": 1, "aggregated_signature": "00", "non_signing_nodes": []}"#,
    ])
    func refusesMalformedProofs(text: String) throws {
        let signature = try #require(ReferenceVectors.shared).stage3_events[0].batch_body.split(separator: "\"")[11]
        #expect(throws: DowntimeProof.ParseError.self) {
            try DowntimeProof(json: Data(text.replacingOccurrences(of: "SIG", with: String(signature)).utf8))
        }
    }
}

/// The quorum rule in exact arithmetic, at the extremes a registry or `--fraction` can hold.
struct ClusterQuorumTests {
    static func node(_ seed: UInt8, stake: UInt64) -> MonitoringNode {
        MonitoringNode(name: "n\(seed)", url: "http://127.0.0.1:1", publicKey: RegistryTests.key(seed).publicKey, stake: stake)
    }

    @Test func extremeStakesAndFractionsDoNotTrap() throws {
        let members = (1...3).map { Self.node($0, stake: .max) }
        let all = try #require(ClusterQuorum(weighting: .stake, numerator: .max, denominator: .max))
        #expect(all.isMet(signers: members, of: members))
        #expect(!all.isMet(signers: members.prefix(2), of: members))
        let almostAll = try #require(ClusterQuorum(weighting: .stake, numerator: .max - 1, denominator: .max))
        #expect(!almostAll.isMet(signers: members.prefix(2), of: members))
        let tiny = try #require(ClusterQuorum(weighting: .stake, numerator: 1, denominator: .max))
        #expect(tiny.isMet(signers: members.prefix(1), of: members))
        // 2/3 by stake, exactly at the edge: 2·max of 3·max.
        #expect(ClusterQuorum.twoThirdsByStake.isMet(signers: members.prefix(2), of: members))
        #expect(ClusterQuorum(weighting: .count, numerator: .max, denominator: .max)?.requiredCount(of: 3) == 3)
    }
}
