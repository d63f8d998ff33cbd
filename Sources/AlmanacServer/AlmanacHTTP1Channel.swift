import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 child channel with `RequestBodyGate` put between NIO's HTTP/1 decoder and Hummingbird's
/// HTTP types codec. Hummingbird's `additionalChannelHandlers` go after that codec, where the HTTP version is gone
/// and the parts are types of a package Almanac does not depend on; the gate needs NIO's own parts.
struct AlmanacHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let gate: RequestBodyGate.Settings

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let gate = self.gate
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RequestBodyGate(settings: gate), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with Almanac's connection rules: the idle timeout (which also bounds a request head or a body that
    /// stops arriving: Hummingbird counts only completed parts as activity) and the request body gate.
    static func almanac(idleTimeout: Duration, bodyTimeout: Duration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            AlmanacHTTP1Channel(
                http1: HTTP1Channel(responder: responder,
                                    configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount(idleTimeout))),
                gate: RequestBodyGate.Settings(bodyTimeout: TimeAmount(bodyTimeout)))
        }
    }
}
