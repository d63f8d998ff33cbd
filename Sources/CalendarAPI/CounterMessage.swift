import Calendaring
import ICalendar
import ITIP

/// The iTIP COUNTER an attendee sends to propose another time, made from their own copy of the event: the VEVENT
/// of the series (or of the instance answered, with its RECURRENCE-ID) with the proposed DTSTART and DTEND, the
/// copy's UID and SEQUENCE (so the organizer's server knows which revision it answers), the attendee's own ATTENDEE
/// with the PARTSTAT they just gave, and their COMMENT. Only their own ATTENDEE is named, as in a REPLY: RFC 5546
/// lets a COUNTER carry one, and then the message itself says who sent it, whether it reaches the organizer's
/// inbox here or their mail.
/// Spec: RFC 5546 §3.2.7 (COUNTER: ATTENDEE, DTSTAMP, DTSTART, ORGANIZER, SEQUENCE, SUMMARY, UID; COMMENT,
/// RECURRENCE-ID optional), §3.1 (the VTIMEZONEs the times use travel with the message), RFC 6638 §7.3 (no
/// SCHEDULE-STATUS in messages).
struct CounterMessage {
    /// The proposed start and end, already checked (the end after the start, both dates or both date-times).
    var start: DateTime
    var end: DateTime
    var comment: String?

    /// The message from `component`, one VEVENT of the attendee's copy `document`, sent by `attendee`.
    func message(from component: Component, in document: EventDocument, attendee: CalendarUserAddress,
                 now: Instant, timeZones: TimeZoneDatabase) throws(APIError) -> ITIPMessage {
        guard component.property(.organizer) != nil else {
            throw APIError.invalid("This event has no organizer to propose another time to.")
        }
        var event = component
        // The attendee's reminders are theirs; the organizer's server keeps its own.
        event.components.removeAll { $0.name == .valarm }
        event.removeProperties(.duration)
        event.setProperty(.dtstart, Property(name: .dtstart, dateTime: start))
        event.setProperty(.dtend, Property(name: .dtend, dateTime: end))
        event.setProperty(.dtstamp, Property(name: .dtstamp, dateTime: .utc(now.utc)))
        event.removeProperties(.comment)
        if let comment { event.properties.append(Property(name: .comment, text: comment)) }
        event.properties = event.properties.compactMap { property in
            guard property.name == .attendee || property.name == .organizer else { return property }
            if property.name == .attendee, CalendarUserAddress(property.value) != attendee { return nil }
            var sent = property
            sent.parameters.removeAll { [.scheduleStatus, .scheduleForceSend, .scheduleAgent, .rsvp].contains($0.name) }
            return sent
        }
        var message = EventDocument(calendar: Component(name: .vcalendar, properties: [
            Property(name: .prodid, value: EventDocument.productID), Property(name: .version, value: "2.0"),
            Property(name: .method, value: ITIPMethod.counter.rawValue),
        ], components: [event]))
        let used = Set(event.properties.compactMap(\.tzid))
        let zones = document.calendar.components(.vtimezone).filter { zone in
            zone.property(.tzid).map { used.contains($0.text) } ?? false
        }
        message.calendar.components.insert(contentsOf: zones, at: 0)
        message.addMissingTimeZones(timeZones)
        do {
            return try ITIP.message(parsing: message.calendar, originator: attendee)
        } catch {
            throw error.apiError
        }
    }
}
