import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A fake SMTP relay for tests: listens on 127.0.0.1 (an ephemeral port, or a given one to come back after `stop()`),
/// speaks enough RFC 5321 / 3207 / 4954 to accept mail, records what it received, and answers scripted failures.
/// Bounded: a reply or data buffer past 1 MiB closes the connection.
final class MailFakeRelay: Sendable {
    struct Delivery: Sendable, Hashable {
        var from: String
        var to: [String]
        /// The message as sent after DATA, dot-stuffing undone, without the terminating `.` line.
        var data: [UInt8]
        /// The bytes on the wire after DATA, with the terminating `.` line.
        var raw: [UInt8]
        var overTLS: Bool
    }

    struct Script: Sendable {
        /// Offer STARTTLS with this context (the test certificate).
        var startTLS: NIOSSLContext?
        /// TLS from the first byte with this context.
        var implicitTLS: NIOSSLContext?
        var authMechanisms: [String] = []
        /// Accepted credentials; others get 535.
        var credentials: (user: String, password: String)?
        /// Answer EHLO with 502 so the client must fall back to HELO.
        var rejectEHLO = false
        /// Never answer anything, not even the greeting.
        var silent = false
        /// Replies to the end of DATA, used up one per message; then `250`.
        var dataReplies: [String] = []
        /// Replies to RCPT TO, used up one per recipient; then `250`.
        var rcptReplies: [String] = []
    }

    struct Record: Sendable {
        var deliveries: [Delivery] = []
        /// Every command line received, in order (AUTH payloads included, which is the point of recording them).
        var commands: [String] = []
        var authentications: [String] = []
        var sessions = 0
    }

    let state = Mutex<(script: Script, record: Record)>((Script(), Record()))
    private let server = Mutex<(any Channel)?>(nil)
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    var script: Script {
        get { state.withLock { $0.script } }
        set { state.withLock { $0.script = newValue } }
    }

    var record: Record { state.withLock { $0.record } }

    /// The port it listens on (kept across `stop()` so `start(port:)` can come back there).
    private(set) var port: Int {
        get { portBox.withLock { $0 } }
        set { portBox.withLock { $0 = newValue } }
    }
    private let portBox = Mutex(0)

    init(script: Script = Script()) async throws {
        self.script = script
        try await start(port: 0)
    }

    func start(port: Int) async throws {
        let relay = self
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let implicit = relay.script.implicitTLS
                    if let implicit {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicit))
                    }
                    try channel.pipeline.syncOperations.addHandler(FakeRelayHandler(relay: relay, overTLS: implicit != nil))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        self.port = channel.localAddress?.port ?? port
        server.withLock { $0 = channel }
    }

    /// Stops listening; connections then fail with "connection refused" until `start(port:)`.
    func stop() async throws {
        let channel = server.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try await channel?.close()
    }
}

