#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file that holds a secret (a key, a keystore, a password) so that it is never readable
/// by anyone else, not even for a moment, and never replaces anything: one
/// `open(O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)` — no rename, no chmod after
/// the fact, no following a planted symlink — then the bytes, `fsync`, `close`.
public enum SecretFile {
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Something is already there (a file, or a symlink): nothing was written.
        case exists(String)
        case cannotWrite(String, errno: Int32)

        public var description: String {
            switch self {
            case let .exists(path): "\(path) exists; refusing to overwrite it"
            case let .cannotWrite(path, code): "\(path): cannot write (\(String(cString: strerror(code))))"
            }
        }
    }

    public static func create(atPath path: String, contents: some Collection<UInt8>) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            throw code == EEXIST || code == ELOOP ? .exists(path) : .cannotWrite(path, errno: code)
        }
        let bytes = Array(contents)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress! + written, buffer.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(path)
                throw .cannotWrite(path, errno: code)
            }
            written += result
        }
        let synced = fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard synced else {
            unlink(path)
            throw .cannotWrite(path, errno: code)
        }
    }

    public static func create(atPath path: String, contents: String) throws(Failure) {
        try create(atPath: path, contents: Array(contents.utf8))
    }
}
