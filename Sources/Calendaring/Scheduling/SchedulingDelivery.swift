import CalendarStore
import Foundation
import ICalendar
import ITIP

/// Delivers iTIP messages: into local users' inboxes and calendars (RFC 6638 §3.2, "internal" delivery), or as
/// queued iMIP e-mail (RFC 6047) to everyone else. Adds the store changes to a `SchedulingPlan`; nothing is written
/// until the plan is committed.
struct SchedulingDelivery: Sendable {
    let context: SchedulingContext
    /// The user whose action causes the delivery (rate limits, the From of e-mail).
    let sender: User

    var directory: CalendarUserDirectory { CalendarUserDirectory(store: context.store, urls: context.urls) }
    var mailboxes: SchedulingMailboxes { SchedulingMailboxes(store: context.store) }

    /// Adds what delivering `message` to `recipient` takes to `plan`.
    func deliver(_ message: ITIPMessage, to recipient: CalendarUserAddress, plan: inout SchedulingPlan)
        async throws(CalendaringError) -> DeliveryStatus {
        let local = try await context.store { store throws(StoreError) in
            try await CalendarUserDirectory(store: store, urls: context.urls).user(for: recipient)
        }
        let status: DeliveryStatus
        if let local {
            status = try await deliverLocally(message, to: local, plan: &plan)
        } else if let email = recipient.email {
            try enqueueMail(message, to: email, plan: &plan)
            status = .sent
        } else {
            status = .invalidUser
        }
        plan.statuses[recipient] = status
        return status
    }

    // MARK: Local users

    private func deliverLocally(_ message: ITIPMessage, to user: User, plan: inout SchedulingPlan)
        async throws(CalendaringError) -> DeliveryStatus {
        try await putInboxItem(message, for: user, plan: &plan)
        let recipient = directory.calendarUser(user)
        let copy = try await existingCopy(uid: message.uid, owner: user)
        let before = try copy.map { record throws(CalendaringError) in try Self.parse(record.data) }
        let application: ITIPApplication
        do {
            application = try ITIP.apply(message, to: before, recipient: recipient)
        } catch {
            throw .scheduling(error)
        }
        switch application {
        case .unchanged:
            return .delivered
        case .remove:
            if let copy { plan.changes.append(.delete(calendarID: copy.calendarID, name: copy.name, ifMatch: copy.etag)) }
            return .delivered
        case .store(let updated, let significant):
            guard try await storeCopy(updated, uid: message.uid, owner: user, existing: copy, significant: significant,
                                      plan: &plan) else { return .notDelivered }
            if message.method == .reply, let before {
                try await organizerCopyChanged(from: before, to: updated, organizer: user, plan: &plan)
            }
            return .delivered
        }
    }

    /// After a REPLY changed the organizer's copy: the other local attendees' copies follow (their PARTSTAT view of
    /// the others, without a new Schedule-Tag), and an attendee the reply added by delegation is invited.
    /// Spec: RFC 6638 §3.2.2 (server updates attendees on REPLY), RFC 5546 §3.2.2.3 (delegation).
    private func organizerCopyChanged(from before: Component, to after: Component, organizer: User,
                                      plan: inout SchedulingPlan) async throws(CalendaringError) {
        let organizerUser = directory.calendarUser(organizer)
        let previous = Set(Self.attendees(of: before))
        for attendee in Self.attendees(of: after) where !organizerUser.owns(attendee) {
            let request: ITIPMessage?
            do {
                request = try ITIP.request(from: after, to: attendee)
            } catch {
                throw .scheduling(error)
            }
            guard let request else { continue }
            let isNew = !previous.contains(attendee)
            let local = try await context.store { store throws(StoreError) in
                try await CalendarUserDirectory(store: store, urls: context.urls).user(for: attendee)
            }
            if let local {
                // The replying attendee's own copy is written by the operation itself.
                if local.id == sender.id { continue }
                if isNew {
                    _ = try await deliverLocally(request, to: local, plan: &plan)
                } else {
                    try await refreshCopy(request, of: local, plan: &plan)
                }
            } else if isNew, let email = attendee.email {
                try enqueueMail(request, to: email, plan: &plan)
            }
        }
    }

    /// Applies an organizer's current state to an attendee's copy without an inbox message (participation status of
    /// the others changed).
    private func refreshCopy(_ request: ITIPMessage, of user: User, plan: inout SchedulingPlan) async throws(CalendaringError) {
        guard let copy = try await existingCopy(uid: request.uid, owner: user) else { return }
        let before = try Self.parse(copy.data)
        let application: ITIPApplication
        do {
            application = try ITIP.apply(request, to: before, recipient: directory.calendarUser(user))
        } catch {
            throw .scheduling(error)
        }
        if case .store(let updated, let significant) = application, updated != before {
            _ = try await storeCopy(updated, uid: request.uid, owner: user, existing: copy, significant: significant,
                                    plan: &plan)
        }
    }

