import ArgusCore
import NIOCore
import NIOPosix

/// Connects to `host:port` within the timeout and closes the connection at once.
struct TCPProbe: Sendable {
    let group: any EventLoopGroup

    func observe(host: String, port: Int, timeout: Double) async -> Observation {
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeAmount(timeout))
                .connect(host: host, port: port)
                .get()
            try? await channel.close()
            return .connected
        } catch let error as ChannelError where error == .connectTimeout(timeAmount(timeout)) {
            return .unreachable("timed out after \(timeout)s")
        } catch {
            return .unreachable("\(error)")
        }
    }
}
