import ArgusCore
import Foundation
import Testing

/// The condition grammar (docs/CHECKS.md): what parses, what each comparison says of an answer,
/// and the errors a configuration author sees.
struct ConditionTests {
    func body(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    func verdict(_ text: String, _ json: String, status: Int = 200, ms: Double = 12, references: [String: JSONValue?] = [:]) throws -> Condition.Verdict {
        let condition = try Condition(parsing: text, references: Set(references.keys))
        return condition.evaluate(.init(status: status, responseTime: ms, body: try body(json), references: references))
    }

    @Test func blockHeightWithinKOfAReference() throws {
        let refs: [String: JSONValue?] = ["head": .number(1_000)]
        #expect(try verdict("$.block_number >= head - 50", #"{"block_number": 960}"#, references: refs) == .passed)
        #expect(try verdict("$.block_number >= head - 50", #"{"block_number": 950}"#, references: refs) == .passed)
        let stalled = try verdict("$.block_number >= head - 50", #"{"block_number": 949}"#, references: refs)
        #expect(stalled == .failed("$.block_number >= head - 50: $.block_number (949) >= head - 50 (950) is false"))
    }

    @Test func anUnavailableReferenceSaysNothing() throws {
        let result = try verdict("$.block_number >= head - 50", #"{"block_number": 1}"#, references: ["head": JSONValue?.none])
        guard case let .unknown(reason) = result else { Issue.record("\(result)"); return }
        #expect(reason.contains("reference head is unavailable"))
    }

    @Test func hexStringsAndNumericStringsCompareAsNumbers() throws {
        // Ethereum JSON-RPC answers heights in hex.
        #expect(try verdict("$.result >= 0x10", #"{"jsonrpc": "2.0", "result": "0x1b4"}"#) == .passed)
        #expect(try verdict("$.result - 400 == 36", #"{"result": "0x1b4"}"#) == .passed)
        #expect(try verdict("$.height > 99", #"{"height": "100"}"#) == .passed)
    }

    @Test func stringsBooleansAndNull() throws {
        #expect(try verdict(#"$.status == "UP""#, #"{"status": "UP"}"#) == .passed)
        #expect(try verdict("$.status != 'DOWN'", #"{"status": "UP"}"#) == .passed)
        #expect(try verdict("$.syncing == false", #"{"syncing": false}"#) == .passed)
        #expect(try verdict("$.error == null", #"{"error": null}"#) == .passed)
        if case .passed = try verdict("$.syncing == true", #"{"syncing": false}"#) { Issue.record("false is not true") }
        guard case let .failed(reason) = try verdict("$.syncing < true", #"{"syncing": false}"#) else { Issue.record("booleans have no order"); return }
        #expect(reason.contains("cannot order"))
    }

    @Test func pathsIntoArraysAndQuotedMembers() throws {
        let json = #"{"peers": [{"id": "a"}, {"id": "b"}], "odd key": 3}"#
        #expect(try verdict(#"$.peers[1].id == "b""#, json) == .passed)
        #expect(try verdict(#"$.peers[-1].id == "b""#, json) == .passed)
        #expect(try verdict(#"$["odd key"] == 3"#, json) == .passed)
        guard case let .failed(reason) = try verdict("$.peers[5].id == 1", json) else { Issue.record("missing index"); return }
        #expect(reason.contains("$.peers[5].id is missing from the answer"))
    }

    @Test func statusAndResponseTime() throws {
        #expect(try verdict("status == 206", "{}", status: 206) == .passed)
        #expect(try verdict("response_time < 300", "{}", ms: 299.5) == .passed)
        guard case let .failed(reason) = try verdict("response_time < 300", "{}", ms: 301) else { Issue.record("slow"); return }
        #expect(reason.contains("response_time (301) < 300 is false"))
    }

    @Test func aNonJSONBodyFailsPathConditions() throws {
        let condition = try Condition(parsing: "$.x == 1")
        let result = condition.evaluate(.init(status: 200, responseTime: 1, body: nil))
        #expect(result == .failed("$.x == 1: the answer is not JSON"))
    }

    @Test func arithmeticNeedsNumbers() throws {
        guard case let .failed(reason) = try verdict("$.name + 1 > 0", #"{"name": "node"}"#) else { Issue.record("string arithmetic"); return }
        #expect(reason.contains("$.name is \"node\", not a number"))
    }

    @Test(arguments: [
        ("$.x = 1", "use == to compare at column 5"),
        ("$.x", "expected a comparison (==, !=, <, <=, >, >=), found the end at column 4"),
        ("$.x == ", "expected a value, found the end at column 8"),
        ("$.x == head", "unknown name head (status, response_time, true, false, null, or a reference; no references are defined) at column 8"),
        ("$.x == 'abc", "unterminated string at column 8"),
        ("$.x[ == 1", "expected an index or a quoted member name in [ ] at column 6"),
        ("$. == 1", "expected a member name after \".\" at column 3"),
        ("$.x == 1 2", "unexpected \"2\" after the condition at column 10"),
        ("$.x == 0x", "expected hex digits after 0x at column 8"),
        ("$.x == 1.2.3", "\"1.2.3\" is not a number at column 8"),
        ("(status == 1", "expected \")\", found \"=\" at column 9"),
    ])
    func parseErrorsSayWhatAndWhere(text: String, message: String) {
        #expect(throws: Condition.ParseError.self) { try Condition(parsing: text) }
        do {
            _ = try Condition(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func referencesAreListed() throws {
        let condition = try Condition(parsing: "$.a >= head - lag", references: ["head", "lag", "unused"])
        #expect(condition.references == ["head", "lag"])
    }
}
