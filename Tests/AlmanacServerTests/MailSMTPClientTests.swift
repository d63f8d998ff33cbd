@testable import AlmanacServer
import Foundation
import NIOSSL
import Synchronization
import Testing

/// The TLS files of the fake relay (test-only, see Fixtures/tls/README.md).
enum MailTestTLS {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/tls/\(name)").path
    }

    static func relayContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(file: path("relay.pem"), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(file: path("relay-key.pem"), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}

/// A message whose lines start with dots, which DATA must stuff (RFC 5321 §4.5.2).
let mailTestMessage = Array(("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: dots\r\n\r\n"
    + "Hello\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n").utf8)

/// Deadlines long enough for a loaded test run (every suite at once, TLS handshakes on two cores): the tests of the
/// deadlines themselves set their own short ones.
func smtpConfiguration(_ relay: MailFakeRelay, security: SMTPConfiguration.Security = .none,
                       username: String? = nil, password: String? = nil, allowInsecure: Bool = false,
                       verification: SMTPConfiguration.CertificateVerification = .trustRootsPEMFile(MailTestTLS.path("ca.pem")))
    -> SMTPConfiguration {
    SMTPConfiguration(host: "127.0.0.1", port: relay.port, security: security, certificateVerification: verification,
                      username: username, password: password, allowInsecureAuthentication: allowInsecure,
                      heloName: "almanac.test", connectTimeout: .seconds(20), commandTimeout: .seconds(20),
                      dataTimeout: .seconds(20))
}

@Suite struct SMTPClientTests {
    @Test func deliversWithDotStuffing() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let reply = try await SMTPClient(configuration: smtpConfiguration(relay))
            .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        #expect(reply.code == 250)
        let delivery = try #require(relay.record.deliveries.first)
        #expect(delivery.from == "alice@example.com")
        #expect(delivery.to == ["bob@example.org"])
        #expect(delivery.data == mailTestMessage)
        let raw = String(decoding: delivery.raw, as: UTF8.self)
        #expect(raw.contains("\r\n..leading dot\r\n...two dots\r\n..\r\nend\r\n.\r\n"))
        #expect(relay.record.commands.first == "EHLO almanac.test")
        #expect(relay.record.commands.last == "QUIT")
        #expect(!relay.record.commands.contains { $0.hasPrefix("AUTH") })
    }

    @Test func fallsBackToHELO() async throws {
        var script = MailFakeRelay.Script()
        script.rejectEHLO = true
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        try await SMTPClient(configuration: smtpConfiguration(relay))
            .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        #expect(relay.record.commands.prefix(2) == ["EHLO almanac.test", "HELO almanac.test"])
        #expect(relay.record.deliveries.count == 1)
    }

    @Test(arguments: [["PLAIN", "LOGIN"], ["LOGIN"]])
    func authenticates(mechanisms: [String]) async throws {
        var script = MailFakeRelay.Script()
        script.authMechanisms = mechanisms
        script.credentials = ("alice", "s3cret pass")
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let configuration = smtpConfiguration(relay, username: "alice", password: "s3cret pass", allowInsecure: true)
        try await SMTPClient(configuration: configuration)
            .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        #expect(relay.record.authentications == ["alice:s3cret pass"])
        #expect(relay.record.commands.contains { $0.hasPrefix("AUTH " + mechanisms[0]) })
        #expect(relay.record.deliveries.count == 1)
    }

    @Test func wrongCredentialsAreASessionRefusalToRetry() async throws {
        var script = MailFakeRelay.Script()
        script.authMechanisms = ["PLAIN"]
        script.credentials = ("alice", "right")
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let client = SMTPClient(configuration: smtpConfiguration(relay, username: "alice", password: "wrong", allowInsecure: true))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        guard case .sessionRefused(command: "AUTH", let reply)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reply.code == 535)
        #expect(error?.isTemporary == true, "a configuration to fix, not a message to drop")
        #expect(relay.record.deliveries.isEmpty)
    }

    @Test func refusesCredentialsOverPlainText() async throws {
        var script = MailFakeRelay.Script()
        script.authMechanisms = ["PLAIN"]
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let client = SMTPClient(configuration: smtpConfiguration(relay, username: "alice", password: "pw"))
        await #expect(throws: SMTPError.insecureAuthenticationRefused) {
            try await client.send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        #expect(relay.record.authentications.isEmpty)
        #expect(throws: ConfigurationError.self) { try smtpConfiguration(relay, username: "alice", password: "pw").validate() }
    }

    @Test func startTLSRequiredButNotOfferedFailsWithoutSendingCredentials() async throws {
        var script = MailFakeRelay.Script()
        script.authMechanisms = ["PLAIN", "LOGIN"]
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let client = SMTPClient(configuration: smtpConfiguration(relay, security: .starttls, username: "alice", password: "pw"))
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await client.send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        #expect(relay.record.commands == ["EHLO almanac.test"], "nothing after the EHLO that lacked STARTTLS")
        #expect(relay.record.deliveries.isEmpty)
    }

    @Test func startTLSThenAuthenticatesAndDeliversEncrypted() async throws {
        var script = MailFakeRelay.Script()
        script.startTLS = try MailTestTLS.relayContext()
        script.authMechanisms = ["PLAIN"]
        script.credentials = ("alice", "pw")
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let client = SMTPClient(configuration: smtpConfiguration(relay, security: .starttls, username: "alice", password: "pw"))
        try await client.send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        #expect(relay.record.commands.prefix(3) == ["EHLO almanac.test", "STARTTLS", "EHLO almanac.test"])
        #expect(relay.record.authentications == ["alice:pw"])
        let delivery = try #require(relay.record.deliveries.first)
        #expect(delivery.overTLS)
        #expect(delivery.data == mailTestMessage)
    }

    @Test func implicitTLS() async throws {
        var script = MailFakeRelay.Script()
        script.implicitTLS = try MailTestTLS.relayContext()
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        try await SMTPClient(configuration: smtpConfiguration(relay, security: .tls))
            .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        #expect(relay.record.deliveries.first?.overTLS == true)
    }

    @Test func anUntrustedCertificateIsATLSError() async throws {
        var script = MailFakeRelay.Script()
        script.startTLS = try MailTestTLS.relayContext()
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let client = SMTPClient(configuration: smtpConfiguration(relay, security: .starttls, verification: .system))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        guard case .tls? = error else { Issue.record("expected a TLS error, got \(String(describing: error))"); return }
        #expect(relay.record.deliveries.isEmpty)
        #expect(!relay.record.commands.contains { $0.hasPrefix("MAIL") }, "no command went out in the clear after STARTTLS")
    }

    @Test func aRefusedRecipientIsPermanent() async throws {
        var script = MailFakeRelay.Script()
        script.rcptReplies = ["550 5.1.1 no such user"]
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: smtpConfiguration(relay))
                .send(from: "alice@example.com", to: ["nobody@example.org"], message: mailTestMessage)
        }
        #expect(error?.isTemporary == false)
        #expect(relay.record.deliveries.isEmpty)
    }

    /// The deadline is passed at once by a test timer: what is checked is what the client does then (closes and
    /// reports a timeout naming what it waited for), not how fast a loaded machine gets there.
    @Test func aSilentRelayTimesOut() async throws {
        var script = MailFakeRelay.Script()
        script.silent = true
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        var configuration = smtpConfiguration(relay)
        configuration.commandTimeout = .milliseconds(300)
        let deadlines = DeadlineLog()
        let expiresAtOnce = SMTPDeadlineTimer { delay, _, expire in
            deadlines.append(delay)
            expire()
            return {}
        }
        await #expect(throws: SMTPError.timeout(waitingFor: "the greeting")) {
            try await SMTPClient(configuration: configuration, timer: expiresAtOnce)
                .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        #expect(deadlines.values == [.milliseconds(300)])
    }

    /// Every reply is awaited under a deadline: the command timeout, and the data timeout for the message itself.
    @Test func eachReplyWaitsUnderItsOwnDeadline() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        var configuration = smtpConfiguration(relay)
        configuration.commandTimeout = .seconds(7)
        configuration.dataTimeout = .seconds(11)
        let deadlines = DeadlineLog()
        let neverExpires = SMTPDeadlineTimer { delay, _, _ in
            deadlines.append(delay)
            return {}
        }
        try await SMTPClient(configuration: configuration, timer: neverExpires)
            .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        // Greeting, EHLO, MAIL, RCPT, DATA, the message data, QUIT.
        #expect(deadlines.values == [.seconds(7), .seconds(7), .seconds(7), .seconds(7), .seconds(7), .seconds(11),
                                     .seconds(7)])
    }

    @Test func aClosedPortIsAConnectionError() async throws {
        let relay = try await MailFakeRelay()
        try await relay.stop()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: smtpConfiguration(relay))
                .send(from: "alice@example.com", to: ["bob@example.org"], message: mailTestMessage)
        }
        guard case .connection? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.isTemporary == true)
    }

    @Test(arguments: ["bob@example.org>\r\nRCPT TO:<evil@example.net", "bob @example.org", "", "no-at-sign"])
    func addressesThatCouldInjectCommandsAreRefused(address: String) async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        await #expect(throws: SMTPError.invalidAddress(address)) {
            try await SMTPClient(configuration: smtpConfiguration(relay))
                .send(from: "alice@example.com", to: [address], message: mailTestMessage)
        }
        #expect(relay.record.sessions == 0)
    }
}

/// The deadlines a test timer was asked for, in order.
final class DeadlineLog: Sendable {
    private let storage = Mutex<[Duration]>([])
    func append(_ delay: Duration) { storage.withLock { $0.append(delay) } }
    var values: [Duration] { storage.withLock { $0 } }
}
