// BLS12381Benchmarks — times the library's operations (release build), optionally next to blspy.
//
//   swift run -c release BLS12381Benchmarks            # Swift only
//   swift run -c release BLS12381Benchmarks --blspy    # alternates rounds with scripts/bls12381/blspy_bench.py --serve, prints ratios
//   ... --json                                         # machine-readable output
//   ... --micro | --profile-hash | --profile-pairing | --profile-verify   # dev aids (for perf record)

import BLS12381
import BLS12381Assembly
import Foundation

/// µs per operation over one round: `body` repeated for at least `seconds`.
func round(seconds: Double, _ body: () -> Void) -> Double {
    var iterations = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed: Double = 0
    repeat {
        body()
        iterations += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    return elapsed / Double(iterations) * 1e6
}

/// blspy's side (scripts/bls12381/blspy_bench.py --serve): one round of an operation on request,
/// so that the two sides' rounds alternate and see the same machine.
final class Blspy {
    let process = Process()
    let input = Pipe(), output = Pipe()
    var buffer = Data()

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/bls12381/blspy_bench.py").path
        let environment = ProcessInfo.processInfo.environment
        let venv = URL(fileURLWithPath: script).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
        let python = environment["ARGUS_PYTHON"] ?? environment["BLSPY_PYTHON"]
            ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, "--serve"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// µs per operation of one blspy round of `name`, or nil when blspy has no such operation.
    func round(_ name: String, seconds: Double) -> Double? {
        input.fileHandleForWriting.write(Data("\(name) \(seconds)\n".utf8))
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            precondition(!chunk.isEmpty, "blspy_bench.py --serve stopped (is blspy installed? make deps)")
            buffer.append(chunk)
        }
        let end = buffer.firstIndex(of: UInt8(ascii: "\n"))!
        let line = String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self)
        buffer = Data(buffer[(end + 1)...])
        return Double(line)
    }
}

let args = CommandLine.arguments
let wantJSON = args.contains("--json")
let wantBlspy = args.contains("--blspy")

let sk = try! PrivateKey(keyGenSeed: [UInt8](repeating: 7, count: 32))
let pk = sk.publicKey
let msg = Array("Address: 0xNodeA123, State: down, Timestamp: 1714130000".utf8)
let sig = sk.signature(for: msg)
let keys100 = (0..<100).map { try! PrivateKey(keyGenSeed: [UInt8](repeating: UInt8($0), count: 32)) }
let pks100 = keys100.map(\.publicKey)
let sigs100 = keys100.map { $0.signature(for: msg) }
let agg3 = try! Signature(aggregating: Array(sigs100[0..<3]))
let agg100 = try! Signature(aggregating: sigs100)
let distinct100 = keys100.enumerated().map { (i, k) -> (publicKey: PublicKey, message: [UInt8], signature: Signature) in
    let m = msg + [UInt8(i)]
    return (k.publicKey, m, k.signature(for: m))
}
let pkBytes = pk.compressedRepresentation
let sigBytes = sig.compressedRepresentation
let h = G2Affine(G2Projective.hash(msg, dst: PopScheme.signatureDST))
let ml = Pairing.millerLoop([(pk.point, h)])

/// Which 𝔽ₚ products ran: the x86-64 assembly, or the Swift path (ARGUS_BLS_PORTABLE=1, or a CPU
/// without BMI2/ADX).
let fieldArithmetic = argus_bls_fp_assembly_enabled() != 0 ? "x86-64 assembly (mulx/adcx/adox)" : "Swift (portable path)"
if !wantJSON { print("𝔽ₚ arithmetic: \(fieldArithmetic)") }

