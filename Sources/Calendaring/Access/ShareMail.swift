import CalendarStore
import Foundation
import ITIP

/// E-mail telling a sharee that a calendar was shared with them, their role changed, or the share ended, when the
/// server relays mail (SMTP configured): queued in the same durable queue as iMIP invitations. It comes from the
/// configured server sender, else from the calendar's owner; sharees without an e-mail address get the notice in
/// their notification collection only.
public struct ShareMail: Sendable {
    /// The server's own sender address; empty: mail comes from the calendar's owner.
    public let sender: String

    public init(sender: String) {
        self.sender = sender
    }

    /// The message for one notice to `sharee` about `calendar` of `owner`; nil when it cannot be sent (no address).
    func message(for notice: ShareNotice, sharee: User, owner: User, previousRole: CalendarRole?)
        -> NewOutgoingMessage? {
        let from = sender.isEmpty ? owner.email : sender
        guard !sharee.email.isEmpty, !from.isEmpty else { return nil }
        let who = owner.displayName.isEmpty ? owner.name : owner.displayName
        let name = "\"\(notice.calendarName)\""
        let (subject, text): (String, String)
        switch notice.status {
        case .invited:
            subject = "\(who) shared the calendar \(name) with you"
            text = "\(who) shared the calendar \(name) with you (\(Self.describe(notice.role))).\n\n"
                + "Accept or decline it in your calendar app; it appears in your calendar list once you accept.\n"
        case .accepted where previousRole != nil && previousRole != notice.role:
            subject = "Your access to \(name) changed"
            text = "\(who) changed your access to the calendar \(name): \(Self.describe(notice.role)).\n"
        case .accepted:
            subject = "\(who) shared the calendar \(name) with you"
            text = "\(who) shared the calendar \(name) with you (\(Self.describe(notice.role))).\n\n"
                + "It is in your calendar list.\n"
        case .declined:
            return nil
        case .removed:
            subject = "\(who) stopped sharing \(name) with you"
            text = "\(who) stopped sharing the calendar \(name) with you. It is no longer in your calendar list.\n"
        }
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = "\(UUID().uuidString.lowercased())@\(domain)"
        let content = PlainMail.render(from: MailAddress(email: from, name: sender.isEmpty ? who : "Almanac"),
                                       to: MailAddress(email: sharee.email, name: sharee.displayName), subject: subject,
                                       text: text, messageID: messageID, date: Int64(Date().timeIntervalSince1970))
        return NewOutgoingMessage(senderUserID: owner.id, envelopeFrom: from, envelopeTo: sharee.email,
                                  messageID: messageID, method: "NOTICE", uid: notice.uid, content: content)
    }

    static func describe(_ role: CalendarRole) -> String {
        switch role {
        case .freeBusy: "busy times only"
        case .read: "read only"
        case .write: "read and write"
        case .manage: "read, write and share"
        }
    }
}
