import ArgusCore
import ArgusNode
import Foundation
import Testing

/// The current targets: configured first, discovered after, changes reported, removed ones retired.
struct TargetSetTests {
    func target(_ address: String, port: Int = 1, interval: Double = 10) -> Target {
        Target(address: address, check: .tcp(host: "localhost", port: port), policy: CheckPolicy(interval: interval))
    }

    @Test func configuredWinAndChangesAreReported() async {
        let set = TargetSet(configured: [target("a"), target("b")], retired: ["old"])
        #expect(set.addresses == ["a", "b"])
        #expect(set.isKnown("old") && !set.isKnown("never"))
        var changes = set.changes().makeAsyncIterator()

        let discovered = set.setDiscovered([target("b", port: 2), target("c")])
        #expect(discovered == TargetSet.Change(added: [target("c")]), "b stays as configured")
        #expect(set.target("b") == target("b"))
        #expect(await changes.next() == discovered)

        let reloaded = set.setConfigured([target("b", interval: 5)])
        #expect(reloaded.removed == ["a"])
        #expect(reloaded.changed == [target("b", interval: 5)])
        #expect(set.addresses == ["b", "c"])
        #expect(set.retired == ["a", "old"], "a removed target keeps its history")
        #expect(set.isKnown("a"))
        #expect(await changes.next() == reloaded)

        // Re-added: no longer retired.
        set.setConfigured([target("a"), target("b", interval: 5)])
        #expect(set.retired == ["old"])
        #expect(set.known == ["a", "b", "c", "old"])
    }

    @Test func digestIsOfTheSortedAddresses() {
        let set = TargetSet(configured: [target("b"), target("a")])
        #expect(set.digest == TargetSet.digest(of: ["a", "b"]))
        // Python: hashlib.sha256(b"a\nb\n").hexdigest()
        #expect(set.digest == "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2")
        // It follows the set (it is made once per change, not per read).
        set.setDiscovered([target("c")])
        #expect(set.digest == TargetSet.digest(of: ["a", "b", "c"]))
        set.setConfigured([target("a")])
        #expect(set.digest == TargetSet.digest(of: ["a", "c"]))
    }
}
