import ArgusProof
import BLS12381
import Foundation

// `argus-dudect [--samples SCALE] [--only sign,keygen,sktopk,keystore]`: dudect-style timing tests of
// the secret-key operations (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?",
// eprint 2016/1123). Two classes of secret input — one fixed key of low Hamming weight, and fresh
// random keys — are interleaved at random; each call is timed; Welch's t-test compares the two
// timing distributions, over all samples and over samples cropped at several percentiles (which
// removes the long tail of interruptions). |t| > 4.5 is evidence of a secret-dependent time
// (dudect's threshold); below it no leak was detected at this many samples. Prints one row per
// operation and exits 1 if any |t| exceeds 4.5. Run on an otherwise idle machine
// (`make dudect`, results in the BLS12381 landing doc).

/// Welch's t statistic of two samples, by Welford's online mean and variance.
struct Welch {
    var n = [0.0, 0.0], mean = [0.0, 0.0], m2 = [0.0, 0.0]

    mutating func add(_ x: Double, class c: Int) {
        n[c] += 1
        let delta = x - mean[c]
        mean[c] += delta / n[c]
        m2[c] += delta * (x - mean[c])
    }

    var t: Double {
        guard n[0] > 1, n[1] > 1 else { return 0 }
        let v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1)
        let denominator = (v0 / n[0] + v1 / n[1]).squareRoot()
        return denominator > 0 ? (mean[0] - mean[1]) / denominator : 0
    }
}

@inline(never)
func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC_RAW, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// One operation under test: `prepare` makes the input of a call of each class (outside the
/// timed region), `run` is timed.
struct Operation {
    let name: String
    let what: String
    let samples: Int
    let prepare: (_ fixed: Bool) -> Any
    let run: (Any) -> Void
}

struct Outcome {
    let name: String
    let samples: Int
    let meanNanoseconds: (Double, Double)
    let tAll: Double
    let tMaxCropped: Double
    var leaks: Bool { max(abs(tAll), abs(tMaxCropped)) > 4.5 }
}

func measure(_ operation: Operation) -> Outcome {
    var generator = SystemRandomNumberGenerator()
    // Inputs first (class chosen at random per sample), then the timed calls in that order.
    let classes = (0..<operation.samples).map { _ in Int.random(in: 0...1, using: &generator) }
    let inputs = classes.map { operation.prepare($0 == 0) }
    for input in inputs.prefix(min(200, inputs.count)) { operation.run(input) }   // warm up
    var times = [Double](repeating: 0, count: operation.samples)
    for index in 0..<operation.samples {
        let start = now()
        operation.run(inputs[index])
        times[index] = Double(now() - start)
    }
    var all = Welch()
    for (time, c) in zip(times, classes) { all.add(time, class: c) }
    // dudect's crops: keep samples below the p-th percentile, p = 1 − 0.5^(10·(k+1)/100), k < 100.
    let sorted = times.sorted()
    var tMax = 0.0
    for k in stride(from: 0, to: 100, by: 5) {
        let p = 1 - pow(0.5, 10 * Double(k + 1) / 100)
        let threshold = sorted[min(sorted.count - 1, Int(p * Double(sorted.count)))]
        var cropped = Welch()
        for (time, c) in zip(times, classes) where time < threshold { cropped.add(time, class: c) }
        if abs(cropped.t) > abs(tMax) { tMax = cropped.t }
    }
    return Outcome(name: operation.name, samples: operation.samples, meanNanoseconds: (all.mean[0], all.mean[1]), tAll: all.t, tMaxCropped: tMax)
}

var scale = 1.0
var only: Set<String>?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--samples": scale = arguments.next().flatMap(Double.init) ?? scale
    case "--only": only = Set((arguments.next() ?? "").split(separator: ",").map(String.init))
    default:
        FileHandle.standardError.write(Data("usage: argus-dudect [--samples SCALE] [--only sign,keygen,sktopk,keystore]\n".utf8))
        exit(2)
    }
}

