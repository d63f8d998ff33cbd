import ICalendar
import ICalendarRecurrence
import ITIP

/// A VFREEBUSY REQUEST posted to a scheduling outbox, read and checked: who asks, for which window, about whom.
///
/// Spec: RFC 6638 §5 (busy time requests through the outbox) and its POST preconditions
/// (CALDAV:valid-scheduling-message, CALDAV:organizer-allowed is checked by the caller, CALDAV:max-recipients),
/// RFC 5546 §3.3.2 (VFREEBUSY REQUEST: METHOD:REQUEST, one VFREEBUSY with DTSTAMP, DTSTART, DTEND, ORGANIZER, one or
/// more ATTENDEE, optional UID), RFC 5545 §3.6.4 (DTSTART/DTEND of a VFREEBUSY are UTC; other forms are still read,
/// with the request's own VTIMEZONEs, since being lenient here costs nothing).
struct FreeBusyRequest: Sendable {
    /// One ATTENDEE of the request: the property as sent (echoed in the reply) and its normalised address.
    struct Recipient: Sendable {
        var property: Property
        var address: CalendarUserAddress
    }

    var uid: String?
    /// The ORGANIZER property as sent, echoed in each reply.
    var organizer: Property
    var organizerAddress: CalendarUserAddress
    var start: Instant
    var end: Instant
    /// In request order, each address once.
    var recipients: [Recipient]

    /// The longest window one request may ask about: a year and a day, enough for any scheduling UI, and it bounds
    /// the work one POST can cause (recurrence expansion per recipient).
    static let maxWindowSeconds: Int64 = 367 * 86_400

    /// Reads `calendar` (the POST body).
    /// - Parameters:
    ///   - maxRecipients: the most ATTENDEEs accepted; more is refused as max-recipients.
    ///   - context: resolves TZIDs of a DTSTART/DTEND that is not in UTC.
    init(_ calendar: Component, maxRecipients: Int, context: TimeContext) throws(CalendaringError) {
        guard calendar.property(.method)?.value.uppercased() == "REQUEST" else {
            throw Self.invalid("A free/busy request must have METHOD:REQUEST.")
        }
        let requests = calendar.components(.vfreebusy)
        guard requests.count == 1, let request = requests.first else {
            throw Self.invalid("A free/busy request holds exactly one VFREEBUSY.")
        }
        let others = calendar.components.filter { $0.name != .vfreebusy && $0.name != .vtimezone }
        guard others.isEmpty else {
            throw Self.invalid("A free/busy request holds only the VFREEBUSY (and time zones), not \(others[0].name.rawValue).")
        }

        let organizers = request.properties(.organizer)
        guard organizers.count == 1, let organizer = organizers.first, !organizer.value.trimmingSpaces.isEmpty else {
            throw Self.invalid("The VFREEBUSY must name exactly one ORGANIZER.")
        }
        self.organizer = organizer
        organizerAddress = CalendarUserAddress(organizer.value)
        uid = request.property(.uid).map(\.text)

        let zones = context.resolving(embeddedZonesOf: calendar)
        start = try Self.instant(request, .dtstart, context: zones)
        end = try Self.instant(request, .dtend, context: zones)
        guard start < end else { throw Self.invalid("DTEND must be after DTSTART.") }
        guard end.secondsSinceEpoch - start.secondsSinceEpoch <= Self.maxWindowSeconds else {
            throw Self.invalid("The requested window is longer than a year; ask for a shorter range.")
        }

        var seen: Set<CalendarUserAddress> = []
        var recipients: [Recipient] = []
        for attendee in request.properties(.attendee) where !attendee.value.trimmingSpaces.isEmpty {
            let address = CalendarUserAddress(attendee.value)
            if seen.insert(address).inserted { recipients.append(Recipient(property: attendee, address: address)) }
        }
        guard !recipients.isEmpty else {
            throw .refused(.recipientSpecified, reason: "The VFREEBUSY names no ATTENDEE to look up.")
        }
        guard recipients.count <= maxRecipients else {
            throw .refused(.maxRecipients, reason: "At most \(maxRecipients) attendees may be looked up in one request.")
        }
        self.recipients = recipients
    }

    /// The UTC instant of a required DATE-TIME property (a DATE is read as its midnight in the floating zone).
    private static func instant(_ component: Component, _ name: PropertyName, context: TimeContext)
        throws(CalendaringError) -> Instant {
        guard let property = component.property(name) else {
            throw invalid("The VFREEBUSY must have \(name.rawValue).")
        }
        do {
            return context.instant(try property.dateTime())
        } catch {
            throw invalid("\(name.rawValue) is not a valid date-time: \(property.value)")
        }
    }

    private static func invalid(_ message: String) -> CalendaringError {
        .refused(.validSchedulingMessage, reason: message)
    }
}
