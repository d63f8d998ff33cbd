@testable import AlmanacServer
import Foundation
import Testing

@Suite struct SMTPProtocolTests {
    /// RFC 5321 §4.2: `ddd SP text`, `ddd-text` for a continued reply, `ddd` alone.
    @Test func replyLines() {
        #expect(SMTPReply.parseLine("250 OK")! == (250, false, "OK"))
        #expect(SMTPReply.parseLine("250-STARTTLS")! == (250, true, "STARTTLS"))
        #expect(SMTPReply.parseLine("354")! == (354, false, ""))
        #expect(SMTPReply.parseLine("25 OK") == nil)
        #expect(SMTPReply.parseLine("250_OK") == nil)
        #expect(SMTPReply.parseLine("999 no") == nil)
        #expect(SMTPReply(code: 451, lines: ["busy"]).isTransientFailure)
        #expect(SMTPReply(code: 554, lines: ["no"]).isPermanentFailure)
    }

    /// RFC 5321 §4.1.1.1 extension lines; RFC 4954 §3 AUTH mechanisms, also in the old `AUTH=` form.
    @Test func extensionsFromEHLO() {
        let reply = SMTPReply(code: 250, lines: ["relay.example greets you", "8BITMIME", "starttls", "AUTH PLAIN login",
                                                  "AUTH=XOAUTH2", "SIZE 1000"])
        let extensions = SMTPExtensions(ehloReply: reply)
        #expect(extensions.has("STARTTLS"))
        #expect(extensions.has("8BITMIME"))
        #expect(!extensions.has("SMTPUTF8"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2"])
        #expect(!SMTPExtensions(ehloReply: nil).has("STARTTLS"))
    }

    /// RFC 5321 §4.5.2 transparency and §2.3.8 line ends.
    @Test func messageDataIsDotStuffedWithCRLF() {
        func encode(_ text: String) -> String { String(decoding: SMTPMessageData.encode(Array(text.utf8)), as: UTF8.self) }
        #expect(encode("a\r\n.b\r\n") == "a\r\n..b\r\n.\r\n")
        #expect(encode(".") == "..\r\n.\r\n")
        #expect(encode("x\ny\rz") == "x\r\ny\r\nz\r\n.\r\n")
        #expect(encode("") == ".\r\n")
        #expect(encode("a.b\r\n") == "a.b\r\n.\r\n")
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = MailRetryPolicy(retryBase: .seconds(60), maxRetryDelay: .seconds(3_600), maxAttempts: 5)
        #expect((0...7).map { policy.delay(afterPreviousAttempts: $0) } == [60, 120, 240, 480, 960, 1_920, 3_600, 3_600])
        #expect(policy.delay(afterPreviousAttempts: 10_000) == 3_600)
        #expect(policy.outcome(temporary: true, previousAttempts: 0, now: 100) == .retry(nextAttemptAt: 160))
        #expect(policy.outcome(temporary: true, previousAttempts: 4, now: 100) == .failed)
        #expect(policy.outcome(temporary: false, previousAttempts: 0, now: 100) == .failed)
    }

    @Test func temporaryOrPermanent() {
        let permanent = SMTPReply(code: 550, lines: ["no"]), transient = SMTPReply(code: 451, lines: ["later"])
        #expect(!SMTPError.rejected(command: "RCPT TO", reply: permanent).isTemporary)
        #expect(SMTPError.rejected(command: "DATA", reply: transient).isTemporary)
        #expect(SMTPError.sessionRefused(command: "AUTH", reply: permanent).isTemporary)
        #expect(SMTPError.connection("refused").isTemporary)
        #expect(SMTPError.timeout(waitingFor: "x").isTemporary)
        #expect(!SMTPError.invalidAddress("x").isTemporary)
    }
}

@Suite struct MailDeliveryConfigurationTests {
    @Test func noRelayWithoutSMTPHost() throws {
        let configuration = try ServerConfiguration(dataDirectory: "/tmp", layers: [[.host: "127.0.0.1"]])
        #expect(configuration.mail == nil)
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration(dataDirectory: "/tmp", layers: [[.smtpUsername: "alice"]])
        }
    }

    @Test func readsTheSMTPKeys() throws {
        let file: [ConfigurationKey: String] = [
            .smtpHost: "mail.example.com", .smtpTLS: "tls", .smtpUsername: "cal", .smtpPassword: "pw",
            .smtpFrom: "calendar@example.com", .smtpRetryBase: "30", .smtpMaxAttempts: "5", .smtpPollInterval: "2",
            .baseURL: "https://cal.example.com/dav",
        ]
        let mail = try #require(try ServerConfiguration(dataDirectory: "/tmp", layers: [[.smtpPort: "2465"], file]).mail)
        #expect(mail.smtp.host == "mail.example.com")
        #expect(mail.smtp.port == 2465)
        #expect(mail.smtp.security == .tls)
        #expect(mail.smtp.username == "cal" && mail.smtp.password == "pw")
        #expect(mail.smtp.heloName == "cal.example.com")
        #expect(mail.sender == "calendar@example.com")
        #expect(mail.retryPolicy.retryBase == .seconds(30))
        #expect(mail.retryPolicy.maxAttempts == 5)
        #expect(mail.retryPolicy.pollInterval == .seconds(2))
        #expect(!mail.description.contains("pw"))
    }

    @Test func defaultsToSTARTTLSOnTheSubmissionPort() throws {
        let mail = try #require(try ServerConfiguration(dataDirectory: "/tmp", layers: [[.smtpHost: "mail.example.com"]]).mail)
        #expect(mail.smtp.security == .starttls)
        #expect(mail.smtp.port == 587)
        #expect(mail.smtp.heloName == "localhost")
        #expect(mail.retryPolicy == MailRetryPolicy())
    }

    @Test(arguments: [
        [ConfigurationKey.smtpHost: "m", .smtpTLS: "ssl"],
        [.smtpHost: "m", .smtpTLS: "none", .smtpUsername: "u", .smtpPassword: "p"],
        [.smtpHost: "m", .smtpUsername: "u"],
        [.smtpHost: "m", .smtpMaxAttempts: "0"],
        [.smtpHost: "m", .smtpFrom: "not an address"],
        [.smtpHost: "m", .smtpPasswordFile: "/nonexistent/almanac-smtp-password", .smtpUsername: "u"],
    ])
    func badSettingsAreNamed(_ layer: [ConfigurationKey: String]) {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(dataDirectory: "/tmp", layers: [layer]) }
    }

    @Test func passwordFromAFileWithoutItsLineBreak() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("almanac-smtp-\(UUID().uuidString)").path
        try "s3cret pass\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let layer: [ConfigurationKey: String] = [.smtpHost: "m", .smtpUsername: "u", .smtpPasswordFile: path]
        #expect(try ServerConfiguration(dataDirectory: "/tmp", layers: [layer]).mail?.smtp.password == "s3cret pass")
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration(dataDirectory: "/tmp", layers: [layer.merging([.smtpPassword: "p"]) { a, _ in a }])
        }
    }

    @Test func insecureAuthenticationWhenAllowed() throws {
        let layer: [ConfigurationKey: String] = [.smtpHost: "localhost", .smtpTLS: "none", .smtpUsername: "u",
                                                 .smtpPassword: "p", .smtpAllowInsecureAuth: "true"]
        let mail = try #require(try ServerConfiguration(dataDirectory: "/tmp", layers: [layer]).mail)
        #expect(mail.smtp.allowInsecureAuthentication)
        #expect(mail.smtp.port == 25)
    }
}
