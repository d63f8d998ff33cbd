import CalendarStore
import Foundation
import ITIP

/// The e-mail that proves a person holds an address: a new account's, or the new address of an existing one. It
/// carries the code, and a link to the confirmation page when the server knows its public URL. Queued in the same
/// durable mail queue as invitations, from the server's own sender address (never the person's: the address is not
/// yet proven, and a relay would refuse a foreign sender).
public struct VerificationMail: Sendable, Hashable {
    /// Why the address is being confirmed; it changes only the wording.
    public enum Reason: Sendable, Hashable {
        case newAccount
        case changedAddress
    }

    /// The envelope sender and From address.
    public let sender: String
    /// The confirmation page, `https://cal.example.com/account/verify`, or nil when the server has no public URL
    /// (the message then carries the code alone, for an app to send to `POST /api/v1/accounts/verify`).
    public let pageURL: String?

    public init(sender: String, pageURL: String?) {
        self.sender = sender
        self.pageURL = pageURL
    }

    /// The message to `address` for `user`, carrying `code`.
    func message(code: String, to address: String, for user: User, reason: Reason, now: Int64) -> NewOutgoingMessage {
        let greeting = user.displayName.isEmpty ? user.name : user.displayName
        let subject: String
        var text = "Hello \(greeting),\n\n"
        switch reason {
        case .newAccount:
            subject = "Confirm your Almanac account"
            text += "someone, hopefully you, made the calendar account '\(user.name)' with this address. "
                + "Confirm the address to start using it.\n\n"
        case .changedAddress:
            subject = "Confirm your new e-mail address"
            text += "the calendar account '\(user.name)' asked to use this address from now on. "
                + "It takes effect once you confirm it.\n\n"
        }
        if let pageURL {
            text += "Open this link and press Confirm:\n\(pageURL)?code=\(code)\n\n"
                + "Or give your app this code:\n\(code)\n\n"
        } else {
            text += "Give your app this code:\n\(code)\n\n"
        }
        text += "The code works once, for 24 hours. If this was not you, ignore this message; nothing changes.\n"
        let domain = sender.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = "\(UUID().uuidString.lowercased())@\(domain)"
        let content = PlainMail.render(from: MailAddress(email: sender, name: "Almanac"),
                                       to: MailAddress(email: address, name: user.displayName), subject: subject,
                                       text: text, messageID: messageID, date: now)
        return NewOutgoingMessage(senderUserID: user.id, envelopeFrom: sender, envelopeTo: address,
                                  messageID: messageID, method: "VERIFY", uid: "email-verification",
                                  content: content)
    }
}
