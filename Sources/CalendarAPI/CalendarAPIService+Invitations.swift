internal import Foundation
import CalendarStore
import Calendaring
import ICalendar
import ITIP

/// Moving an event between calendars, and answering an invitation: the attendee's PARTSTAT in their own copy,
/// written through implicit scheduling, which sends the organizer the REPLY exactly as for a CalDAV client; and,
/// when the answer proposes another time, a COUNTER to the organizer through the attendee's outbox, as a CalDAV
/// client posts one (implicit scheduling cannot express a proposal).
/// Spec: RFC 6638 §3.2.2 (an attendee's change to its PARTSTAT is a REPLY), RFC 5546 §3.2.3, §3.2.7 (COUNTER),
/// RFC 6638 §5 (outbox POST).
extension CalendarAPIService {
    package func moveEvent(_ input: Operations.MoveEvent.Input) async throws -> Operations.MoveEvent.Output {
        let caller = try APICaller.required()
        let event = try await reachWritable(input.path.eventId, caller: caller)
        guard event.id.instance == nil else {
            throw APIError.invalid("Move the whole event by its event id; one instance cannot leave its series.")
        }
        let target = try await reach(input.query.targetCalendarId, caller: caller)
        try target.require(.writeContent, "You may not add events to the target calendar.")
        guard target.record.id != event.calendar.id else {
            throw APIError.invalid("The event is already in calendar \(target.record.id).")
        }
        guard target.record.supportedComponents.contains(event.object.index.componentType) else {
            throw APIError(status: 400, kind: "unsupported-component",
                           detail: "The target calendar does not hold events.")
        }
        try IfMatch(header: input.headers.ifMatch).check(event.object.etag)
        let (sourceID, targetID, name, etag) = (event.calendar.id, target.record.id, event.object.name, event.object.etag)
        let moved: PutResult
        do {
            moved = try await store.moveObject(fromCalendarID: sourceID, name: name, toCalendarID: targetID,
                                               newName: name, overwrite: false, ifMatch: etag)
        } catch {
            throw error.objectWriteError(owner: target.owner.name, calendarSlug: target.record.slug, urls: urls).apiError
        }
        let arrived = ReachedEvent(id: EventID(calendarID: targetID, name: name), calendar: target.record,
                                   owner: target.owner, object: moved.object, access: .calendar(target.access))
        let body = try render(arrived, times: try times(for: target.record, display: nil))
        return .ok(.init(headers: .init(eTag: moved.object.etag.quoted), body: .json(body)))
    }

    package func respondToEvent(_ input: Operations.RespondToEvent.Input) async throws -> Operations.RespondToEvent.Output {
        guard case .json(let answer) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let caller = try APICaller.required()
        var event = try await reachWritable(input.path.eventId, caller: caller)
        let address = event.owner.email.lowercased()
        guard !address.isEmpty else {
            throw APIError.invalid("The calendar's owner has no e-mail address, so they cannot be an attendee.")
        }
        let partstat = switch answer.responseStatus {
        case .accepted: "ACCEPTED"
        case .declined: "DECLINED"
        case .tentative: "TENTATIVE"
        }
        let times = try times(for: event.calendar, display: nil)
        let proposal = try proposedTimes(answer, times: times)
        var document = try EventDocument(data: event.object.data)
        if let organizer = document.events.first?.property(.organizer)?.mailtoAddress, organizer.lowercased() == address {
            throw APIError.invalid("You organize this event; answers are for its attendees.")
        }
        let indices: [Int]
        if let recurrenceID = event.id.instance {
            indices = [try overrideIndex(for: recurrenceID, in: &document, times: times, eventID: event.id)]
        } else {
            // The whole event: the series and every override of it.
            indices = document.calendar.components.indices.filter { document.calendar.components[$0].name == .vevent }
        }
        var answered = false
        let now = Instant(Date())
        for index in indices {
            var component = document.calendar.components[index]
            for position in component.properties.indices where component.properties[position].name == .attendee
                && component.properties[position].mailtoAddress?.lowercased() == address {
                EventEditor.set(.partstat, partstat, on: &component.properties[position])
                EventEditor.set(.rsvp, nil, on: &component.properties[position])
                answered = true
            }
            component.setProperty(.dtstamp, Property(name: .dtstamp, dateTime: .utc(now.utc)))
            document.calendar.components[index] = component
        }
        guard answered else {
            throw APIError(status: 409, kind: "not-an-attendee",
                           detail: "\(event.owner.email) is not an attendee of this event, so there is nothing to answer.")
        }
        // Made before anything is stored, so a proposal that cannot be made refuses the whole answer; it is sent
        // once the answer (and so its REPLY) is stored, as a client would post it after saving the answer.
        let counter = try proposal.map { proposal throws(APIError) in
            let index = event.id.instance == nil ? document.masterIndex ?? indices[0] : indices[0]
            let component = document.calendar.components[index]
            guard let attendee = component.properties(.attendee).first(where: { $0.mailtoAddress?.lowercased() == address })
            else {
                throw APIError.invalid("You are not an attendee of this instance, so you cannot propose a time for it.")
            }
            return try proposal.message(from: component, in: document, attendee: CalendarUserAddress(attendee.value),
                                        now: now, timeZones: timeZones)
        }
        let written = try await write(document, name: event.object.name, calendar: event.calendar, owner: event.owner,
                                      caller: caller, existing: event.object)
        if let counter {
            let attendee = event.owner
            _ = try await calendaring { () async throws(CalendaringError) in
                try await ExplicitScheduling(context: scheduling, user: attendee).outbox(counter)
            }
        }
        event.object = written.object
        let body = try render(event, times: times)
        return .ok(.init(headers: .init(eTag: written.object.etag.quoted), body: .json(body)))
    }

    /// The other time an answer proposes, if it proposes one: a start and an end after it, both dates or both
    /// date-times, and an optional comment that goes with the proposal.
    private func proposedTimes(_ answer: Operations.RespondToEvent.Input.Body.JsonPayload, times: EventTimes)
        throws(APIError) -> CounterMessage? {
        switch (answer.proposedStart, answer.proposedEnd) {
        case (nil, nil):
            guard answer.comment == nil else {
                throw APIError.invalid("'comment' goes with a proposal: give 'proposedStart' and 'proposedEnd' too.")
            }
            return nil
        case (let start?, let end?):
            let proposedStart = try times.dateTime(start, field: "proposedStart")
            let proposedEnd = try times.dateTime(end, field: "proposedEnd")
            guard proposedStart.isDate == proposedEnd.isDate else {
                throw APIError.invalid("'proposedStart' and 'proposedEnd' must both be dates or both date-times.")
            }
            guard times.context.instant(proposedStart) < times.context.instant(proposedEnd) else {
                throw APIError.invalid("'proposedEnd' must be after 'proposedStart'.")
            }
            if let comment = answer.comment {
                guard comment.count <= 2_000 else { throw APIError.invalid("'comment' may be at most 2000 characters.") }
                try CalendarFields.plainText(comment, field: "comment", allowingLineBreaks: true)
            }
            return CounterMessage(start: proposedStart, end: proposedEnd, comment: answer.comment)
        default:
            throw APIError.invalid("Propose a time with both 'proposedStart' and 'proposedEnd'.")
        }
    }
}
