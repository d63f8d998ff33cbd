import CalendarStore
import Calendaring
import DAVXML
import Foundation

/// A share notice as the calendarserver-sharing clients read it: a CS:notification XML document (its resource in
/// the notification collection is `<uid>.xml`), and the CS:notificationtype property that lets a client pick out
/// the notices it handles without fetching them.
///
/// The four roles are told as the two access levels the specification has: read (free/busy and read) and
/// read-write (write and manage).
///
/// Spec: calendarserver-sharing §4 (notification resources), §4.2.1 (notificationtype), §6.15 (invite-notification),
/// §6.22 (invite-reply), §6.24–6.25.
struct NoticeDocument {
    let store: any CalendarStore
    let hrefs: Hrefs

    static func name(of notice: ShareNotice) -> String { notice.uid + ".xml" }

    /// The uid a resource name in the collection stands for.
    static func uid(ofName name: String) -> String? {
        name.hasSuffix(".xml") && name.count > 4 ? String(name.dropLast(4)) : nil
    }

    static func typeElement(of notice: ShareNotice) -> XMLElement {
        switch notice.kind {
        case .invitation:
            XMLElement(.calendarServer.inviteNotification, attributes: [XMLAttribute("shared-type", "calendar")])
        case .reply: XMLElement(.calendarServer.inviteReply)
        }
    }

    static func notificationType(of notice: ShareNotice) -> XMLElement {
        XMLElement(.calendarServer.notificationtype, elements: [typeElement(of: notice)])
    }

    func document(_ notice: ShareNotice) async throws(StoreError) -> XMLElement {
        let calendar = try await store.calendar(id: notice.calendarID)
        let owner = try await store.user(id: notice.ownerID)
        let sharee = try await store.user(id: notice.shareeID)
        // The owner's URL of the calendar; their home when the calendar is gone.
        let hostURL = owner.map { owner in
            calendar.map { hrefs.calendar(owner.name, $0.slug) } ?? hrefs.home(owner.name)
        } ?? hrefs.href(.calendarCollectionRoot)
        let status = XMLElement(Self.statusName(notice.status))
        let host = XMLElement(.calendarServer.hosturl, elements: [XMLElement(.dav.href, text: hostURL)])
        let summary = XMLElement(.calendarServer.summary, text: notice.calendarName)
        var body = Self.typeElement(of: notice)
        switch notice.kind {
        case .invitation:
            var organizer = [XMLElement(.dav.href, text: owner.map { address($0) } ?? "")]
            if let owner { organizer.append(XMLElement(.calendarServer.commonName, text: owner.displayName)) }
            var children = [
                XMLElement(.calendarServer.uid, text: notice.uid),
                XMLElement(.dav.href, text: sharee.map { address($0) } ?? ""),
                status,
                XMLElement(.calendarServer.access, elements: [XMLElement(Self.accessName(notice.role))]),
                host,
                XMLElement(.calendarServer.organizer, elements: organizer),
                summary,
            ]
            if let calendar {
                children.append(PropertyReader.componentProperty(.calDAV.supportedCalendarComponentSet, of: calendar))
            }
            body = XMLElement(body.name, attributes: body.attributes, elements: children)
        case .reply:
            body = XMLElement(body.name, elements: [
                XMLElement(.dav.href, text: sharee.map { address($0) } ?? ""),
                status,
                host,
                XMLElement(.calendarServer.inReplyTo, text: ShareNoticeUIDs.invitation(calendarID: notice.calendarID)),
                summary,
            ])
        }
        return XMLElement(.calendarServer.notification, elements: [
            XMLElement(.calendarServer.dtstamp, text: Self.dtstamp(notice.createdAt)), body,
        ])
    }

    /// The address a sharer or sharee is named by: their `mailto:` when they have an e-mail address, else their
    /// principal URL.
    func address(_ user: User) -> String {
        user.email.isEmpty ? hrefs.principal(user.name) : "mailto:" + user.email
    }

    static func statusName(_ status: ShareNotice.Status) -> XMLName {
        switch status {
        case .invited: .calendarServer.inviteNoresponse
        case .accepted: .calendarServer.inviteAccepted
        case .declined: .calendarServer.inviteDeclined
        case .removed: .calendarServer.inviteDeleted
        }
    }

    static func accessName(_ role: CalendarRole) -> XMLName {
        role >= .write ? .calendarServer.readWrite : .calendarServer.read
    }

    /// UTC, in iCalendar's basic format, as Apple's server writes it.
    static func dtstamp(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
