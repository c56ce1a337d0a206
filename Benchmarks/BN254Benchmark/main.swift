// Timings of the BN254 operations Argus needs, side by side with an anchor measured in the same run.
//
//     swift build -c release --product BN254Benchmark && .build/release/BN254Benchmark [--json] [--no-anchor]
//
// Swift figures: median over 5 batches of the mean per call, after one warm-up call. Anchor:
// py_ecc's optimized_bn128 (pure Python), timed by `bn254_anchor_bench.py` (median of 3 batches)
// right after the Swift measurements. The anchor's Python is `$ARGUS_PYTHON`, else
// `<package root>/.venv/bin/python`, else `python3`; the script is found from this file's path
// (package root = three directories up) as `scripts/bn254/bn254_anchor_bench.py`, else
// `Scripts/bn254_anchor_bench.py`. mcl (the reference implementation, ≈ 1 ms per verification) is
// not available here, so there is no mcl ratio.
//
// Both sides time the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID here, time.thread_time in
// the script): on a shared 2-core machine wall-clock figures jump by ≈ 1.5× whenever another
// process competes for the core. `--wall` switches both sides to wall-clock time.
//
// `--json` prints one JSON object per operation per line; `--no-anchor` skips the Python run.
import BN254
import Foundation
import HexCodec
import ZellularHash

let arguments: Set<String> = Set(CommandLine.arguments.dropFirst())
let jsonOutput: Bool = arguments.contains("--json")
let runAnchor: Bool = !arguments.contains("--no-anchor")
let wallClock: Bool = arguments.contains("--wall")
if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: BN254Benchmark [--json] [--no-anchor] [--wall]   (build with -c release)")
    exit(0)
}
if let unknown = arguments.subtracting(["--json", "--no-anchor", "--wall"]).first {
    FileHandle.standardError.write(Data("BN254Benchmark: unknown argument \(unknown) (try --help)\n".utf8))
    exit(2)
}

func progress(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

// MARK: - Swift measurements

/// This thread's CPU time, or monotonic wall-clock time with `--wall`.
func nowNanoseconds() -> UInt64 {
    var ts: timespec = timespec()
    clock_gettime(wallClock ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

struct Measurement {
    /// Key shared with the anchor script's JSON.
    let op: String
    let label: String
    let seconds: Double
    let runs: Int
}

var measurements: [Measurement] = []
/// A global the results are folded into, so the optimizer cannot drop the measured work.
var sink: Bool = false

/// Runs `body` once as a warm-up, then `iterations` times in 5 equal batches, and records the
/// median over the batches of the mean per call (robust against a busy shared machine).
@MainActor
func measure(_ op: String, _ label: String, iterations: Int, _ body: () -> Bool) {
    var local: Bool = body()
    let batches: Int = 5
    let perBatch: Int = max(1, iterations / batches)
    var samples: [Double] = []
    for _ in 0..<batches {
        let start: UInt64 = nowNanoseconds()
        for _ in 0..<perBatch { local = body() != local }
        samples.append(Double(nowNanoseconds() - start) / Double(perBatch) / 1e9)
    }
    sink = sink != local
    let seconds: Double = samples.sorted()[batches / 2]
    measurements.append(Measurement(op: op, label: label, seconds: seconds, runs: perBatch * batches))
    progress("swift  \(op.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%10.3f", seconds * 1e3)) ms")
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
// A real Miller-loop output, so the final exponentiation is timed on a generic element (as in py_ecc).
let millerOutput: Fp12 = Pairing.multiMillerLoop([(.generator, .generator)])

measure("pairing", "pairing (Miller loop + final exp.)", iterations: 50) {
    !Pairing.pairing(.generator, .generator).isIdentity
}
measure("miller_loop", "Miller loop, 1 pair", iterations: 50) {
    Pairing.multiMillerLoop([(.generator, .generator)]) != .one
}
measure("final_exponentiation", "final exponentiation", iterations: 50) {
    millerOutput.finalExponentiation().isOne
}
measure("hash_to_g1", "hash to G1 (try-and-increment)", iterations: 200) {
    !G1Affine.hashToCurve(message).isIdentity
}
measure("sign", "sign (hash + G1 scalar mul)", iterations: 100) {
    keys[0].signature(for: message).point.isOnCurve
}
measure("verify", "verify, aggregated key", iterations: 50) {
    aggregateKey.isValidSignature(aggregateSignature, for: message)
}
measure("verify_prehashed", "verify, pre-hashed message", iterations: 50) {
    aggregateKey.isValidSignature(aggregateSignature, forHashedMessage: h)
}
measure("g2_aggregate_100", "G2 key aggregation, 100 keys", iterations: 50) {
    PublicKey.aggregate(publicKeys) != nil
}
measure("g2_parse_subgroup", "G2 mcl parse + subgroup check", iterations: 50) {
    (try? PublicKey(mclString: mclKey)) != nil
}
measure("g2_scalar_mul", "G2 scalar mul", iterations: 50) {
    !(G2Projective.generator * keys[1].scalar).isIdentity
}

// MARK: - Anchor (py_ecc)

struct Anchor {
    let description: String
    let seconds: [String: Double]
}

/// Three directories above this file: `<root>/Benchmarks/BN254Benchmark/main.swift` here,
/// `<root>/Benchmarks/BN254Benchmark/main.swift` in the Argus repository.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func anchorScript() -> URL? {
    ["scripts/bn254/bn254_anchor_bench.py", "Scripts/bn254_anchor_bench.py"]
        .map { packageRoot.appendingPathComponent($0) }
        .first { FileManager.default.fileExists(atPath: $0.path) }
}

func anchorPython() -> String {
    if let python = ProcessInfo.processInfo.environment["ARGUS_PYTHON"], !python.isEmpty { return python }
    let venv: String = packageRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "python3"
}

/// Runs `python script args…` (through /usr/bin/env, so a bare name is looked up on PATH); the
/// script's stderr (its progress lines) goes straight to ours. Returns stdout, or nil on failure.
func runPython(_ python: String, _ script: URL, _ args: [String]) -> String? {
    let process: Process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, script.path] + args
    let output: Pipe = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    do { try process.run() } catch {
        progress("anchor: could not start \(python): \(error)")
        return nil
    }
    let data: Data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        progress("anchor: \(python) \(script.lastPathComponent) exited with status \(process.terminationStatus)")
        return nil
    }
    return String(decoding: data, as: UTF8.self)
}

