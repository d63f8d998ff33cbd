import CalendarStore
import Calendaring
import ICalendar

/// One attendee at a time: invite, change, uninvite. Each is a change of the whole event's attendee list, made the
/// way a PATCH makes it, so the same implicit scheduling sends the invitation, update or cancellation.
extension CalendarAPIService {
    package func addAttendee(_ input: Operations.AddAttendee.Input) async throws -> Operations.AddAttendee.Output {
        guard case .json(let attendee) = input.body else { throw APIError.invalid("The body must be JSON.") }
        var attendees = try await currentAttendees(input.path.eventId)
        guard !attendees.contains(where: { $0.email.lowercased() == attendee.email.lowercased() }) else {
            throw APIError(status: 409, kind: "already-invited", detail: "\(attendee.email) is already an attendee.")
        }
        attendees.append(attendee)
        let (event, body) = try await update(input.path.eventId, fields: .init(attendees: attendees), replacing: false,
                                             ifMatch: input.headers.ifMatch, scope: .all, display: nil)
        return .ok(.init(headers: .init(eTag: event.object.etag.quoted), body: .json(body)))
    }

    package func updateAttendee(_ input: Operations.UpdateAttendee.Input) async throws -> Operations.UpdateAttendee.Output {
        guard case .json(let change) = input.body else { throw APIError.invalid("The body must be JSON.") }
        var attendees = try await currentAttendees(input.path.eventId)
        guard let index = attendees.firstIndex(where: { $0.email.lowercased() == input.path.email.lowercased() }) else {
            throw APIError.notFound("\(input.path.email) is not an attendee of this event.")
        }
        if let name = change.displayName { attendees[index].displayName = name }
        if let optional = change.optional { attendees[index].optional = optional }
        if let status = change.responseStatus {
            attendees[index].responseStatus = Components.Schemas.Attendee.ResponseStatusPayload(rawValue: status.rawValue)
        }
        let (event, body) = try await update(input.path.eventId, fields: .init(attendees: attendees), replacing: false,
                                             ifMatch: input.headers.ifMatch, scope: .all, display: nil)
        return .ok(.init(headers: .init(eTag: event.object.etag.quoted), body: .json(body)))
    }

    package func removeAttendee(_ input: Operations.RemoveAttendee.Input) async throws -> Operations.RemoveAttendee.Output {
        var attendees = try await currentAttendees(input.path.eventId)
        guard let index = attendees.firstIndex(where: { $0.email.lowercased() == input.path.email.lowercased() }) else {
            throw APIError.notFound("\(input.path.email) is not an attendee of this event.")
        }
        attendees.remove(at: index)
        _ = try await update(input.path.eventId, fields: .init(attendees: attendees), replacing: false,
                             ifMatch: input.headers.ifMatch, scope: .all, display: nil)
        return .noContent(.init())
    }

    /// The attendees of the event's series (or single event), as the JSON lists them.
    private func currentAttendees(_ idText: String) async throws(APIError) -> [Components.Schemas.Attendee] {
        let event = try await reachWritable(idText, caller: try APICaller.required())
        let document = try EventDocument(data: event.object.data)
        guard let master = document.master ?? document.events.first else { throw APIError.serverFault() }
        return master.properties(.attendee).compactMap(EventRenderer.attendee)
    }
}
