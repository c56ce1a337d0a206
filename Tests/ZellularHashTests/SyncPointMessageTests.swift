import ArgusTestSupport
import Testing
import PythonJSON
import ZellularHash

@Suite struct SyncPointMessageTests {
    static let file: FinalizationMessageVectors? = .shared

    @Test(arguments: (Self.file?.examples ?? []).indices)
    func examples(_ i: Int) throws {
        let example = try #require(Self.file).examples[i]
        let f = example.fields
        let message = SyncPointMessage(
            appName: f.app_name, state: f.state, index: f.index, chainingHash: f.chaining_hash,
            timestamp: f.timestamp, parentIndex: f.parent_index)
        #expect(message.json == example.json)
        #expect(message.digest == example.message)
        #expect(message.signedBytes == hexBytes(example.message_bytes_hex))
    }

    @Test func staticNetwork() throws {
        let network = try #require(Self.file).static_network
        var walk = ChainingHash()
        for (body, expected) in zip(network.batches, network.chaining_hashes) {
            #expect(walk.append(body) == expected)
        }
        for point in network.sync_points {
            let message = SyncPointMessage.finalization(
                appName: network.app_name, index: point.index, chainingHash: point.chaining_hash,
                timestamp: point.timestamp, parentIndex: point.parent_index)
            #expect(message.json == point.json)
            #expect(message.digest == point.message)
            #expect(network.chaining_hashes[point.index - 1] == point.chaining_hash)
        }
    }

    @Test func pythonEscapes() {
        #expect(pythonJSONString("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(pythonJSONString("\n\r\t\u{08}\u{0c}") == #""\n\r\t\b\f""#)
        #expect(pythonJSONString("\u{01}\u{7f}é✓") == #""\u0001\u007f\u00e9\u2713""#)
        #expect(pythonJSONString("😀") == #""\ud83d\ude00""#)
        #expect(SyncPointMessage.locking(appName: "x", index: 3, chainingHash: "h", parentIndex: 1).json
            == #"{"app_name": "x", "chaining_hash": "h", "index": 3, "parent_index": 1, "state": "sequenced", "timestamp": 0}"#)
    }
}
