import CalendarStore
import Foundation
import ICalendar
import ICalendarRecurrence
import ITIP

/// A busy-time lookup posted to the sender's scheduling outbox: one VFREEBUSY REPLY per attendee, in request order.
///
/// Spec: RFC 6638 §5 (POST of a VFREEBUSY REQUEST to the outbox; 200 with CALDAV:schedule-response), §11.3
/// (ORGANIZER must be the outbox owner: CALDAV:organizer-allowed), RFC 5546 §3.3.2–3.3.3 (REQUEST and REPLY),
/// RFC 4791 §7.10 (what counts as busy), RFC 6638 §9.1 (transparent calendars add nothing), RFC 7953 §4 and §7.2.4
/// (the inbox's calendar-availability makes uncovered time BUSY-UNAVAILABLE; events add their busy time on top).
///
/// Recipients: a local user (by `mailto:` e-mail or principal URL) gets `2.0;Success` and their busy time; any other
/// address gets `3.7;Invalid calendar user` — local and remote alike, since this server looks up no free/busy
/// outside itself (RFC 6638 leaves that to the server; the answer then does not hint at whether a remote system
/// exists). A local user's busy time (periods only, nothing else) goes to whoever their choice allows
/// (`FreeBusyVisibility`, else the server's default): everyone, the people they share a calendar with, or nobody;
/// a refused lookup answers `3.8;No authority` and carries no busy time.
package struct OutboxFreeBusy: Sendable {
    let context: SchedulingContext
    let sender: User

    package init(context: SchedulingContext, sender: User) {
        self.context = context
        self.sender = sender
    }

    /// The answer for each recipient of the VFREEBUSY REQUEST `request`, in request order.
    package func respond(to request: Component) async throws(CalendaringError) -> [RecipientResponse] {
        let lookup = try FreeBusyRequest(request, maxRecipients: context.limits.maxAttendeesPerInstance,
                                         context: CalendarZone(database: context.timeZones).timeContext)
        let directory = CalendarUserDirectory(store: context.store, urls: context.urls)
        guard directory.calendarUser(sender).owns(lookup.organizerAddress) else {
            throw .refused(.organizerAllowed,
                           reason: "The ORGANIZER of a free/busy request must be one of your calendar user addresses.")
        }
        let now = Instant(Date.now)
        var entries: [RecipientResponse] = []
        for recipient in lookup.recipients {
            let user = try await context.store { store throws(StoreError) in
                try await CalendarUserDirectory(store: store, urls: context.urls).user(for: recipient.address)
            }
            guard let user else {
                entries.append(RecipientResponse(recipient: recipient.property.value,
                                                 requestStatus: DeliveryStatus.invalidUser.requestStatus))
                continue
            }
            guard try await mayLookUp(user) else {
                entries.append(RecipientResponse(recipient: recipient.property.value,
                                                 requestStatus: DeliveryStatus.noAuthority.requestStatus))
                continue
            }
            let busy = try await busyTime(of: user, from: lookup.start, to: lookup.end)
            entries.append(RecipientResponse(recipient: recipient.property.value, requestStatus: "2.0;Success",
                                             calendarData: Self.reply(busy, to: lookup, for: recipient, now: now)))
        }
        return entries
    }

    /// `user`'s busy time in the window, for a door that asks for it by user rather than by iTIP message (the JSON
    /// API); nil when the user's choice does not let the sender see it.
    package func busyTime(for user: User, from start: Instant, to end: Instant) async throws(CalendaringError)
        -> FreeBusyResult? {
        guard try await mayLookUp(user) else { return nil }
        return try await busyTime(of: user, from: start, to: end)
    }

    /// Whether the sender may see `user`'s busy time: always their own; otherwise as the user chose.
    private func mayLookUp(_ user: User) async throws(CalendaringError) -> Bool {
        guard user.id != sender.id else { return true }
        let visibility = try await context.store { store throws(StoreError) in
            try await store.freeBusyVisibility(userID: user.id)
        } ?? context.limits.defaultFreeBusyVisibility
        switch visibility {
        case .everyone: return true
        case .nobody: return false
        case .sharees:
            // Shared in any role and accepted, directly or through a group.
            return try await context.store { store throws(StoreError) in
                try await store.sharedCalendars(userID: sender.id)
            }.contains { $0.calendar.ownerID == user.id && $0.state == .accepted }
        }
    }

    /// The user's busy time in the window: the free-busy-query answer of each of their opaque calendars (the inbox
    /// is no calendar of theirs here), merged with the busy time their availability implies.
    private func busyTime(of user: User, from start: Instant, to end: Instant) async throws(CalendaringError)
        -> FreeBusyResult {
        let query = FreeBusyQuery(start: start, end: end)
        let (calendars, inbox) = try await context.store { store throws(StoreError) in
            (try await SchedulingMailboxes(store: store).calendars(of: user),
             try await store.calendar(ownerID: user.id, slug: SchedulingCollections.inboxSlug))
        }
        var periods: [FreeBusyPeriod] = []
        for calendar in calendars where !context.preferences.isScheduleTransparent(calendar) {
            let window = query.window
            let stored = try await context.store { store throws(StoreError) in
                try await store.objects(calendarID: calendar.id, componentType: nil, overlapping: window)
            }
            let objects = stored.compactMap { try? ICalendarParser(options: .storedObject).parse($0.data).components.first }
            periods += query.result(for: objects, context: context.zone(of: calendar).timeContext).periods
        }

        // Each calendar's answer is already clipped and merged; one VFREEBUSY holding all of them lets the same
        // calculator merge them across calendars and lay the availability under them (RFC 7953 §4: events add
        // their busy time on top of the unavailable time).
        let merged = FreeBusyCandidate(component: Component(name: .vfreebusy, properties: periods.map(\.property)))
        let availability = inbox.flatMap(context.preferences.availability(of:))
        var timeContext = CalendarZone(database: context.timeZones).timeContext
        if let inbox, let availability {
            timeContext = context.zone(of: inbox).timeContext.resolving(embeddedZonesOf: availability.calendar)
        }
        let calculator = FreeBusyCalculator(context: timeContext, availableExpander: RecurringAvailableExpander())
        if let result = try? calculator.compute(from: start, to: end, candidates: [merged],
                                                availability: availability?.components ?? []) {
            return result
        }
        // The availability was checked when it was set; should it still fail here, the events alone are the answer
        // rather than no answer at all.
        return (try? calculator.compute(from: start, to: end, candidates: [merged]))
            ?? FreeBusyResult(start: start, end: end, periods: [])
    }

    /// The VCALENDAR (METHOD:REPLY) for one recipient: DTSTAMP, the request's UID when it had one, the window,
    /// ORGANIZER and this ATTENDEE as the request wrote them, and the FREEBUSY periods in UTC. Nothing about the
    /// events themselves.
    static func reply(_ busy: FreeBusyResult, to request: FreeBusyRequest, for recipient: FreeBusyRequest.Recipient,
                      now: Instant) -> String {
        var freeBusy = busy.component(dtstamp: now, uid: request.uid)
        let periods = freeBusy.properties.firstIndex { $0.name == .freebusy } ?? freeBusy.properties.endIndex
        freeBusy.properties.insert(contentsOf: [request.organizer, recipient.property], at: periods)
        return Component(name: .vcalendar, properties: [
            Property(name: .version, value: "2.0"),
            Property(name: .prodid, value: FreeBusyQuery.productID),
            Property(name: .method, value: "REPLY"),
        ], components: [freeBusy]).serialized
    }
}
