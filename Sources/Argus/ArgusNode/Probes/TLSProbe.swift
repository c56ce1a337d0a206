import ArgusCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// A TLS handshake with full verification (chain and name) against the system's roots or the
/// check's CA file; reports the leaf certificate's expiry. When verification fails, a second
/// handshake without verification reads the leaf so the reason can say "expired 3 days ago"
/// rather than only that verification failed.
struct TLSProbe: Sendable {
    let group: any EventLoopGroup

    func observe(_ check: TLSCheck, timeout: Double) async -> Observation {
        let deadline = NIODeadline.now() + timeAmount(timeout)
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = check.caFile {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                return .unreachable("cannot read ca_file \(caFile): \(error)")
            }
        }
        let name = check.serverName ?? check.host
        switch await handshake(check, configuration: configuration, serverName: name, deadline: deadline) {
        case let .success(notValidAfter):
            return .tls(TLSAnswer(notValidAfter: notValidAfter))
        case let .failure(reason):
            guard reason.contains("CERTIFICATE_VERIFY_FAILED") else { return .unreachable(reason) }
            // Why it failed: read the leaf without verifying it.
            configuration.certificateVerification = .none
            if case let .success(notValidAfter) = await handshake(check, configuration: configuration, serverName: name, deadline: deadline),
               notValidAfter < Date().timeIntervalSince1970 {
                return .tls(TLSAnswer(notValidAfter: notValidAfter))
            }
            return .unreachable("the certificate chain does not verify (untrusted, or not valid yet)")
        }
    }

    enum Handshake {
        case success(Double)
        case failure(String)
    }

    private func handshake(_ check: TLSCheck, configuration: TLSConfiguration, serverName: String, deadline: NIODeadline) async -> Handshake {
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            return .failure("cannot set up TLS: \(error)")
        }
        // An IP address is not a server name (SNI): the certificate is then matched against
        // the address itself.
        let sni = Self.isIPAddress(serverName) ? nil : serverName
        let remaining = deadline - .now()
        guard remaining > .zero else { return .failure("timed out") }
        // Kept here, not looked up in the pipeline: a peer that refuses the handshake closes the
        // channel, and its handlers leave the pipeline, before we could look.
        let waiter = HandshakeWaiter()
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(remaining)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: sni)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        try channel.pipeline.syncOperations.addHandler(waiter)
                    }
                }
                .connect(host: check.host, port: check.port)
                .get()
            defer { channel.close(promise: nil) }
            let timeout = channel.eventLoop.scheduleTask(deadline: deadline) { waiter.fail(HandshakeTimeout()) }
            defer { timeout.cancel() }
            try await waiter.completed(on: channel.eventLoop).get()
            guard let leaf = try await channel.nioSSL_peerCertificate().get() else { return .failure("no certificate presented") }
            return .success(Double(leaf.notValidAfter))
        } catch is HandshakeTimeout {
            return .failure("timed out")
        } catch let error as ChannelError where error == .connectTimeout(remaining) {
            return .failure("timed out")
        } catch let NIOSSLError.handshakeFailed(error) {
            return .failure("TLS handshake failed: \(error)")
        } catch {
            return .failure("\(error)")
        }
    }

    static func isIPAddress(_ text: String) -> Bool {
        (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }

    struct HandshakeTimeout: Error {}

    /// Completes when the TLS handshake does, or fails with the first error or an early close.
    final class HandshakeWaiter: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = Any
        private var promise: EventLoopPromise<Void>?
        private var result: Result<Void, any Error>?

        func completed(on loop: any EventLoop) -> EventLoopFuture<Void> {
            loop.submit {
                if let result = self.result { return loop.makeCompletedFuture(result) }
                let promise = loop.makePromise(of: Void.self)
                self.promise = promise
                return promise.futureResult
            }.flatMap { $0 }
        }

        /// On the channel's event loop.
        func fail(_ error: any Error) { finish(.failure(error)) }

        private func finish(_ result: Result<Void, any Error>) {
            guard self.result == nil else { return }
            self.result = result
            promise?.completeWith(result)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted = event as? TLSUserEvent { finish(.success(())) }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish(.failure(error))
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(.failure(ChannelError.eof))
            context.fireChannelInactive()
        }
    }
}