/// Per operation: Swift's and blspy's fastest round (µs), and the median over rounds of the ratio
/// of the two rounds run back to back — the figure to read on a shared machine, where speed drifts
/// from one second to the next.
struct Result { var name: String; var swift: Double; var blspy: Double?; var ratio: Double? }
var results: [Result] = []
let blspy = wantBlspy ? try! Blspy() : nil
let rounds = 9, roundSeconds = 0.12
@MainActor func run(_ name: String, _ body: () -> Void) {
    body()  // warm-up
    var swift: [Double] = [], theirs: [Double] = []
    for _ in 0..<rounds {
        swift.append(round(seconds: roundSeconds, body))
        if let b = blspy?.round(name, seconds: roundSeconds) { theirs.append(b) }
    }
    let ratios = zip(swift, theirs).map { $0 / $1 }.sorted()
    let result = Result(name: name, swift: swift.min()!, blspy: theirs.min(), ratio: ratios.isEmpty ? nil : ratios[ratios.count / 2])
    results.append(result)
    if !wantJSON && !wantBlspy { print(name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%12.1f µs", result.swift)) }
}
if !args.contains("--micro") && !args.contains("--profile-hash") && !args.contains("--profile-pairing") && !args.contains("--profile-verify") {
run("sign") { _ = sk.signature(for: msg) }
run("verify") { precondition(pk.isValidSignature(sig, for: msg)) }
run("fast aggregate verify (3)") { precondition(PopScheme.fastAggregateVerify(publicKeys: Array(pks100[0..<3]), message: msg, signature: agg3)) }
run("fast aggregate verify (100)") { precondition(PopScheme.fastAggregateVerify(publicKeys: pks100, message: msg, signature: agg100)) }
run("aggregate 100 signatures") { _ = try! Signature(aggregating: sigs100) }
run("hash to G2") { _ = G2Projective.hash(msg, dst: PopScheme.signatureDST) }
run("pairing") { _ = Pairing.pairing(pk.point, h) }
run("miller loop") { _ = Pairing.millerLoop([(pk.point, h)]) }
run("final exponentiation") { _ = ml.finalExponentiation() }
run("final exp. (cubed, for checks)") { _ = ml.finalExponentiationCubed() }
run("G1 decompress + subgroup check") { _ = try! PublicKey(compressedRepresentation: pkBytes) }
run("G2 decompress + subgroup check") { _ = try! Signature(compressedRepresentation: sigBytes) }
run("batch verify (100 distinct)") { precondition(PopScheme.batchVerify(distinct100)) }
let hp = G2Projective.hash(msg, dst: PopScheme.signatureDST)
let secretScalar = Scalar(reducingBigEndian: [UInt8](repeating: 0xab, count: 32))
run("G2 scalar mult (GLS, const-time)") { _ = hp.multipliedGLS(by: secretScalar) }
run("G2 clear cofactor") { _ = hp.clearedCofactor() }
}

if wantBlspy {
    blspy?.input.fileHandleForWriting.closeFile()
    blspy?.process.waitUntilExit()
    if wantJSON {
        var out: [[String: Any]] = []
        for result in results {
            var row: [String: Any] = ["name": result.name, "swift_us": result.swift]
            if let b = result.blspy, let ratio = result.ratio { row["blspy_us"] = b; row["ratio"] = ratio }
            out.append(row)
        }
        print(String(data: try! JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys]), encoding: .utf8)!)
    } else {
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        print("\(rounds) alternating rounds of \(roundSeconds) s per side; µs: each side's fastest round; ratio: median of the rounds' ratios")
        print("operation".padding(toLength: 32, withPad: " ", startingAt: 0) + pad("swift µs", 12) + pad("blspy µs", 12) + pad("swift/blspy", 13))
        for result in results {
            let row = result.name.padding(toLength: 32, withPad: " ", startingAt: 0) + pad(String(format: "%.1f", result.swift), 12)
            if let b = result.blspy, let ratio = result.ratio {
                print(row + pad(String(format: "%.1f", b), 12) + pad(String(format: "%.2f", ratio), 13))
            } else {
                print(row + pad("-", 12) + pad("-", 13))
            }
        }
    }
} else if wantJSON {
    let out = results.map { ["name": $0.name, "swift_us": $0.swift] as [String: Any] }
    print(String(data: try! JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys]), encoding: .utf8)!)
}

if args.contains("--micro") {
    var a = Fp(123456789), b = Fp(987654321)
    let t0 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<1_000_000 { a = a * b }
    let t1 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<1_000_000 { b = b + a }
    let t2 = DispatchTime.now().uptimeNanoseconds
    var c = Fp2(c0: a, c1: b)
    for _ in 0..<1_000_000 { c = c * c }
    let t3 = DispatchTime.now().uptimeNanoseconds
    print("Fp mul \(Double(t1 - t0) / 1e6) ns, Fp add \(Double(t2 - t1) / 1e6) ns, Fp2 mul \(Double(t3 - t2) / 1e6) ns", a, b, c.c0)
}

if args.contains("--profile-hash") {
    for i in 0..<3000 { _ = G2Projective.hash(msg + [UInt8(i & 0xff)], dst: PopScheme.signatureDST) }
}

if args.contains("--profile-pairing") {
    for _ in 0..<1000 { _ = Pairing.pairing(pk.point, h) }
}

if args.contains("--profile-verify") {
    for _ in 0..<500 { precondition(pk.isValidSignature(sig, for: msg)) }
}
