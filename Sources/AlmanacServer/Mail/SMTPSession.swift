import NIOCore
import NIOSSL
import Synchronization

/// One SMTP connection, read and written in straight-line async code: commands out, replies in, each reply within a
/// deadline. Used by one task at a time (`SMTPClient.send`), so it is deliberately not Sendable.
/// Spec: RFC 5321 §4.2 (replies), §4.5.3.1.4 and §4.5.3.1.5 (line lengths), §4.5.3.2 (timeouts); RFC 3207 §4.2
/// (STARTTLS, discarding anything received before the handshake).
final class SMTPSession {
    /// A reply line longer than this is a protocol violation (RFC 5321 allows 512 octets; relays add a margin).
    static let maxLineLength = 4_096
    /// More lines than this in one reply is a protocol violation (an EHLO list is a few dozen).
    static let maxReplyLines = 200

    private let channel: any Channel
    private let timer: SMTPDeadlineTimer
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var buffer: [UInt8] = []
    /// True once TLS protects the connection (implicit TLS or after STARTTLS).
    private(set) var isEncrypted: Bool

    init(channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
         outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, isEncrypted: Bool,
         timer: SMTPDeadlineTimer = .eventLoop) {
        self.channel = channel
        self.timer = timer
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.isEncrypted = isEncrypted
    }

    /// Sends one command line (CRLF added) and reads its reply.
    func command(_ line: String, timeout: Duration, waitingFor: String) async throws(SMTPError) -> SMTPReply {
        try await write(Array((line + "\r\n").utf8))
        return try await readReply(timeout: timeout, waitingFor: waitingFor)
    }

    func write(_ bytes: [UInt8]) async throws(SMTPError) {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            // A write fails on a closed channel; the reason it closed (a failed TLS handshake, a reset) ends the
            // inbound stream, so report that instead of the bare "closed".
            do {
                _ = try await inbound.next()
            } catch let cause {
                throw Self.map(cause)
            }
            throw Self.map(error)
        }
    }

    /// The next complete reply. If none arrives within `timeout` the connection is closed and `.timeout` thrown.
    func readReply(timeout: Duration, waitingFor: String) async throws(SMTPError) -> SMTPReply {
        // The inbound stream has no timeout of its own; closing the channel at the deadline ends the read.
        let fired = TimeoutFlag()
        let channel = self.channel
        let cancel = timer.start(timeout, channel) {
            fired.value.store(true, ordering: .sequentiallyConsistent)
            channel.close(promise: nil)
        }
        defer { cancel() }
        var lines: [String] = []
        var code = 0
        while true {
            let line: String
            do {
                line = try await readLine()
            } catch {
                if fired.value.load(ordering: .sequentiallyConsistent) { throw .timeout(waitingFor: waitingFor) }
                throw error
            }
            guard let parsed = SMTPReply.parseLine(Substring(line)) else {
                throw .protocolViolation("not a reply line: '\(line.prefix(100))'")
            }
            guard code == 0 || parsed.code == code else {
                throw .protocolViolation("reply code changed from \(code) to \(parsed.code) within a reply")
            }
            code = parsed.code
            lines.append(parsed.text)
            guard lines.count <= Self.maxReplyLines else { throw .protocolViolation("reply longer than \(Self.maxReplyLines) lines") }
            if !parsed.more { return SMTPReply(code: code, lines: lines) }
        }
    }

    /// Adds TLS under the SMTP conversation after the relay's `220` to STARTTLS. Anything the relay sent after that
    /// reply and before the handshake could have been injected by an attacker, so it is an error (RFC 3207 §6).
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws(SMTPError) {
        guard buffer.isEmpty else { throw .protocolViolation("data received before the TLS handshake") }
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw Self.map(error)
        }
        isEncrypted = true
    }

    /// Ends the session politely; failures do not matter any more.
    func quit(timeout: Duration) async {
        _ = try? await command("QUIT", timeout: timeout, waitingFor: "the reply to QUIT")
    }

    private func readLine() async throws(SMTPError) -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var end = newline
                if end > buffer.startIndex, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            guard buffer.count <= Self.maxLineLength else {
                throw .protocolViolation("reply line longer than \(Self.maxLineLength) bytes")
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await inbound.next()
            } catch {
                throw Self.map(error)
            }
            guard let chunk else { throw .connection("the relay closed the connection") }
            buffer += chunk.readableBytesView
        }
    }

    /// A channel error as an SMTP error: TLS failures named as such, everything else a connection failure.
    static func map(_ error: any Error) -> SMTPError {
        if let error = error as? SMTPError { return error }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(String(describing: error))
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return .timeout(waitingFor: "the connection") }
        return .connection(String(describing: error))
    }
}

/// Set by the deadline timer on the event loop, read by the session's task.
private final class TimeoutFlag: Sendable {
    let value = Atomic<Bool>(false)
}