// The fixed class, in two runs: a key of Hamming weight 2 (the extreme a window or a skipped
// addition would show), then a typical key (one drawn at random once, about half its bits set),
// which separates a difference in the code's path from one in the data's (operands that are
// mostly zero draw less power, and a CPU that scales its frequency with power runs them faster:
// Hertzbleed, which no code path can remove). The random class: uniformly random keys.
let lowWeightKey = try! PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [0x11])
let typicalKey = PrivateKey()
nonisolated(unsafe) var fixedKey = lowWeightKey
func randomKey() -> PrivateKey { PrivateKey() }
let message = Array("Address: 0xNodeA123, State: down, Timestamp: 1714130000".utf8)
nonisolated(unsafe) var fixedSeed = [UInt8](repeating: 0, count: 32)
// Keystores with a cheap KDF (scrypt n = 16), so that the decryption and the key's parsing, not
// the KDF, dominate; one password for both classes. The inputs of both classes are made the same
// way (a random key or seed is drawn for either, then the fixed one used for the fixed class;
// every input a fresh allocation), so that neither class is laid out or warmed differently.
let password = "dudect-password"

/// A key's scalar as little-endian 64-bit limbs (for the control).
func limbs(_ key: PrivateKey) -> [UInt64] {
    let bytes = key.rawRepresentation
    return (0..<4).map { limb in (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[31 - limb * 8 - $1]) << UInt64(8 * $1) } }
}

let operations = [
    Operation(name: "sign", what: "PrivateKey.signature(for:) (hash to G2 + scalar multiplication)", samples: Int(4_000 * scale),
              prepare: { fixed in let key = randomKey(); return fixed ? fixedKey : key }, run: { _ = ($0 as! PrivateKey).signature(for: message) }),
    Operation(name: "sktopk", what: "PrivateKey.publicKey (scalar multiplication in G1)", samples: Int(10_000 * scale),
              prepare: { fixed in let key = randomKey(); return fixed ? fixedKey : key }, run: { _ = ($0 as! PrivateKey).publicKey }),
    Operation(name: "keygen", what: "PrivateKey(keyGenSeed:) (HKDF, reduction mod r)", samples: Int(100_000 * scale),
              prepare: { fixed in let seed = (0..<32).map { _ in UInt8.random(in: 0...255) }; return fixed ? fixedSeed.map { $0 } : seed },
              run: { _ = try? PrivateKey(keyGenSeed: $0 as! [UInt8]) }),
    Operation(name: "keystore", what: "Keystore.decrypt (EIP-2335; scrypt n = 16, AES-128-CTR, checksum, key parsing)", samples: Int(20_000 * scale),
              prepare: { fixed in let key = randomKey(); return try! Keystore.encrypt(fixed ? fixedKey : key, password: password, scryptN: 16) },
              run: { _ = try? Keystore.decrypt(json: $0 as! String, password: password) }),
]

// The control: a variable-time multiplication (double-and-add that skips zero bits), which the
// test must catch, or it has no power at this many samples.
let control = Operation(name: "control", what: "G1 multiplication by the key's bits, variable time (must leak)", samples: Int(2_000 * scale),
                        prepare: { fixed in let key = randomKey(); return limbs(fixed ? lowWeightKey : key) },
                        run: { _ = G1Projective.generator.multiplied(vartimeLimbs: $0 as! [UInt64]) })

func row(_ outcome: Outcome, verdict: String) {
    print(String(format: "%-9@ %8d   %12.0f / %-12.0f %8.2f   %8.2f            %@", outcome.name, outcome.samples,
                 outcome.meanNanoseconds.0, outcome.meanNanoseconds.1, outcome.tAll, outcome.tMaxCropped, verdict))
}
var failed = false
for (label, key, seed) in [("a key of Hamming weight 2 (seed: 32 zero bytes)", lowWeightKey, [UInt8](repeating: 0, count: 32)),
                           ("a typical key (seed: 32 random bytes)", typicalKey, (0..<32).map { _ in UInt8.random(in: 0...255) })] {
    fixedKey = key
    fixedSeed = seed
    print("argus-dudect: fixed class \(label) against random keys, interleaved at random; |t| > 4.5 is a leak")
    print("operation  samples   mean ns (fixed / random)     t (all)   max |t| (cropped)   verdict")
    for operation in operations where only?.contains(operation.name) ?? true {
        let outcome = measure(operation)
        failed = failed || outcome.leaks
        row(outcome, verdict: outcome.leaks ? "LEAK" : "no leak detected")
    }
    print("")
}
let checked = measure(control)
row(checked, verdict: checked.leaks ? "leak detected (expected: the test has power)" : "NOT DETECTED: the test has no power")
failed = failed || !checked.leaks
exit(failed ? 1 : 0)