/// One relay connection: a line-based state machine on the event loop.
private final class FakeRelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let relay: MailFakeRelay
    private var buffer: [UInt8] = []
    private var overTLS: Bool
    private var mailFrom: String?
    private var recipients: [String] = []
    private enum Mode { case command, data, authLoginUser, authLoginPassword(user: String) }
    private var mode = Mode.command

    init(relay: MailFakeRelay, overTLS: Bool) {
        self.relay = relay
        self.overTLS = overTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        let silent = relay.state.withLock { state in
            state.record.sessions += 1
            return state.script.silent
        }
        if !silent { reply(context, "220 fake.relay ESMTP ready") }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer += unwrapInboundIn(data).readableBytesView
        guard buffer.count < 1 << 20 else { return context.close(promise: nil) }
        if relay.script.silent { return }
        if case .data = mode { return readData(context) }
        while let newline = buffer.firstIndex(of: 0x0A) {
            let end = newline > 0 && buffer[newline - 1] == 0x0D ? newline - 1 : newline
            let line = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeSubrange(...newline)
            handle(line, context)
            if case .data = mode { return readData(context) }
        }
    }

    private func handle(_ line: String, _ context: ChannelHandlerContext) {
        relay.state.withLock { $0.record.commands.append(line) }
        let script = relay.script
        switch mode {
        case .authLoginUser:
            mode = .authLoginPassword(user: decode(line))
            return reply(context, "334 UGFzc3dvcmQ6")
        case .authLoginPassword(let user):
            mode = .command
            return authenticate(user: user, password: decode(line), context)
        case .command, .data: break
        }
        let upper = line.uppercased()
        if upper.hasPrefix("EHLO ") {
            if script.rejectEHLO { return reply(context, "502 5.5.1 EHLO not implemented") }
            var lines = ["250-fake.relay greets you", "250-8BITMIME"]
            if script.startTLS != nil && !overTLS { lines.append("250-STARTTLS") }
            if !script.authMechanisms.isEmpty { lines.append("250-AUTH " + script.authMechanisms.joined(separator: " ")) }
            lines.append("250 SIZE 10000000")
            reply(context, lines.joined(separator: "\r\n"))
        } else if upper.hasPrefix("HELO ") {
            reply(context, "250 fake.relay")
        } else if upper == "STARTTLS", let tls = script.startTLS, !overTLS {
            reply(context, "220 2.0.0 go ahead")
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                overTLS = true
            } catch {
                context.close(promise: nil)
            }
        } else if upper.hasPrefix("AUTH PLAIN ") {
            let parts = decodeBytes(String(line.dropFirst("AUTH PLAIN ".count))).split(separator: 0, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return reply(context, "501 5.5.2 bad PLAIN") }
            authenticate(user: String(decoding: parts[1], as: UTF8.self), password: String(decoding: parts[2], as: UTF8.self), context)
        } else if upper == "AUTH LOGIN" {
            mode = .authLoginUser
            reply(context, "334 VXNlcm5hbWU6")
        } else if upper.hasPrefix("MAIL FROM:") {
            mailFrom = Self.address(line.dropFirst("MAIL FROM:".count))
            recipients = []
            reply(context, "250 2.1.0 OK")
        } else if upper.hasPrefix("RCPT TO:") {
            let scripted = relay.state.withLock { state in state.script.rcptReplies.isEmpty ? nil : state.script.rcptReplies.removeFirst() }
            if let scripted { return reply(context, scripted) }
            recipients.append(Self.address(line.dropFirst("RCPT TO:".count)))
            reply(context, "250 2.1.5 OK")
        } else if upper == "DATA" {
            guard mailFrom != nil, !recipients.isEmpty else { return reply(context, "503 5.5.1 no recipients") }
            mode = .data
            reply(context, "354 end with <CRLF>.<CRLF>")
        } else if upper == "RSET" || upper == "NOOP" {
            reply(context, "250 OK")
        } else if upper == "QUIT" {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 bye\r\n"))).whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            reply(context, "500 5.5.2 unknown command")
        }
    }

    /// Waits for the `.` line, then records the message (unless a scripted failure answers instead).
    private func readData(_ context: ChannelHandlerContext) {
        // A CRLF in front lets an empty message (just `.` CRLF) match the same terminator.
        let search: [UInt8] = [0x0D, 0x0A] + buffer
        guard let range = search.firstRange(of: Array("\r\n.\r\n".utf8)) else { return }
        let content = Array(buffer[..<range.lowerBound])  // up to and including the last line's CRLF
        let raw = Array(buffer[..<(range.upperBound - 2)])
        buffer.removeSubrange(..<(range.upperBound - 2))
        mode = .command
        var data: [UInt8] = []
        var atLineStart = true
        for byte in content {
            if atLineStart && byte == UInt8(ascii: ".") {
                atLineStart = false
                continue
            }
            data.append(byte)
            atLineStart = byte == 0x0A
        }
        let delivery = MailFakeRelay.Delivery(from: mailFrom ?? "", to: recipients, data: data, raw: raw, overTLS: overTLS)
        let (scripted, count) = relay.state.withLock { state -> (String?, Int) in
            if !state.script.dataReplies.isEmpty { return (state.script.dataReplies.removeFirst(), 0) }
            state.record.deliveries.append(delivery)
            return (nil, state.record.deliveries.count)
        }
        mailFrom = nil
        recipients = []
        reply(context, scripted ?? "250 2.0.0 OK queued as \(count)")
        if !buffer.isEmpty { channelRead(context: context, data: NIOAny(ByteBuffer())) }
    }

    private func authenticate(user: String, password: String, _ context: ChannelHandlerContext) {
        relay.state.withLock { $0.record.authentications.append(user + ":" + password) }
        if let credentials = relay.script.credentials, credentials == (user, password) {
            reply(context, "235 2.7.0 Authentication successful")
        } else {
            reply(context, "535 5.7.8 Authentication credentials invalid")
        }
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    private func decodeBytes(_ base64: String) -> [UInt8] { Data(base64Encoded: base64).map(Array.init) ?? [] }
    private func decode(_ base64: String) -> String { String(decoding: decodeBytes(base64), as: UTF8.self) }

    private static func address(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "<" }.prefix { $0 != ">" })
    }
}
