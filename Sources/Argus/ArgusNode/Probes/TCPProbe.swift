import NIOCore
import NIOPosix

/// Healthy iff a TCP connection to `host:port` is accepted within the timeout; it is closed at once.
struct TCPProbe: Sendable {
    let group: any EventLoopGroup

    /// `nil` when healthy, otherwise why not.
    func check(host: String, port: Int, timeout: Double) async -> String? {
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeAmount(timeout))
                .connect(host: host, port: port)
                .get()
            try? await channel.close()
            return nil
        } catch let error as ChannelError where error == .connectTimeout(timeAmount(timeout)) {
            return "timed out after \(timeout)s"
        } catch {
            return "\(error)"
        }
    }
}
