// A child process for the store's crash test: appends changes for a few addresses as fast as it
// can and prints "ack ADDRESS TIMESTAMP" after each append has returned (and so was committed).
// The test kills it with SIGKILL at an arbitrary moment and checks that every acknowledged change
// is in the file and that the file is sound.
//
// usage: argus-store-writer DIRECTORY [ADDRESSES]
import ArgusCore
import ArgusStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: argus-store-writer DIRECTORY [ADDRESSES]\n".utf8))
    exit(2)
}
let store = try EventStore(directory: arguments[1])
let addressCount = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let addresses = (0..<addressCount).map { "0xNode\($0)" }
var next: [String: StateChange] = [:]
for address in addresses {
    let last = try await store.lastChange(address: address)
    next[address] = StateChange(address: address, state: (last?.state ?? .up).flipped, timestamp: (last?.timestamp ?? 0) + 1)
}
FileHandle.standardOutput.write(Data("ready\n".utf8))
var round = 0
while true {
    for address in addresses {
        guard var change = next[address] else { continue }
        try await store.append(change)
        FileHandle.standardOutput.write(Data("ack \(address) \(change.timestamp)\n".utf8))
        store.recordCheck(address: address, outcome: ProbeOutcome(
            startedAt: Double(change.timestamp), healthy: change.state == .up, latency: 0.001, failureReason: "simulated"))
        try await store.flushChecks()
        change.state = change.state.flipped
        change.timestamp += Int64.random(in: 1...3)
        next[address] = change
    }
    round += 1
}
