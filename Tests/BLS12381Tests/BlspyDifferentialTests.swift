import ArgusTestSupport
import Foundation
import Testing
@testable import BLS12381

/// Differential test against blspy (PopSchemeMPL): random keys, messages, subsets and corrupted
/// encodings; every output byte and verdict must agree. Runs `Python.interpreter` (the project's
/// `.venv`, made by `make deps`); skipped when blspy cannot be imported, except under CI.
/// `BLS_DIFF_CASES` (default 12) sets the number of random keys; `BLS_DIFF_SEED` fixes the seed.
@Suite struct BlspyDifferentialTests {
    static var blspyAvailable: Bool { Python.canImport("blspy") }

    /// Operations for the oracle, paired with the answer Swift gives.
    struct Case { var op: [String: Any]; var swift: [String: Any] }

    static func randomBytes(_ n: Int, _ rng: inout SeededRNG) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) } }

    static func corrupt(_ bytes: [UInt8], _ rng: inout SeededRNG) -> [UInt8] {
        var b = bytes
        let i = Int.random(in: 0..<b.count, using: &rng)
        b[i] ^= UInt8.random(in: 1...255, using: &rng)
        return b
    }

    @Test(.enabled(if: blspyAvailable, "blspy not importable (pip install blspy)"))
    func agreesWithBlspy() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["BLS_DIFF_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        let n = env["BLS_DIFF_CASES"].flatMap { Int($0) } ?? 12
        print("BlspyDifferentialTests seed \(seed) (set BLS_DIFF_SEED=\(seed) to replay), \(n) keys")
        var rng = SeededRNG(seed: seed)
        var cases: [Case] = []

        var keys: [PrivateKey] = []
        for _ in 0..<n {
            let s = Self.randomBytes(32 + Int.random(in: 0...8, using: &rng), &rng)
            let k = try PrivateKey(keyGenSeed: s, variant: .blspyDraft02)
            keys.append(k)
            cases.append(Case(op: ["op": "keygen", "seed": Hex.encode(s)], swift: ["sk": k.hexString, "pk": k.publicKey.hexString]))
        }
        let messages = (0..<4).map { _ in Self.randomBytes(Int.random(in: 0...80, using: &rng), &rng) }
        var sigs: [[Signature]] = []
        for k in keys {
            var row: [Signature] = []
            for m in messages {
                let s = k.signature(for: m)
                row.append(s)
                cases.append(Case(op: ["op": "sign", "sk": k.hexString, "msg": Hex.encode(m)], swift: ["sig": s.hexString]))
            }
            sigs.append(row)
            let pop = k.proofOfPossession()
            cases.append(Case(op: ["op": "pop", "sk": k.hexString], swift: ["pop": pop.hexString]))
            cases.append(Case(op: ["op": "pop_verify", "pk": k.publicKey.hexString, "pop": pop.hexString], swift: ["ok": true]))
            let badPop = Self.corrupt(pop.compressedRepresentation, &rng)
            cases.append(Case(op: ["op": "pop_verify", "pk": k.publicKey.hexString, "pop": Hex.encode(badPop)],
                              swift: ["ok": (try? Signature(compressedRepresentation: badPop)).map { k.publicKey.isValidProofOfPossession($0) } ?? false]))
        }
        for (i, k) in keys.enumerated() {
            let pk = k.publicKey
            let mi = Int.random(in: 0..<messages.count, using: &rng)
            let sig = sigs[i][mi]
            // valid, wrong message, wrong key, corrupted signature, corrupted key
            let other = keys[(i + 1) % keys.count].publicKey
            let cSig = Self.corrupt(sig.compressedRepresentation, &rng)
            let cPk = Self.corrupt(pk.compressedRepresentation, &rng)
            func swiftVerify(_ pkBytes: [UInt8], _ sigBytes: [UInt8], _ m: [UInt8]) -> Bool {
                guard let p = try? PublicKey(compressedRepresentation: pkBytes),
                      let s = try? Signature(compressedRepresentation: sigBytes) else { return false }
                return p.isValidSignature(s, for: m)
            }
            let variants: [([UInt8], [UInt8], [UInt8])] = [
                (pk.compressedRepresentation, sig.compressedRepresentation, messages[mi]),
                (pk.compressedRepresentation, sig.compressedRepresentation, messages[(mi + 1) % messages.count]),
                (other.compressedRepresentation, sig.compressedRepresentation, messages[mi]),
                (pk.compressedRepresentation, cSig, messages[mi]),
                (cPk, sig.compressedRepresentation, messages[mi]),
            ]
            for (p, s, m) in variants {
                cases.append(Case(op: ["op": "verify", "pk": Hex.encode(p), "sig": Hex.encode(s), "msg": Hex.encode(m)],
                                  swift: ["ok": swiftVerify(p, s, m)]))
            }
            cases.append(Case(op: ["op": "decode", "g1": Hex.encode(cPk), "g2": Hex.encode(cSig)],
                              swift: ["g1": (try? G1Affine(compressedRepresentation: cPk)) != nil,
                                      "g2": (try? G2Affine(compressedRepresentation: cSig)) != nil]))
        }
        // aggregates over random subsets
        for _ in 0..<max(3, n / 2) {
            let subset = keys.indices.filter { _ in Bool.random(using: &rng) }
            let idx = subset.isEmpty ? [0] : subset
            let mi = Int.random(in: 0..<messages.count, using: &rng)
            let agg = try Signature(aggregating: idx.map { sigs[$0][mi] })
            cases.append(Case(op: ["op": "agg_sigs", "sigs": idx.map { sigs[$0][mi].hexString }], swift: ["sig": agg.hexString]))
            let pks = idx.map { keys[$0].publicKey }
            cases.append(Case(op: ["op": "agg_pks", "pks": pks.map(\.hexString)], swift: ["pk": try PublicKey(aggregating: pks).hexString]))
            for useMsg in [mi, (mi + 1) % messages.count] {
                cases.append(Case(op: ["op": "fav", "pks": pks.map(\.hexString), "msg": Hex.encode(messages[useMsg]), "sig": agg.hexString],
                                  swift: ["ok": PopScheme.fastAggregateVerify(publicKeys: pks, message: messages[useMsg], signature: agg)]))
            }
            // AggregateVerify with per-signer messages (possibly repeated)
            let msgIdx = idx.map { _ in Int.random(in: 0..<messages.count, using: &rng) }
            let aggAV = try Signature(aggregating: zip(idx, msgIdx).map { sigs[$0][$1] })
            let dropLast = Bool.random(using: &rng) && idx.count > 1
            let avKeys = dropLast ? Array(pks.dropLast()) : pks
            let avMsgs = (dropLast ? Array(msgIdx.dropLast()) : msgIdx).map { messages[$0] }
            cases.append(Case(op: ["op": "av", "pks": avKeys.map(\.hexString), "msgs": avMsgs.map { Hex.encode($0) }, "sig": aggAV.hexString],
                              swift: ["ok": PopScheme.aggregateVerify(publicKeys: avKeys, messages: avMsgs, signature: aggAV)]))
        }

        let input = try JSONSerialization.data(withJSONObject: cases.map(\.op))
        let script = Python.script("scripts/bls12381/blspy_oracle.py")
        let (status, output) = Python.run([script], input: input)
        let out = Data(output.utf8)
        try #require(status == 0, "oracle failed (seed \(seed))")
        let answers = try #require(try JSONSerialization.jsonObject(with: out) as? [[String: Any]])
        try #require(answers.count == cases.count)
        var mismatches = 0
        for (c, theirs) in zip(cases, answers) {
            for (key, mine) in c.swift {
                let a = "\(mine)", b = "\(theirs[key] ?? "nil")"
                let same = (mine as? Bool).map { $0 == (theirs[key] as? Bool) } ?? (a == b)
                if !same {
                    mismatches += 1
                    Issue.record("seed \(seed): \(c.op["op"]!) \(key): swift \(a) blspy \(b) — op \(c.op)")
                }
            }
        }
        print("BlspyDifferentialTests: \(cases.count) operations compared, \(mismatches) mismatches")
        #expect(mismatches == 0, "seed \(seed)")
    }
}