    /// The user's copy of the object with this UID. Inbox items are indexed under their own (random) names, not the
    /// UID of their message (`putInboxItem`), so the lookup by UID finds calendar copies only.
    func existingCopy(uid: String, owner: User) async throws(CalendaringError) -> CalendarObjectRecord? {
        try await context.store { store throws(StoreError) in try await store.objects(ownerID: owner.id, uid: uid) }.first
    }

    /// Writes an attendee's or organizer's copy: in place when it exists, else into their default calendar.
    /// Returns false when the user has no calendar for the component.
    private func storeCopy(_ calendar: Component, uid: String, owner: User, existing: CalendarObjectRecord?,
                           significant: Bool, plan: inout SchedulingPlan) async throws(CalendaringError) -> Bool {
        let type = Self.componentType(of: calendar)
        let target: CalendarRecord?
        if let existing {
            target = try await context.store { store throws(StoreError) in try await store.calendar(id: existing.calendarID) }
        } else {
            target = try await context.store { store throws(StoreError) in
                try await SchedulingMailboxes(store: store).defaultCalendar(for: owner, componentType: type,
                                                                            preferences: context.preferences)
            }
        }
        guard let target else { return false }
        let data = ICalendarSerializer().serialize(calendar)
        var index = context.indexer(for: target).index(ValidatedCalendarObject(calendar: calendar, uid: uid,
                                                                               componentType: type))
        index.scheduleTag = significant || existing?.index.scheduleTag == nil
            ? ScheduleTag.new(for: data) : existing?.index.scheduleTag
        let write = ObjectWrite(name: existing?.name ?? Self.newName(), data: data, index: index,
                                precondition: existing.map { .etagMatches($0.etag) } ?? .mustNotExist)
        plan.changes.append(.put(calendarID: target.id, write))
        return true
    }

    /// The message as an item of the recipient's inbox (RFC 6638 §4.1): its own name, indexed under that name so
    /// several messages about one UID can sit side by side.
    private func putInboxItem(_ message: ITIPMessage, for user: User, plan: inout SchedulingPlan) async throws(CalendaringError) {
        let inbox = try await context.store { store throws(StoreError) in
            try await SchedulingMailboxes(store: store).inbox(for: user)
        }
        let name = Self.newName()
        let data = ICalendarSerializer().serialize(message.calendar)
        var index = context.indexer(for: inbox).index(ValidatedCalendarObject(
            calendar: message.calendar, uid: message.uid, componentType: Self.componentType(of: message.calendar)))
        index.uid = name
        plan.changes.append(.put(calendarID: inbox.id, ObjectWrite(name: name, data: data, index: index,
                                                                   precondition: .mustNotExist)))
    }

    // MARK: E-mail (iMIP, RFC 6047)

    func enqueueMail(_ message: ITIPMessage, to email: String, plan: inout SchedulingPlan) throws(CalendaringError) {
        // With a configured server sender the mail comes from it (relays and DMARC accept it) and the renderer
        // names the acting user in Reply-To; without one it comes from the user.
        let mailSender = context.mailSender
        let senderAddress = mailSender.isEmpty ? sender.email : mailSender
        guard !senderAddress.isEmpty else {
            throw .refused(.originatorAllowed,
                           reason: "Invitations to \(email) go out by e-mail, which needs an e-mail address on your "
                               + "account (or a configured mail sender).")
        }
        let messageID = "\(UUID().uuidString.lowercased())@\(Self.domain(of: senderAddress))"
        let content = IMIPRenderer.render(message, from: MailAddress(email: senderAddress, name: sender.displayName),
                                          to: MailAddress(email: email), messageID: messageID,
                                          date: Int64(Date().timeIntervalSince1970))
        plan.changes.append(.enqueue(NewOutgoingMessage(
            senderUserID: sender.id, envelopeFrom: senderAddress, envelopeTo: email, messageID: messageID,
            method: message.method.rawValue, uid: message.uid, content: content)))
    }

    // MARK: Helpers

    static func parse(_ data: [UInt8]) throws(CalendaringError) -> Component {
        do {
            return try ICalendarParser(options: .lenient).parseCalendar(data)
        } catch {
            throw .refused(.serverFault, reason: "A stored scheduling object could not be read.")
        }
    }

    static func componentType(of calendar: Component) -> String {
        calendar.components.first { $0.name != .vtimezone }?.name.rawValue ?? "VEVENT"
    }

    static func attendees(of calendar: Component) -> [CalendarUserAddress] {
        var seen: [CalendarUserAddress] = []
        for component in calendar.components where component.name != .vtimezone {
            for property in component.properties(.attendee) {
                let address = CalendarUserAddress(property.value)
                if !seen.contains(address) { seen.append(address) }
            }
        }
        return seen
    }

    static func newName() -> String { UUID().uuidString.lowercased() + ".ics" }

    static func domain(of email: String) -> String {
        email.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
