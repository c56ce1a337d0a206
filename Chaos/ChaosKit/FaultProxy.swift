import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP proxy on loopback that injects network faults between two processes, one direction of
/// one link: put one between every node and each of its peers, and between every node and the
/// sequencer, and a test can drop, delay, reset, black-hole or partition (asymmetrically too) any
/// link on command. A fault applies at once, to new and open connections alike.
public final class FaultProxy: Sendable {
    public enum Fault: Sendable, Hashable, CustomStringConvertible {
        /// Bytes pass both ways.
        case pass
        /// New connections are accepted and closed at once; open ones are closed.
        case drop
        /// New connections are accepted and reset (RST); open ones are reset.
        case reset
        /// Connections are accepted and nothing ever comes back: a partition that times out.
        case blackhole
        /// Every chunk waits this many seconds before it is forwarded (a slow link or peer).
        case delay(Double)

        public var description: String {
            switch self {
            case .pass: "pass"
            case .drop: "drop"
            case .reset: "reset"
            case .blackhole: "blackhole"
            case let .delay(seconds): "delay \(seconds)s"
            }
        }
    }

    public let name: String
    let upstreamHost: String
    let upstreamPort: Int
    let group: any EventLoopGroup
    let state = NIOLockedValueBox<State>(State())

    struct State {
        var fault: Fault = .pass
        var server: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
    }

    public init(name: String, upstreamHost: String = "127.0.0.1", upstreamPort: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.name = name
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
        self.group = group
    }

    public var fault: Fault { state.withLockedValue { $0.fault } }

    /// Listens on `port` (0: any free one) on 127.0.0.1; returns the port.
    public func start(port: Int = 0) async throws -> Int {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { [self] inbound in
                inbound.eventLoop.makeCompletedFuture { try self.accept(inbound) }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        state.withLockedValue { $0.server = server }
        return server.localAddress?.port ?? port
    }

    public var port: Int? { state.withLockedValue { $0.server?.localAddress?.port } }

    /// Applies `fault` from now on; a drop or reset also ends the open connections.
    public func set(_ fault: Fault) {
        let open = state.withLockedValue { state -> [any Channel] in
            state.fault = fault
            return Array(state.connections.values)
        }
        switch fault {
        case .drop: for channel in open { channel.close(promise: nil) }
        case .reset: for channel in open { Self.reset(channel) }
        default: break
        }
    }

    public func stop() async {
        let (server, open) = state.withLockedValue { state in (state.server, Array(state.connections.values)) }
        for channel in open { try? await channel.close() }
        try? await server?.close()
    }

    /// Closes with an RST (SO_LINGER 0), not a FIN.
    static func reset(_ channel: any Channel) {
        guard let provider = channel as? any SocketOptionProvider else { return channel.close(promise: nil) }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }

    func accept(_ inbound: any Channel) throws {
        switch fault {
        case .drop:
            inbound.close(promise: nil)
            return
        case .reset:
            Self.reset(inbound)
            return
        default:
            break
        }
        track(inbound)
        try inbound.pipeline.syncOperations.addHandler(Relay(proxy: self, connectsUpstream: true))
    }

    /// Connects `inbound`'s upstream side once `inbound` is active, and starts both reading when
    /// both are. (Reading earlier is lost: the initializer runs before the accepted channel is
    /// active, and a loopback connect can complete before it is, which left a connection made
    /// just after a fault never read: a stall until the client gave up.)
    func connectUpstream(for inbound: any Channel, relay inboundRelay: Relay) {
        ClientBootstrap(group: inbound.eventLoop)
            .channelOption(.autoRead, value: false)
            .channelInitializer { outbound in
                outbound.eventLoop.makeCompletedFuture {
                    let relay = Relay(proxy: self, connectsUpstream: false)
                    relay.partner = inbound
                    inboundRelay.partner = outbound
                    try outbound.pipeline.syncOperations.addHandler(relay)
                }
            }
            .connect(host: upstreamHost, port: upstreamPort)
            .whenComplete { result in
                switch result {
                case let .success(outbound):
                    guard inbound.isActive else { return outbound.close(promise: nil) }
                    self.track(outbound)
                    inbound.read()
                    outbound.read()
                case .failure:
                    Self.reset(inbound)
                }
            }
    }

    func track(_ channel: any Channel) {
        state.withLockedValue { $0.connections[ObjectIdentifier(channel)] = channel }
        channel.closeFuture.whenComplete { _ in _ = self.state.withLockedValue { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) } }
    }

    /// Forwards what one side reads to the other, as the proxy's fault says.
    final class Relay: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let proxy: FaultProxy
        /// The accepted side's relay connects the upstream side when its channel is active.
        let connectsUpstream: Bool
        var partner: (any Channel)?

        init(proxy: FaultProxy, connectsUpstream: Bool) {
            self.proxy = proxy
            self.connectsUpstream = connectsUpstream
        }

        func channelActive(context: ChannelHandlerContext) {
            context.fireChannelActive()
            if connectsUpstream { proxy.connectUpstream(for: context.channel, relay: self) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            guard let partner else { return }
            switch proxy.fault {
            case .pass:
                partner.writeAndFlush(buffer, promise: nil)
            case let .delay(seconds):
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { partner.writeAndFlush(buffer, promise: nil) }
            case .blackhole:
                break
            case .drop:
                context.close(promise: nil)
            case .reset:
                FaultProxy.reset(context.channel)
            }
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            context.read()
        }

        /// The other side is closed too; on a delayed link only after the delay, so that the
        /// chunks still waiting are forwarded first.
        func channelInactive(context: ChannelHandlerContext) {
            guard let partner else { return }
            if case let .delay(seconds) = proxy.fault {
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { partner.close(promise: nil) }
            } else {
                partner.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
