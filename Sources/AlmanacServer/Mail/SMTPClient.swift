import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Hands messages to a mail relay: one SMTP session per message (greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA,
/// QUIT). A new session per message keeps the client stateless; iMIP volume is a handful of messages per change.
/// Spec: RFC 5321 §3.3 (mail transaction), §4.1.1 (commands), §4.5.2 (transparency); RFC 3207 (STARTTLS);
/// RFC 4954 (AUTH), RFC 4616 (PLAIN); RFC 6152 (8BITMIME).
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    /// Runs the reply deadlines (`commandTimeout`, `dataTimeout`).
    private let timer: SMTPDeadlineTimer

    public init(configuration: SMTPConfiguration,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                timer: SMTPDeadlineTimer = .eventLoop) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.timer = timer
    }

    /// Delivers `message` (a complete RFC 5322 message) from `sender` to every address in `recipients` (bare
    /// addresses). All or nothing: if the relay refuses any recipient the transaction is abandoned. Returns the
    /// relay's reply to the message data (it usually names the relay's queue id, useful in logs).
    @discardableResult
    public func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(SMTPError) -> SMTPReply {
        for address in [sender] + recipients where !Self.isValidEnvelopeAddress(address) {
            throw .invalidAddress(address)
        }
        guard !recipients.isEmpty else { throw .invalidAddress("") }
        if configuration.authenticates && configuration.security == .none && !configuration.allowInsecureAuthentication {
            throw .insecureAuthenticationRefused
        }
        let tlsContext = try makeTLSContext()
        let channel = try await connect(tlsContext: configuration.security == .tls ? tlsContext : nil)
        do {
            return try await channel.executeThenClose { inbound, outbound in
                let session = SMTPSession(channel: channel.channel, inbound: inbound, outbound: outbound,
                                          isEncrypted: configuration.security == .tls, timer: timer)
                return try await converse(session, tlsContext: tlsContext, sender: sender, recipients: recipients,
                                          message: message)
            }
        } catch {
            throw SMTPSession.map(error)
        }
    }

    private func converse(_ session: SMTPSession, tlsContext: NIOSSLContext?, sender: String, recipients: [String],
                          message: [UInt8]) async throws(SMTPError) -> SMTPReply {
        let timeout = configuration.commandTimeout
        let greeting = try await session.readReply(timeout: timeout, waitingFor: "the greeting")
        guard greeting.code == 220 else { throw .sessionRefused(command: "greeting", reply: greeting) }
        var extensions = try await hello(session)

        if configuration.security == .starttls {
            // Never fall back to plain text: an attacker on the path can strip STARTTLS from the EHLO reply.
            guard extensions.has("STARTTLS"), let tlsContext else { throw .startTLSUnavailable }
            let reply = try await session.command("STARTTLS", timeout: timeout, waitingFor: "the reply to STARTTLS")
            guard reply.code == 220 else { throw .sessionRefused(command: "STARTTLS", reply: reply) }
            try await session.startTLS(context: tlsContext, serverHostname: serverHostname)
            // What the relay said before TLS is forgotten (RFC 3207 §4.2): ask again.
            extensions = try await hello(session)
        }

        do {
            if configuration.authenticates { try await authenticate(session, extensions: extensions) }
            return try await transaction(session, extensions: extensions, sender: sender, recipients: recipients,
                                         message: message)
        } catch {
            if case .rejected = error { await session.quit(timeout: timeout) }
            if case .sessionRefused = error { await session.quit(timeout: timeout) }
            throw error
        }
    }

    /// EHLO, or HELO when the relay does not know EHLO (then it has no extensions, RFC 5321 §4.1.4).
    private func hello(_ session: SMTPSession) async throws(SMTPError) -> SMTPExtensions {
        let timeout = configuration.commandTimeout
        let reply = try await session.command("EHLO " + configuration.heloName, timeout: timeout,
                                              waitingFor: "the reply to EHLO")
        if reply.code == 250 { return SMTPExtensions(ehloReply: reply) }
        guard reply.isPermanentFailure else { throw .sessionRefused(command: "EHLO", reply: reply) }
        let helo = try await session.command("HELO " + configuration.heloName, timeout: timeout,
                                             waitingFor: "the reply to HELO")
        guard helo.code == 250 else { throw .sessionRefused(command: "HELO", reply: helo) }
        return SMTPExtensions(ehloReply: nil)
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN. The credentials never appear in an error or log.
    private func authenticate(_ session: SMTPSession, extensions: SMTPExtensions) async throws(SMTPError) {
        guard session.isEncrypted || configuration.allowInsecureAuthentication else {
            throw .insecureAuthenticationRefused
        }
        let username = configuration.username ?? "", password = configuration.password ?? ""
        let timeout = configuration.commandTimeout
        let mechanisms = extensions.authMechanisms
        let final: SMTPReply
        if mechanisms.contains("PLAIN") {
            let token = Self.base64([0] + Array(username.utf8) + [0] + Array(password.utf8))
            var reply = try await session.command("AUTH PLAIN " + token, timeout: timeout, waitingFor: "the reply to AUTH")
            if reply.code == 334 {
                // A relay that ignores the initial response asks for it with an empty challenge.
                reply = try await session.command(token, timeout: timeout, waitingFor: "the reply to AUTH")
            }
            final = reply
        } else if mechanisms.contains("LOGIN") {
            let start = try await session.command("AUTH LOGIN", timeout: timeout, waitingFor: "the reply to AUTH")
            guard start.code == 334 else { throw .sessionRefused(command: "AUTH LOGIN", reply: start) }
            let user = try await session.command(Self.base64(Array(username.utf8)), timeout: timeout,
                                                 waitingFor: "the reply to the user name")
            guard user.code == 334 else { throw .sessionRefused(command: "AUTH LOGIN", reply: user) }
            final = try await session.command(Self.base64(Array(password.utf8)), timeout: timeout,
                                              waitingFor: "the reply to AUTH")
        } else {
            throw .authenticationUnavailable
        }
        guard final.code == 235 else { throw .sessionRefused(command: "AUTH", reply: final) }
    }

    private func transaction(_ session: SMTPSession, extensions: SMTPExtensions, sender: String, recipients: [String],
                             message: [UInt8]) async throws(SMTPError) -> SMTPReply {
        let timeout = configuration.commandTimeout
        var mailFrom = "MAIL FROM:<" + sender + ">"
        if SMTPMessageData.needs8Bit(message) && extensions.has("8BITMIME") { mailFrom += " BODY=8BITMIME" }
        let mail = try await session.command(mailFrom, timeout: timeout, waitingFor: "the reply to MAIL FROM")
        guard mail.code == 250 else { throw .rejected(command: "MAIL FROM", reply: mail) }
        for recipient in recipients {
            let rcpt = try await session.command("RCPT TO:<" + recipient + ">", timeout: timeout,
                                                 waitingFor: "the reply to RCPT TO")
            guard rcpt.code == 250 || rcpt.code == 251 else { throw .rejected(command: "RCPT TO", reply: rcpt) }
        }
        let data = try await session.command("DATA", timeout: timeout, waitingFor: "the reply to DATA")
        guard data.code == 354 else { throw .rejected(command: "DATA", reply: data) }
        try await session.write(SMTPMessageData.encode(message))
        let accepted = try await session.readReply(timeout: configuration.dataTimeout,
                                                   waitingFor: "the reply to the message data")
        guard accepted.code == 250 else { throw .rejected(command: "message data", reply: accepted) }
        await session.quit(timeout: timeout)
        return accepted
    }

    private func connect(tlsContext: NIOSSLContext?) async throws(SMTPError) -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let hostname = serverHostname
        do {
            return try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tlsContext {
                            let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: hostname)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPSession.map(error)
        }
    }

    private func makeTLSContext() throws(SMTPError) -> NIOSSLContext? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch configuration.certificateVerification {
        case .system: break
        case .trustRootsPEMFile(let path): tls.trustRoots = .file(path)
        case .none: tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw .tls("cannot set up TLS: \(error)")
        }
    }

    /// The name for SNI and certificate checks; nil for an IP address, which NIOSSL then checks against the
    /// certificate's IP entries (SNI must not carry an address, RFC 6066 §3).
    private var serverHostname: String? {
        let host = configuration.host
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }

    /// No line breaks, spaces, angle brackets or controls: the address goes verbatim into MAIL FROM / RCPT TO.
    static func isValidEnvelopeAddress(_ address: String) -> Bool {
        !address.isEmpty && address.utf8.count <= 254 && address.contains("@")
            && address.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
