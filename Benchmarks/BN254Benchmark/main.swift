// Rough timings of the BN254 operations Argus needs. Run: swift run -c release BN254Benchmark
import BN254
import ZellularHash

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func nowNanoseconds() -> UInt64 {
    var ts: timespec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` `iterations` times after one warm-up run and prints the mean per call.
func measure(_ name: String, iterations: Int, _ body: () -> Bool) {
    var sink: Bool = body()
    let start: UInt64 = nowNanoseconds()
    for _ in 0..<iterations { sink = body() != sink }
    let elapsed: Double = Double(nowNanoseconds() - start) / Double(iterations)
    let padded: String = name + String(repeating: " ", count: max(0, 34 - name.count))
    print("\(padded) \(format3(elapsed / 1_000_000)) ms   (\(iterations) runs)\(sink ? "" : "")")
}

func format3(_ value: Double) -> String {
    let scaled: Int = Int((value * 1000).rounded())
    let fraction: String = String(scaled % 1000)
    return "\(scaled / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}

var generator: SystemRandomNumberGenerator = SystemRandomNumberGenerator()
let keys: [PrivateKey] = (0..<100).map { _ in PrivateKey(using: &generator) }
let publicKeys: [PublicKey] = keys.map(\.publicKey)
let message: [UInt8] = Array(xxh128Hex("benchmark sync point").utf8)
let signatures: [Signature] = keys.prefix(3).map { $0.signature(for: message) }
let aggregateSignature: Signature = Signature.aggregate(signatures)!
let aggregateKey: PublicKey = PublicKey.aggregate(publicKeys.prefix(3))!
let h: G1Affine = G1Affine.hashToCurve(message)
let mclKey: String = aggregateKey.mclString

measure("pairing", iterations: 50) { !Pairing.pairing(.generator, .generator).isIdentity }
measure("miller loop (1 pair)", iterations: 50) { Pairing.multiMillerLoop([(.generator, .generator)]) != .one }
measure("final exponentiation", iterations: 50) { Fp12.one.finalExponentiation().isOne }
measure("hash to G1", iterations: 200) { !G1Affine.hashToCurve(message).isIdentity }
measure("sign", iterations: 100) { keys[0].signature(for: message).point.isOnCurve }
measure("verify (aggregated key)", iterations: 50) { aggregateKey.isValidSignature(aggregateSignature, for: message) }
measure("verify (pre-hashed message)", iterations: 50) { aggregateKey.isValidSignature(aggregateSignature, forHashedMessage: h) }
measure("G2 key aggregation (100 keys)", iterations: 50) { PublicKey.aggregate(publicKeys) != nil }
measure("G2 mcl parse + subgroup check", iterations: 50) { (try? PublicKey(mclString: mclKey)) != nil }
measure("G2 scalar mul (constant time)", iterations: 50) { !(G2Projective.generator * keys[1].scalar).isIdentity }
