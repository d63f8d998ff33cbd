import CalendarStore

/// The scheduling inbox and outbox of a calendar home.
///
/// The inbox is stored as a collection of the home with the reserved slug `inbox` (its items are iTIP messages, so
/// it keeps no UID uniqueness: each item is indexed under its own name); the outbox has no storage, it is only a
/// POST target. Both slugs are reserved: MKCALENDAR cannot take them.
/// Spec: RFC 6638 §2.1 (outbox), §2.2 (inbox).
package enum SchedulingCollections {
    package static let inboxSlug = "inbox"
    package static let outboxSlug = "outbox"
    /// What the inbox holds: scheduling messages of every schedulable component.
    static let inboxComponents = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"]

    static func isReserved(_ slug: String) -> Bool { slug == inboxSlug || slug == outboxSlug }
}

extension CalendarRecord {
    /// True for the user's scheduling inbox (RFC 6638 §2.2).
    package var isScheduleInbox: Bool { slug == SchedulingCollections.inboxSlug }
}