/// nil, with the reason in `anchorNote`, when no anchor could be measured.
var anchorNote: String = ""
@MainActor
func measureAnchor() -> Anchor? {
    guard runAnchor else {
        anchorNote = "anchor skipped (--no-anchor)"
        return nil
    }
    guard let script = anchorScript() else {
        anchorNote = "anchor not run: no scripts/bn254/bn254_anchor_bench.py or Scripts/bn254_anchor_bench.py under \(packageRoot.path)"
        return nil
    }
    let python: String = anchorPython()
    guard let version = runPython(python, script, ["--version"]) else {
        anchorNote = "anchor not run: \(python) cannot run \(script.lastPathComponent) (py_ecc missing? set ARGUS_PYTHON)"
        return nil
    }
    let description: String = version.trimmingCharacters(in: .whitespacesAndNewlines)
    progress("anchor: \(description) via \(python), ≈ 10 s")
    let messageHex: String = Hex.encode(message)
    guard let output = runPython(python, script, ["--msg-hex", messageHex, "--clock", wallClock ? "wall" : "cpu"]),
        let line = output.split(separator: "\n").last,
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else {
        anchorNote = "anchor failed: \(python) \(script.lastPathComponent) gave no JSON"
        return nil
    }
    var seconds: [String: Double] = [:]
    for (key, value) in object {
        if let number = value as? NSNumber { seconds[key] = number.doubleValue }
    }
    return Anchor(description: description, seconds: seconds)
}

let anchor: Anchor? = measureAnchor()
let mclNote: String = "mcl (the reference, ≈ 1 ms per verify) is not available here: no mcl ratio"

// MARK: - Report

func milliseconds(_ seconds: Double) -> String {
    String(format: seconds * 1e3 >= 100 ? "%.1f ms" : "%.3f ms", seconds * 1e3)
}

func speedUp(swift: Double, anchor: Double) -> String {
    let factor: Double = anchor / swift
    if factor >= 1 {
        return String(format: factor >= 10 ? "%.0f× faster" : "%.1f× faster", factor)
    }
    return String(format: 1 / factor >= 10 ? "%.0f× slower" : "%.1f× slower", 1 / factor)
}

func jsonString(_ text: String) -> String {
    var out: String = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

func jsonNumber(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return "\(value)"
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill: String = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

if jsonOutput {
    let anchorName: String = anchor.map { jsonString($0.description) } ?? "null"
    for m in measurements {
        let other: Double? = anchor?.seconds[m.op]
        let fields: [String] = [
            "\"op\":\(jsonString(m.op))",
            "\"label\":\(jsonString(m.label))",
            "\"swift_seconds\":\(jsonNumber(m.seconds))",
            "\"swift_runs\":\(m.runs)",
            "\"clock\":\(jsonString(wallClock ? "wall" : "thread_cpu"))",
            "\"anchor\":\(anchorName)",
            "\"anchor_seconds\":\(jsonNumber(other))",
            "\"ratio\":\(jsonNumber(other.map { m.seconds / $0 }))",
            "\"speedup\":\(jsonNumber(other.map { $0 / m.seconds }))",
            "\"mcl_seconds\":null",
        ]
        print("{" + fields.joined(separator: ",") + "}")
    }
} else {
    print("BN254 benchmark, release build, \(wallClock ? "wall-clock" : "thread CPU") time. Swift: median of 5 batches after one warm-up")
    if let anchor {
        print("anchor: \(anchor.description), median of 3 batches, same run")
    } else {
        print(anchorNote)
    }
    print(mclNote)
    print("")
    let header: [String] = ["operation", "Swift", "py_ecc", "Swift ÷ py_ecc", "Swift vs py_ecc", "runs"]
    let widths: [Int] = [34, 10, 11, 15, 17, 5]
    func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in pad(cell, widths[index], right: index > 0) }
            .joined(separator: "  ")
    }
    print(row(header))
    print(row(widths.map { String(repeating: "-", count: $0) }))
    for m in measurements {
        let other: Double? = anchor?.seconds[m.op]
        print(row([
            m.label,
            milliseconds(m.seconds),
            other.map(milliseconds) ?? "—",
            other.map { String(format: "%.5f", m.seconds / $0) } ?? "—",
            other.map { speedUp(swift: m.seconds, anchor: $0) } ?? "—",
            String(m.runs),
        ]))
    }
}
