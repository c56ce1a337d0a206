import ArgusTestSupport
import Testing
import Zellular
import PythonJSON

/// The stream against the exact node responses of the vectors' 4-operator static network.
struct FinalizedStreamTests {
    func fixtures() throws -> (FinalizationMessageVectors, OperatorSet, FinalityVerifier) {
        let vectors = try #require(FinalizationMessageVectors.shared)
        let network = vectors.static_network
        let set = try OperatorSet.staticNetwork(json: network.nodes_json_text)
        return (vectors, set, FinalityVerifier(appName: network.app_name, rule: QuorumRule(thresholdPercent: network.threshold_percent)))
    }

    @Test func yieldsWhatTheSDKYieldsFromTheStart() throws {
        let (vectors, set, verifier) = try fixtures()
        var stream = FinalizedStream(verifier: verifier)
        #expect(stream.nextAfter == 0)
        let batches = try stream.consume(try vectors.response(after: 0)) { _ in set }
        #expect(batches.map(\.body) == vectors.static_network.sdk_yields_batches_after_0.map(\.batch))
        #expect(batches.map(\.timestamp) == vectors.static_network.sdk_yields_batches_after_0.map(\.timestamp))
        #expect(batches.map(\.index) == vectors.static_network.sdk_yields_batches_after_0.map(\.index))
        // Every batch carries its chaining hash; the sync points are marked.
        #expect(batches.map(\.chainingHash) == Array(vectors.static_network.chaining_hashes.prefix(batches.count)))
        #expect(batches.filter(\.isSyncPoint).map(\.index) == vectors.static_network.sync_points.map(\.index).filter { $0 <= batches.count })
        #expect(stream.nextAfter == 5)
        #expect(try stream.consume(try vectors.response(after: 5)) { _ in set }.isEmpty)
    }

    @Test func resumesWithoutAChainingHashLikeTheSDK() throws {
        let (vectors, set, verifier) = try fixtures()
        var stream = FinalizedStream(verifier: verifier, after: 3)
        #expect(stream.nextAfter == 2)
        let batches = try stream.consume(try vectors.response(after: 2)) { _ in set }
        #expect(batches.map(\.body) == vectors.static_network.sdk_yields_batches_after_3.map(\.batch))
        #expect(batches.map(\.index) == vectors.static_network.sdk_yields_batches_after_3.map(\.index))
    }

    /// Resuming exactly at a sync point without its chaining hash: that sync point's own signature
    /// proves the server's chaining hash (the SDK spins here, §14).
    @Test func resumesAtASyncPointWithoutSpinning() throws {
        let (vectors, set, verifier) = try fixtures()
        var afterOne = try #require(try vectors.response(after: 0))
        afterOne.batches.removeFirst()
        afterOne.firstChainingHash = vectors.static_network.chaining_hashes[1]
        var stream = FinalizedStream(verifier: verifier, after: 2)
        #expect(stream.nextAfter == 1)
        let batches = try stream.consume(afterOne) { _ in set }
        #expect(batches.map(\.index) == [3, 4, 5])
        var lying = afterOne
        lying.firstChainingHash = vectors.static_network.chaining_hashes[0]
        var other = FinalizedStream(verifier: verifier, after: 2)
        #expect(throws: FinalizedStream.Failure.self) { try other.consume(lying) { _ in set } }
    }

    @Test func resumesFromAStoredCursor() throws {
        let (vectors, set, verifier) = try fixtures()
        var stream = FinalizedStream(verifier: verifier, after: 2, chainingHash: vectors.static_network.chaining_hashes[1], isSyncPoint: true)
        #expect(stream.nextAfter == 2)
        let batches = try stream.consume(try vectors.response(after: 2)) { _ in set }
        #expect(batches.map(\.index) == [3, 4, 5])
    }

    @Test func catchesTampering() throws {
        let (vectors, set, verifier) = try fixtures()
        let original = try #require(try vectors.response(after: 0))

        var changedBody = original
        changedBody.batches[0] = changedBody.batches[0].replacingOccurrences(of: "down", with: "up")
        var forgedHead = original
        forgedHead.firstChainingHash = String(repeating: "0", count: 32)
        var claimedHash = original
        claimedHash.finalizedSignatures[0].chainingHash = String(repeating: "1", count: 32)
        var reordered = original
        reordered.finalizedSignatures.reverse()
        var outside = original
        outside.finalizedSignatures[1].index = 9
        var wrongParent = original
        wrongParent.finalizedSignatures[1].parentIndex = 1
        var underQuorum = original
        underQuorum.finalizedSignatures[0].nonsigners = Array(set.ids.prefix(2))
        var unknownSigner = original
        unknownSigner.finalizedSignatures[0].nonsigners = ["0x0000000000000000000000000000000000000001"]
        var forged = original
        forged.finalizedSignatures[0].signature = original.finalizedSignatures[1].signature

        // The index the stream has reached when it stops: nothing past the first bad sync point.
        for (name, response, reached) in [("changed body", changedBody, 0), ("forged first_chaining_hash", forgedHead, 0),
                                          ("claimed chaining hash", claimedHash, 0), ("signatures out of order", reordered, 0),
                                          ("signature outside the range", outside, 0), ("wrong parent_index", wrongParent, 2),
                                          ("under quorum", underQuorum, 0), ("unknown non-signer", unknownSigner, 0),
                                          ("forged signature", forged, 0)] {
            var stream = FinalizedStream(verifier: verifier)
            #expect(throws: FinalizedStream.Failure.self, "\(name)") { try stream.consume(response) { _ in set } }
            #expect(stream.index == reached, "\(name)")
        }
        var stream = FinalizedStream(verifier: verifier)
        #expect(throws: FinalizedStream.Failure.unknownTag(0)) { try stream.consume(original) { _ in nil } }
    }

    @Test func verifiesTheEmbeddedSingleOperatorExample() throws {
        let (vectors, _, _) = try fixtures()
        let example = vectors.static_network.embedded_single_operator
        let set = try OperatorSet.staticNetwork(json: example.nodes_json_text)
        var stream = FinalizedStream(verifier: FinalityVerifier(appName: vectors.static_network.app_name))
        let response = FinalizedBatches(
            batches: [example.batch], firstChainingHash: example.chaining_hash,
            finalizedSignatures: [FinalitySignature(signature: example.signature, chainingHash: example.chaining_hash, nonsigners: [],
                                                    index: example.index, parentIndex: example.parent_index, tag: example.tag,
                                                    timestamp: example.timestamp)])
        let batches = try stream.consume(response) { _ in set }
        #expect(batches == [FinalizedStream.Batch(body: example.batch, timestamp: example.timestamp, index: 1,
                                                  chainingHash: example.chaining_hash, isSyncPoint: true)])
    }
}

struct WireJSONTests {
    /// Decoding a node's response and writing it again gives the node's exact bytes.
    @Test func reproducesANodeResponseByteForByte() throws {
        let vectors = try #require(FinalizationMessageVectors.shared)
        for after in [0, 2] {
            let text = try #require(vectors.static_network.http["GET /node/{app}/batches/finalized?after=\(after)"])
            let data = try #require(try vectors.response(after: after))
            #expect(WireJSON.success(data.wire).text == text)
        }
        #expect(WireJSON.success(.null).text == #"{"status":"success","message":"Operation successful","data":null}"#)
        #expect(WireJSON.string("é\u{1}\"\\/\n").text == "\"é\\u0001\\\"\\\\/\\n\"")
    }
}
