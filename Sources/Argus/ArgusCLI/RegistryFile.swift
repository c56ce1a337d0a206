import ArgusProof
import Foundation

/// Reads a cluster registry the way every verifying command does: proofs of possession required
/// unless `allowMissingPop` (then a warning), the weighting `quorum` or the registry's default
/// (stake when every member has one, else count), the fraction `fraction` (n/d). Every failure is
/// bad input (exit 2) naming the file or the flag. `warn: false` for a second registry of one command.
func loadRegistry(file: String, allowMissingPop: Bool, quorum: ClusterQuorum.Weighting?, fraction: String,
                  fractionFlag: String = "--fraction", warn: Bool = true) throws -> Registry {
    let text: String
    do {
        text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
        throw CommandFailure(message: "\(file): cannot read: \(error.localizedDescription)")
    }
    guard ClusterQuorum(weighting: .count, fraction: fraction) != nil else {
        throw CommandFailure(message: "\(fractionFlag): expected n/d with 0 < n ≤ d, got \(fraction)")
    }
    if allowMissingPop && warn {
        FileHandle.standardError.write(Data("warning: --allow-missing-pop: a member without a proof of possession can forge a quorum with a rogue key\n".utf8))
    }
    do {
        let parsed = try Registry.parse(json: text, requireProofsOfPossession: !allowMissingPop)
        return try parsed.with(quorum: ClusterQuorum(weighting: quorum ?? parsed.quorum.weighting, fraction: fraction)!)
    } catch {
        throw CommandFailure(message: "\(file): \(error)")
    }
}

/// A file's bytes, or standard input's for `-`.
func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let contents = FileManager.default.contents(atPath: path) else { throw CommandFailure(message: "\(path): cannot read") }
    return contents
}
