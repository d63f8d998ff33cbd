import CalendarStore
import Calendaring
import ICalendar
import ITIP

/// A counter-proposal waiting for the organizer: an iTIP COUNTER item of their scheduling inbox (RFC 6638 §4.1,
/// where delivery put it, from this server or from e-mail) about one of their events, from one of its attendees.
/// Its id is the item's resource name in base32, as in an event id, so any name is safe in a path.
///
/// Who sent a COUNTER is the ATTENDEE it names apart from the organizer (RFC 5546 §3.2.7 leaves the sender to the
/// transport; this server's COUNTERs and e-mailed ones name only the sender). One naming several attendees cannot
/// be answered to the right person, so it is not listed here and stays in the inbox for a calendar client.
struct InboxProposal {
    let record: CalendarObjectRecord
    let message: ITIPMessage
    /// The first proposed VEVENT (an instance's, with RECURRENCE-ID, when it is about one instance).
    let component: Component

    /// Reads an inbox item; nil unless it is a COUNTER about `uid` from one of `attendees` of the organizer's copy.
    init?(record: CalendarObjectRecord, uid: String, attendees: Set<CalendarUserAddress>) {
        guard let calendar = try? ICalendarParser(options: .lenient).parseCalendar(record.data),
              calendar.property(.method).flatMap({ ITIPMethod(value: $0.value) }) == .counter,
              let component = calendar.components(.vevent).first,
              component.property(.uid)?.text == uid else { return nil }
        let organizer = component.property(.organizer).map { CalendarUserAddress($0.value) }
        let named = Set(calendar.components(.vevent).flatMap { $0.properties(.attendee) }
            .map { CalendarUserAddress($0.value) }.filter { $0 != organizer })
        guard named.count == 1, let sender = named.first, attendees.contains(sender),
              let message = try? ITIP.message(parsing: calendar, originator: sender) else { return nil }
        self.record = record
        self.message = message
        self.component = component
    }

    var id: String { Base32.encode(Array(record.name.utf8)) }

    /// The inbox resource name an id names; nil for text no proposal id can be.
    static func name(ofID id: String) -> String? {
        guard let bytes = Base32.decode(id), let name = String(validating: bytes, as: UTF8.self), !name.isEmpty
        else { return nil }
        return name
    }

    /// The instance the proposal is about, as its original start (RECURRENCE-ID); nil for the whole event.
    var recurrenceID: DateTime? { try? component.property(.recurrenceID)?.dateTime() }

    /// The COUNTER with only its times: accepting a proposal takes the time it lists. A title, place or description
    /// in the COUNTER is the attendee's copy of them, not something this API shows as proposed, so it is not taken.
    /// Spec: RFC 5546 §3.2.7 (the organizer accepts by sending an updated REQUEST with what they accept).
    var timeChange: ITIPMessage {
        var message = message
        message.calendar.components = message.calendar.components.map { component in
            guard component.name == .vevent else { return component }
            var times = component
            for name: PropertyName in [.summary, .location, .description] { times.removeProperties(name) }
            return times
        }
        return message
    }

    /// The JSON of the proposal, for the event `event` (its instance's id when the COUNTER names one).
    func json(event: EventID, times: EventTimes) -> Components.Schemas.Proposal? {
        guard let start = try? component.property(.dtstart)?.dateTime() else { return nil }
        var about = event.event
        if let recurrenceID {
            about.instance = recurrenceID.isDate ? recurrenceID : .utc(times.context.instant(recurrenceID).utc)
        }
        let attendee = component.properties(.attendee).first { CalendarUserAddress($0.value) == message.originator }
        var proposal = Components.Schemas.Proposal(
            id: id, eventId: about.text,
            proposer: .init(email: message.originator.email ?? message.originator.value,
                            displayName: attendee?[parameter: .cn]),
            proposedStart: times.json(start), proposedEnd: times.json(times.end(of: component, start: start)),
            received: RFC3339.format(Instant(secondsSinceEpoch: record.createdAt), in: FixedOffsetZone.utc))
        proposal.responseStatus = attendee.flatMap(EventRenderer.attendee)?.responseStatus.flatMap {
            Components.Schemas.Proposal.ResponseStatusPayload(rawValue: $0.rawValue)
        }
        proposal.comment = component.property(.comment)?.text
        return proposal
    }
}
