import ArgusTestSupport
import Testing
import Zellular

struct FinalityVerifierTests {
    static let vectors = FinalizationMessageVectors.shared

    func operators() throws -> OperatorSet {
        try OperatorSet.staticNetwork(json: try #require(Self.vectors).static_network.nodes_json_text)
    }

    @Test func verifiesTheSyncPoints() throws {
        let network = try #require(Self.vectors).static_network
        let verifier = FinalityVerifier(appName: network.app_name, rule: QuorumRule(thresholdPercent: network.threshold_percent))
        for point in network.sync_points {
            let signature = FinalitySignature(signature: point.signature, chainingHash: point.chaining_hash, nonsigners: point.nonsigners,
                                              index: point.index, parentIndex: point.parent_index, tag: point.tag, timestamp: point.timestamp)
            #expect(throws: Never.self) { try verifier.verify(signature, chainingHash: point.chaining_hash, operators: try operators()) }
        }
    }

    @Test(arguments: FinalizationMessageVectors.shared?.static_network.negative_cases ?? [])
    func negativeCases(_ testCase: FinalizationMessageVectors.NegativeCase) throws {
        let network = try #require(Self.vectors).static_network
        let verifier = FinalityVerifier(appName: network.app_name, rule: QuorumRule(thresholdPercent: testCase.threshold_percent))
        let signature = FinalitySignature(signature: testCase.signature, chainingHash: testCase.chaining_hash, nonsigners: testCase.nonsigners,
                                          index: testCase.index, parentIndex: testCase.parent_index, tag: 0, timestamp: testCase.timestamp)
        let set = try operators()
        if testCase.expected_valid {
            #expect(throws: Never.self) { try verifier.verify(signature, chainingHash: testCase.chaining_hash, operators: set) }
        } else {
            #expect {
                try verifier.verify(signature, chainingHash: testCase.chaining_hash, operators: set)
            } throws: { error in
                guard let failure = error as? FinalityVerifier.Failure else { return false }
                if case .quorumNotMet = failure { return !testCase.quorum_ok }
                return testCase.quorum_ok
            }
        }
    }

    @Test func refusesUnknownAndDuplicateNonsigners() throws {
        let network = try #require(Self.vectors).static_network
        let point = try #require(network.sync_points.first)
        let verifier = FinalityVerifier(appName: network.app_name, rule: QuorumRule(thresholdPercent: 50))
        let set = try operators()
        let someone = set.ids[3]
        for (list, expected) in [
            (["0xdeadbeef"], FinalityVerifier.Failure.unknownNonsigner("0xdeadbeef")),
            ([someone, someone], .duplicateNonsigner(someone)),
        ] {
            let signature = FinalitySignature(signature: point.signature, chainingHash: point.chaining_hash, nonsigners: list,
                                              index: point.index, parentIndex: point.parent_index, tag: 0, timestamp: point.timestamp)
            #expect(throws: expected) { try verifier.verify(signature, chainingHash: point.chaining_hash, operators: set) }
        }
        let garbage = FinalitySignature(signature: "1 1 3", chainingHash: point.chaining_hash, nonsigners: point.nonsigners,
                                        index: point.index, parentIndex: point.parent_index, tag: 0, timestamp: point.timestamp)
        #expect(throws: FinalityVerifier.Failure.self) { try verifier.verify(garbage, chainingHash: point.chaining_hash, operators: set) }
        let identity = FinalitySignature(signature: "0", chainingHash: point.chaining_hash, nonsigners: point.nonsigners,
                                         index: point.index, parentIndex: point.parent_index, tag: 0, timestamp: point.timestamp)
        #expect(throws: FinalityVerifier.Failure.self) { try verifier.verify(identity, chainingHash: point.chaining_hash, operators: set) }
    }
}

struct QuorumRuleTests {
    /// The exact rule agrees with the SDK's float rule on ordinary inputs: integer stakes up to
    /// 100 per operator, up to 12 operators, every threshold.
    @Test func agreesWithTheSDKFloatRule() {
        var generator = SeededGenerator(seed: testSeed(fallback: 67))
        var disagreements: [String] = []
        for threshold in 0...100 {
            let rule = QuorumRule(thresholdPercent: threshold)
            for _ in 0..<200 {
                let stakes = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int.random(in: 1...100, using: &generator) }
                let total = stakes.reduce(0, +)
                let nonsigner = stakes.prefix(Int.random(in: 0...stakes.count, using: &generator)).reduce(0, +)
                let exact = rule.isMet(nonsigner: Stake(decimal: String(nonsigner))!, total: Stake(decimal: String(total))!)
                if exact != rule.sdkIsMet(nonsigner: Double(nonsigner), total: Double(total)) {
                    disagreements.append("threshold \(threshold): \(nonsigner)/\(total)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func boundaries() {
        let ten = Stake(decimal: "10")!, forty = Stake(decimal: "40")!, twenty = Stake(decimal: "20")!
        #expect(QuorumRule(thresholdPercent: 75).isMet(nonsigner: ten, total: forty))
        #expect(!QuorumRule(thresholdPercent: 76).isMet(nonsigner: ten, total: forty))
        #expect(!QuorumRule(thresholdPercent: 67).isMet(nonsigner: twenty, total: forty))
        // Three equal operators at 67 %: all three must sign (33.3 % > 33).
        #expect(!QuorumRule(thresholdPercent: 67).isMet(nonsigner: ten, total: Stake(decimal: "30")!))
        #expect(!QuorumRule().isMet(nonsigner: .zero, total: .zero))
    }
}
