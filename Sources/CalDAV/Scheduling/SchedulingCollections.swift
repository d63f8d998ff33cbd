import CalendarStore
import DAVXML
import ICalendar

/// The scheduling inbox and outbox of a calendar home, and the calendar properties scheduling reads.
///
/// The inbox is stored as a collection of the home with the reserved slug `inbox` (its items are iTIP messages, so
/// it keeps no UID uniqueness: each item is indexed under its own name); the outbox has no storage, it is only a
/// POST target. Both slugs are reserved: MKCALENDAR cannot take them.
/// Spec: RFC 6638 §2.1 (outbox), §2.2 (inbox), §9.1 (schedule-calendar-transp), §9.2 (schedule-default-calendar-URL).
enum SchedulingCollections {
    static let inboxSlug = "inbox"
    static let outboxSlug = "outbox"
    /// What the inbox holds: scheduling messages of every schedulable component.
    static let inboxComponents = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"]

    static func isReserved(_ slug: String) -> Bool { slug == inboxSlug || slug == outboxSlug }
}

extension CalendarRecord {
    /// True for the user's scheduling inbox (RFC 6638 §2.2).
    var isScheduleInbox: Bool { slug == SchedulingCollections.inboxSlug }

    /// CALDAV:schedule-calendar-transp (RFC 6638 §9.1): whether the calendar's events count as busy time. Opaque
    /// unless the owner set it to transparent.
    var isScheduleTransparent: Bool {
        guard let dead = deadProperty(.calDAV.scheduleCalendarTransp) else { return false }
        return dead.contains("transparent")
    }

    func deadProperty(_ name: XMLName) -> String? {
        deadProperties.first { $0.namespace == name.namespace && $0.name == name.local }?.xml
    }
}

/// Finds and creates a user's scheduling collections.
struct SchedulingMailboxes: Sendable {
    let store: any CalendarStore

    /// The user's inbox, created when missing (users from before scheduling, or whose inbox was never provisioned).
    func inbox(for user: User) async throws(StoreError) -> CalendarRecord {
        if let inbox = try await store.calendar(ownerID: user.id, slug: SchedulingCollections.inboxSlug) { return inbox }
        do {
            return try await store.createCalendar(NewCalendar(
                ownerID: user.id, slug: SchedulingCollections.inboxSlug, displayName: "Inbox",
                supportedComponents: SchedulingCollections.inboxComponents))
        } catch .alreadyExists {
            // Created concurrently by another request.
            guard let inbox = try await store.calendar(ownerID: user.id, slug: SchedulingCollections.inboxSlug) else {
                throw .notFound
            }
            return inbox
        }
    }

    /// The user's calendars that hold events and tasks (everything but the inbox).
    func calendars(of user: User) async throws(StoreError) -> [CalendarRecord] {
        try await store.calendars(ownerID: user.id).filter { !$0.isScheduleInbox }
    }

    /// Where an incoming invitation of `componentType` goes when the user has no copy yet: the calendar the inbox's
    /// schedule-default-calendar-URL names if it takes the component, else the first calendar (by order) that does.
    /// Spec: RFC 6638 §9.2.
    func defaultCalendar(for user: User, componentType: String, hrefs: Hrefs) async throws(StoreError)
        -> CalendarRecord? {
        let calendars = try await calendars(of: user).filter { $0.supportedComponents.contains(componentType) }
        let inbox = try await inbox(for: user)
        if let chosen = inbox.deadProperty(.calDAV.scheduleDefaultCalendarURL),
           let element = try? XMLDocumentParser.parse(Array(chosen.utf8)),
           let href = element.first(.dav.href)?.text,
           case .calendar(user.name, let slug)? = hrefs.path(of: href),
           let calendar = calendars.first(where: { $0.slug == slug }) {
            return calendar
        }
        return calendars.first
    }
}
