import ArgusTestSupport
import Testing
import ZellularHash

@Suite struct XXH128Tests {
    static let file: XXH128File? = try? loadVector(XXH128File.self, "xxh128.json")

    @Test func vectorFileLoads() throws {
        let file = try #require(Self.file)
        #expect(file.inputs.count > 10)
    }

    @Test(arguments: (Self.file?.inputs ?? []).indices)
    func patternInputs(_ i: Int) throws {
        let case_ = try #require(Self.file).inputs[i]
        let bytes: [UInt8] = (0..<case_.length).map { UInt8($0 % 251) }
        if let hex = case_.input_hex { #expect(hexBytes(hex) == bytes) }
        let digest = xxh128Hex(bytes)
        #expect(digest == case_.hex, "length \(case_.length)")
        #expect(digest == case_.high64_hex + case_.low64_hex)
    }

    @Test(arguments: (Self.file?.strings ?? []).indices)
    func strings(_ i: Int) throws {
        let case_ = try #require(Self.file).strings[i]
        #expect(Array(case_.text.utf8) == hexBytes(case_.utf8_hex))
        #expect(xxh128Hex(case_.text) == case_.hex)
        #expect(xxh128Hex(hexBytes(case_.utf8_hex)) == case_.hex)
    }

    @Test func chainingWalk() throws {
        let chaining = try #require(Self.file).chaining
        var walk = ChainingHash(chaining.initial)
        for step in chaining.steps {
            #expect(ChainingHash.batchHash(step.batch) == step.batch_hash)
            #expect(walk.value + step.batch_hash == step.hashed_string)
            #expect(walk.append(step.batch) == step.chaining_hash, "step \(step.index)")
        }
        #expect(chaining.steps.count >= 20)
    }
}
