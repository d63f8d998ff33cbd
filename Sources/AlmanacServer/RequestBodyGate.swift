import NIOCore
import NIOHTTP1

/// Decides what happens to a request body the server may not read, on one HTTP/1.1 connection.
///
/// - `Expect: 100-continue`: the client holds the body back until told to send it. When the responder is about to
///   read the body it sends `BodyWanted` (an outbound user event) and the gate answers `100 Continue` at once; a
///   request refused before that gets its final status without the body ever being sent (RFC 9110 §10.1.1).
/// - A final response that goes out while the body is still unread: a small remainder is left for Hummingbird to
///   read and discard, keeping the connection; otherwise (a large or unknown remainder, or a client still waiting
///   for 100 Continue) the response says `Connection: close` and the connection is closed after it, so a refused
///   100 MB upload is not read to its end (RFC 9112 §9.6, RFC 9110 §15.5.14).
/// - Closing is lingering: the write side is shut first, so a client still sending sees the response and a clean
///   end rather than a reset; what it sends meanwhile is dropped, and the socket is closed after `linger`.
/// - A body that has been asked for must arrive in full within `bodyTimeout`, however slowly it trickles.
///
/// Sits between NIO's HTTP/1 decoder and Hummingbird's HTTP types codec (see `AlmanacHTTP1Channel`), where the
/// HTTP version and the framing headers are still visible.
final class RequestBodyGate: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The responder is about to read the body of the request it is answering.
    struct BodyWanted: Sendable {}

    struct Settings: Sendable {
        /// Largest unread remainder of a refused request's body that is still read and discarded to keep the
        /// connection open; past it the connection is closed instead.
        var drainLimit = 64 * 1024
        /// How long a closing connection keeps dropping what the client still sends before it is closed.
        var linger: TimeAmount = .seconds(2)
        /// Longest time a body may take to arrive once the server asked for it; nil for no limit.
        var bodyTimeout: TimeAmount?
    }

    /// One request read but not yet answered. Several exist only when a client pipelines requests.
    private struct Exchange {
        /// Sent `Expect: 100-continue` and has not yet been told to go on.
        var waitsForContinue: Bool
        /// The declared Content-Length; nil for a chunked body, whose size is unknown until it ends.
        var declaredLength: Int?
        var received = 0
        var complete = false

        init(_ head: HTTPRequestHead) {
            // An HTTP/1.0 client cannot understand 100 Continue; its expectation is ignored (RFC 9110 §10.1.1).
            let speaks11 = head.version.major > 1 || (head.version.major == 1 && head.version.minor >= 1)
            waitsForContinue = speaks11 && head.headers["expect"].contains {
                $0.trimmingCharacters(in: .whitespaces).lowercased() == "100-continue"
            }
            if head.headers["transfer-encoding"].isEmpty {
                declaredLength = head.headers["content-length"].first.flatMap { Int($0) } ?? 0
            } else {
                declaredLength = nil
            }
        }

        var hasBodyToCome: Bool { !complete && declaredLength != 0 }
    }

    private let settings: Settings
    private var exchanges: [Exchange] = []
    private var closeAfterResponse = false
    private var discarding = false
    private var lingerTimer: Scheduled<Void>?
    private var bodyTimer: Scheduled<Void>?

    init(settings: Settings) {
        self.settings = settings
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // After a refusal the connection is closing: nothing more is handed on.
        guard !discarding else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            let exchange = Exchange(head)
            exchanges.append(exchange)
            if exchange.hasBodyToCome && !exchange.waitsForContinue { startBodyTimer(context) }
        case .body(let buffer):
            // A client that sends without waiting for 100 Continue (curl does after a second) no longer waits.
            if !exchanges.isEmpty {
                exchanges[exchanges.count - 1].received += buffer.readableBytes
                exchanges[exchanges.count - 1].waitsForContinue = false
            }
        case .end:
            if !exchanges.isEmpty {
                exchanges[exchanges.count - 1].complete = true
                exchanges[exchanges.count - 1].waitsForContinue = false
            }
            bodyTimer?.cancel()
            bodyTimer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where !head.isInformational:
            if !head.isKeepAlive || exchanges.first.map(mustClose(before:)) == true {
                closeAfterResponse = true
                head.headers.replaceOrAdd(name: "connection", value: "close")
                context.write(wrapOutboundOut(.head(head)), promise: promise)
            } else {
                context.write(data, promise: promise)
            }
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            if !exchanges.isEmpty { exchanges.removeFirst() }
            guard closeAfterResponse else {
                context.write(data, promise: promise)
                return
            }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in self.closeLingering(context) }
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is BodyWanted else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        if !exchanges.isEmpty, exchanges[0].waitsForContinue {
            exchanges[0].waitsForContinue = false
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))),
                                  promise: nil)
            if exchanges[0].hasBodyToCome { startBodyTimer(context) }
        }
        promise?.succeed(())
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The client finished sending while we linger: nothing more can come, so close now.
        if discarding, case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        lingerTimer?.cancel()
        bodyTimer?.cancel()
    }

    /// True when answering now leaves a body that would either never come (the client waits for 100 Continue) or
    /// cost too much to read and discard.
    private func mustClose(before exchange: Exchange) -> Bool {
        guard !exchange.complete else { return false }
        if exchange.waitsForContinue { return true }
        guard let declared = exchange.declaredLength else { return true }
        return declared - exchange.received > settings.drainLimit
    }

    private func closeLingering(_ context: ChannelHandlerContext) {
        guard !discarding else { return }
        discarding = true
        bodyTimer?.cancel()
        context.close(mode: .output, promise: nil)
        lingerTimer = context.eventLoop.assumeIsolated().scheduleTask(in: settings.linger) {
            context.close(promise: nil)
        }
    }

    private func startBodyTimer(_ context: ChannelHandlerContext) {
        guard let timeout = settings.bodyTimeout else { return }
        bodyTimer?.cancel()
        bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            context.close(promise: nil)
        }
    }
}

extension HTTPResponseHead {
    /// 1xx other than 101: an interim response, followed by the final one for the same request.
    fileprivate var isInformational: Bool {
        (100..<200).contains(status.code) && status != .switchingProtocols
    }
}
