import ICalendar

/// What counts as a change an attendee must hear about, in one place.
///
/// RFC 5546 §2.1.4 makes the organizer bump SEQUENCE for changes that affect the attendees' participation and
/// RFC 6638 §3.2.10 lets the server keep the Schedule-Tag when only participation changed, but neither lists the
/// properties. The choice here is an allow-list, so that re-saving an event, touching DTSTAMP, LAST-MODIFIED,
/// SEQUENCE, alarms, TRANSP, X- properties or the PARTSTAT family never sends invitations (no invitation storm):
/// - time: DTSTART, DTEND, DURATION, DUE, RRULE, RDATE, EXRULE (a change resets every attendee's PARTSTAT);
/// - content: the time properties plus EXDATE, RECURRENCE-ID, SUMMARY, LOCATION, DESCRIPTION, STATUS, CONFERENCE,
///   URL, ATTACH, CLASS, GEO, RESOURCES;
/// - attendees: the set of ATTENDEE addresses (compared separately: an added attendee is told through its own
///   REQUEST and does not make the organizer re-invite everybody).
enum SignificantChange {
    static let timeProperties: [PropertyName] = [.dtstart, .dtend, .duration, .due, .rrule, .rdate, .exrule]
    static let contentProperties: [PropertyName] = timeProperties + [
        .exdate, .recurrenceID, .summary, .location, .description, .status, .conference, .url, .attach, .class, .geo,
        .resources,
    ]

    /// Whether DTSTART, DTEND, DURATION, DUE or the recurrence rule changed.
    static func timeChanged(_ old: Component, _ new: Component) -> Bool {
        canonical(old, timeProperties) != canonical(new, timeProperties)
    }

    /// Whether anything an attendee sees changed, apart from who attends. With `ignoringExdates`, EXDATE is left
    /// out (the caller compares removed instances itself, since they become CANCELs).
    static func contentChanged(_ old: Component, _ new: Component, ignoringExdates: Bool = false) -> Bool {
        let names = ignoringExdates ? contentProperties.filter { $0 != .exdate } : contentProperties
        return canonical(old, names) != canonical(new, names)
    }

    static func attendeesChanged(_ old: Component, _ new: Component) -> Bool {
        Set(old.attendeeAddresses) != Set(new.attendeeAddresses)
    }

    /// Content or attendee set: what makes a copy's Schedule-Tag change (RFC 6638 §3.2.10).
    static func isSignificant(_ old: Component, _ new: Component) -> Bool {
        contentChanged(old, new) || attendeesChanged(old, new)
    }

    /// The properties with those names, compared as iCalendar means them (order, case, escaping and the
    /// spelling of dates do not matter).
    private static func canonical(_ component: Component, _ names: [PropertyName]) -> String {
        let kept = component.properties.filter { names.contains($0.name) }
        return Component(name: component.name, properties: kept).canonicalForm
    }
}
