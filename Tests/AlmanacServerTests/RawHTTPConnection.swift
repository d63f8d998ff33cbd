import Foundation
import NIOCore
import NIOPosix

/// One TCP connection to the server under test, written and read as bytes: for what an HTTP client library hides
/// (interim 100 responses, `Connection: close`, the server closing the connection first).
struct RawHTTPConnection: ~Copyable {
    /// A response head as received: status code and header fields with lower-cased names.
    struct Head {
        var status: Int
        var fields: [(name: String, value: String)]

        func first(_ name: String) -> String? { fields.first { $0.name == name.lowercased() }?.value }
    }

    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var buffered: [UInt8] = []

    /// Connects to 127.0.0.1:`port`, runs `body`, and closes the connection.
    static func with<T: Sendable>(port: Int, _ body: (inout RawHTTPConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = RawHTTPConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&connection)
        }
    }

    private init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
                 outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound
        self.outbound = outbound
    }

    mutating func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// The next response head, or nil when the server closed the connection first.
    mutating func readHead() async throws -> Head? {
        let end = Array("\r\n\r\n".utf8)
        while true {
            if let range = buffered.firstRange(of: end) {
                let text = String(decoding: buffered[..<range.lowerBound], as: UTF8.self)
                buffered.removeSubrange(..<range.upperBound)
                let lines = text.components(separatedBy: "\r\n")
                let status = Int(lines[0].split(separator: " ")[1]) ?? 0
                let fields = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                return Head(status: status, fields: fields)
            }
            guard try await receive() else { return nil }
        }
    }

    /// Exactly `count` body bytes.
    mutating func readBody(count: Int) async throws -> [UInt8] {
        while buffered.count < count {
            guard try await receive() else { break }
        }
        let body = Array(buffered.prefix(count))
        buffered.removeFirst(body.count)
        return body
    }

    /// True once the server has closed the connection (its end of it); reads and drops anything before that.
    mutating func serverCloses() async throws -> Bool {
        do {
            while try await receive() {}
            return true
        } catch let error as ChannelError where error == .ioOnClosedChannel {
            return true
        } catch is NIOConnectionError {
            return true
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            return true
        }
    }

    /// Reads one chunk into the buffer; false at the end of the stream.
    private mutating func receive() async throws -> Bool {
        guard let chunk = try await inbound.next() else { return false }
        buffered.append(contentsOf: chunk.readableBytesView)
        return true
    }
}
