import ChaosKit
import Foundation

// `argus-chaos [--seed N] [--only name,…] [--quick]`: the fault-injection suite (RELIABILITY.md).
// Every scenario runs real `argus` processes on loopback, faults injected by proxies, signals, a
// tmpfs, a node's clock set off (ARGUS_FAULT_CLOCK_OFFSET) and a byzantine member; it prints one
// row per scenario and exits 1 if any invariant did not hold. `--quick` is the short subset
// `make test` runs.

var seed: UInt64 = 1
var only: Set<String>?
var quick = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--seed": seed = arguments.next().flatMap { UInt64($0) } ?? seed
    case "--only": only = Set((arguments.next() ?? "").split(separator: ",").map(String.init))
    case "--quick": quick = true
    default:
        FileHandle.standardError.write(Data("usage: argus-chaos [--seed N] [--only kill9,sequencer,partition,halves,slow,byzantine,disk,clock,fuzz,load] [--quick]\n".utf8))
        exit(2)
    }
}
let argus = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("argus")
guard FileManager.default.isExecutableFile(atPath: argus.path) else {
    FileHandle.standardError.write(Data("argus-chaos: no argus next to argus-chaos (\(argus.path)); build it first\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("argus-chaos-\(seed)-\(UUID().uuidString.prefix(8))")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
let context = ChaosContext(argus: argus, directory: directory, seed: seed) { line in
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
print("argus-chaos: seed \(seed)\(quick ? ", quick" : ""); scratch \(directory.path)")
let started = Date()
let results = await context.suite(only: only, quick: quick)
print("\n" + ChaosContext.table(results))
print(String(format: "%d scenarios in %.0f s", results.count, Date().timeIntervalSince(started)))
if results.allSatisfy(\.held) {
    try? FileManager.default.removeItem(at: directory)
    exit(0)
}
print("the nodes' directories and logs are kept in \(directory.path)")
exit(1)
