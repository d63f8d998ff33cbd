internal import Foundation
import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// Creating, changing and deleting events. Each write becomes the calendar object it describes, is validated as a
/// CalDAV PUT is, and is stored through `CalendarObjectWriter`: a meeting's attendees are invited, updated or told
/// of a cancellation exactly as when a CalDAV client writes it, and the write is conditional on the version read.
extension CalendarAPIService {
    package func createEvent(_ input: Operations.CreateEvent.Input) async throws -> Operations.CreateEvent.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let caller = try APICaller.required()
        let reached = try await reach(input.path.calendarId, caller: caller)
        try reached.require(.writeContent, "You may not add events to this calendar.")
        // The editor changes only what differs from the event as it reads; a new event reads as having no times,
        // so without both it would be stored without a DTSTART (and could not be shown back).
        guard fields.start != nil, fields.end != nil else {
            throw APIError.invalid("'start' and 'end' are required.")
        }
        let uid = try Self.uid(fields.iCalUID)
        let times = try times(for: reached.record, display: nil)
        let now = Instant(Date())
        var document = EventDocument.new(uid: uid, now: now)
        guard let master = document.masterIndex else { throw APIError.serverFault() }
        try editor(owner: reached.owner, times: times, replacing: true, now: now)
            .apply(fields, to: &document.calendar.components[master])
        let name = UUID().uuidString.lowercased() + ".ics"
        let written = try await write(document, name: name, calendar: reached.record, owner: reached.owner,
                                      caller: caller, existing: nil)
        let event = ReachedEvent(id: EventID(calendarID: reached.record.id, name: name), calendar: reached.record,
                                 owner: reached.owner, object: written.object, access: .calendar(reached.access))
        let body = try render(event, times: times)
        return .created(.init(headers: .init(eTag: written.object.etag.quoted, location: "/api/v1/events/\(body.id)"),
                              body: .json(body)))
    }

    package func replaceEvent(_ input: Operations.ReplaceEvent.Input) async throws -> Operations.ReplaceEvent.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let (event, body) = try await update(input.path.eventId, fields: fields, replacing: true,
                                             ifMatch: input.headers.ifMatch, scope: input.query.scope,
                                             display: input.query.timeZone)
        return .ok(.init(headers: .init(eTag: event.object.etag.quoted), body: .json(body)))
    }

    package func patchEvent(_ input: Operations.PatchEvent.Input) async throws -> Operations.PatchEvent.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let (event, body) = try await update(input.path.eventId, fields: fields, replacing: false,
                                             ifMatch: input.headers.ifMatch, scope: input.query.scope,
                                             display: input.query.timeZone)
        return .ok(.init(headers: .init(eTag: event.object.etag.quoted), body: .json(body)))
    }

    package func deleteEvent(_ input: Operations.DeleteEvent.Input) async throws -> Operations.DeleteEvent.Output {
        let caller = try APICaller.required()
        let event = try await reachWritable(input.path.eventId, caller: caller)
        try IfMatch(header: input.headers.ifMatch).check(event.object.etag)
        let writer = try await objectWriter(owner: event.owner, caller: caller)
        if let recurrenceID = event.id.instance, input.query.scope == .future {
            // This and every later instance: the series ends before it (or goes whole, from its first instance).
            let times = try times(for: event.calendar, display: nil)
            let document = try EventDocument(data: event.object.data)
            if let split = try splitSeries(event, document: document, at: recurrenceID, times: times,
                                           now: Instant(Date())) {
                _ = try await write(split.earlier, name: event.object.name, calendar: event.calendar,
                                    owner: event.owner, caller: caller, existing: event.object)
                return .noContent(.init())
            }
            try await calendaring { () async throws(CalendaringError) in
                try await writer.delete(event.object, from: event.calendar)
            }
            return .noContent(.init())
        }
        if let recurrenceID = event.id.instance, input.query.scope != .all {
            // One instance: its override goes and the series leaves it out (EXDATE), so every client agrees.
            let times = try times(for: event.calendar, display: nil)
            var document = try EventDocument(data: event.object.data)
            guard let instance = try instance(recurrenceID, of: document, context: times.context) else {
                throw APIError.notFound("The event has no instance \(event.id.text).")
            }
            if let index = document.overrideIndex(for: recurrenceID, context: times.context) {
                document.calendar.components.remove(at: index)
            }
            guard let master = document.masterIndex, let original = instance.recurrenceID else {
                throw APIError.invalid("This instance has no series to leave it out of; delete the event itself.")
            }
            var component = document.calendar.components[master]
            component.properties.append(Property(name: .exdate, dateTime: original))
            let sequence = (try? component.property(.sequence)?.integer()) ?? 0
            component.setProperty(.sequence, Property(name: .sequence, value: String(sequence + 1)))
            component.setProperty(.dtstamp, Property(name: .dtstamp, dateTime: .utc(Instant(Date()).utc)))
            document.calendar.components[master] = component
            _ = try await write(document, name: event.object.name, calendar: event.calendar, owner: event.owner,
                                caller: caller, existing: event.object)
        } else {
            try await calendaring { () async throws(CalendaringError) in
                try await writer.delete(event.object, from: event.calendar)
            }
        }
        return .noContent(.init())
    }

    /// PUT and PATCH: the whole event (an event id, or scope=all), or one instance as its override.
    func update(_ idText: String, fields: Components.Schemas.EventInput, replacing: Bool, ifMatch: String?,
                        scope: Components.Parameters.Scope?, display: String?)
        async throws(APIError) -> (ReachedEvent, Components.Schemas.Event) {
        let caller = try APICaller.required()
        var event = try await reachWritable(idText, caller: caller)
        if let uid = fields.iCalUID, uid != event.object.index.uid {
            throw APIError.invalid("'iCalUID' cannot change; create a new event instead.")
        }
        let times = try times(for: event.calendar, display: nil)
        let now = Instant(Date())
        var document = try EventDocument(data: event.object.data)
        var editor = try editor(owner: event.owner, times: times, replacing: replacing, now: now)
        if let recurrenceID = event.id.instance, scope == .future,
           let split = try splitSeries(event, document: document, at: recurrenceID, times: times, now: now) {
            var later = split.later
            guard let master = later.masterIndex else { throw APIError.serverFault() }
            try editor.applyToSeries(fields, in: &later, masterIndex: master)
            try IfMatch(header: ifMatch).check(event.object.etag)
            let written = try await writeSplit(event, earlier: split.earlier, later: later, caller: caller)
            let shown = try self.times(for: event.calendar, display: display)
            return (written, try render(written, times: shown))
        }
        if let recurrenceID = event.id.instance, scope == .single || scope == nil {
            let index = try overrideIndex(for: recurrenceID, in: &document, times: times, eventID: event.id)
            editor.isOverride = true
            try editor.apply(fields, to: &document.calendar.components[index])
        } else {
            guard let master = document.masterIndex ?? document.calendar.components.firstIndex(where: { $0.name == .vevent })
            else { throw APIError.serverFault() }
            try editor.applyToSeries(fields, in: &document, masterIndex: master)
            if scope == .all || scope == .future { event.id.instance = nil }
        }
        // Checked after the edit, which refuses what could never be stored, and before anything is written.
        try IfMatch(header: ifMatch).check(event.object.etag)
        let written = try await write(document, name: event.object.name, calendar: event.calendar, owner: event.owner,
                                      caller: caller, existing: event.object)
        event.object = written.object
        let shown = try self.times(for: event.calendar, display: display)
        return (event, try render(event, times: shown))
    }

    /// The series cut at the instance originally at `recurrenceID`; nil when it is the first instance (then the
    /// whole series is meant).
    private func splitSeries(_ event: ReachedEvent, document: EventDocument, at recurrenceID: DateTime,
                             times: EventTimes, now: Instant)
        throws(APIError) -> (earlier: EventDocument, later: EventDocument)? {
        guard let instance = try instance(recurrenceID, of: document, context: times.context),
              let original = instance.recurrenceID else {
            throw APIError.notFound("The event has no instance \(event.id.text).")
        }
        return try SeriesSplit(context: times.context).split(document, at: original,
                                                             newUID: UUID().uuidString.lowercased(), now: now)
    }

    /// Stores the new series first and then the shortened one, conditional on the version read; if that fails,
    /// the new series goes again, so the calendar never holds the later instances twice.
    private func writeSplit(_ event: ReachedEvent, earlier: EventDocument, later: EventDocument, caller: APICaller)
        async throws(APIError) -> ReachedEvent {
        let name = UUID().uuidString.lowercased() + ".ics"
        let created = try await write(later, name: name, calendar: event.calendar, owner: event.owner, caller: caller,
                                      existing: nil)
        do {
            _ = try await write(earlier, name: event.object.name, calendar: event.calendar, owner: event.owner,
                                caller: caller, existing: event.object)
        } catch {
            let writer = try await objectWriter(owner: event.owner, caller: caller)
            try? await writer.delete(created.object, from: event.calendar)
            throw error
        }
        return ReachedEvent(id: EventID(calendarID: event.calendar.id, name: name), calendar: event.calendar,
                            owner: event.owner, object: created.object, access: event.access)
    }

    /// The override of the instance originally at `recurrenceID`, made from the master when there is none yet: the
    /// master's properties without its rules, at the instance's own time (RFC 5545 §3.8.4.4).
    func overrideIndex(for recurrenceID: DateTime, in document: inout EventDocument, times: EventTimes,
                               eventID: EventID) throws(APIError) -> Int {
        if let index = document.overrideIndex(for: recurrenceID, context: times.context) { return index }
        guard let instance = try instance(recurrenceID, of: document, context: times.context),
              let original = instance.recurrenceID, let masterIndex = document.masterIndex else {
            throw APIError.notFound("The event has no instance \(eventID.text).")
        }
        var override = document.calendar.components[masterIndex]
        EventEditor.removeRecurrence(from: &override)
        override.removeProperties(.duration)
        override.setProperty(.recurrenceID, Property(name: .recurrenceID, dateTime: original))
        override.setProperty(.dtstart, Property(name: .dtstart, dateTime: instance.start))
        override.setProperty(.dtend, Property(name: .dtend, dateTime: instance.end))
        document.calendar.components.append(override)
        return document.calendar.components.count - 1
    }

    /// The event, if the user may change it: write access, and (for a sharee) not a private or confidential event,
    /// which they see reduced and would overwrite with the reduction.
    func reachWritable(_ idText: String, caller: APICaller) async throws(APIError) -> ReachedEvent {
        let event = try await reachEvent(idText, caller: caller)
        guard event.access.allows(.writeContent) else { throw APIError.forbidden("You may not change this event.") }
        if !event.access.seesEveryDetail {
            let document = try EventDocument(data: event.object.data)
            if document.events.contains(where: { ClassifiedView.visibility(of: $0) != .whole }) {
                throw APIError.forbidden("This event is private; only its owner can change it.")
            }
        }
        return event
    }

    private func editor(owner: User, times: EventTimes, replacing: Bool, now: Instant) throws(APIError) -> EventEditor {
        EventEditor(times: times, ownerEmail: owner.email, ownerName: owner.displayName, replacing: replacing, now: now)
    }

    private func objectWriter(owner: User, caller: APICaller) async throws(APIError) -> CalendarObjectWriter {
        let writer = caller.userID == owner.id ? nil : try await user(id: caller.userID)
        return CalendarObjectWriter(context: scheduling, owner: owner, writer: writer)
    }

    /// Validates the edited object as a CalDAV PUT would be and stores it, conditional on the version read.
    func write(_ document: EventDocument, name: String, calendar: CalendarRecord, owner: User,
                       caller: APICaller, existing: CalendarObjectRecord?)
        async throws(APIError) -> CalendarObjectWriter.Written {
        var document = document
        document.addMissingTimeZones(timeZones)
        let validator = CalendarObjectValidator(maxResourceSize: maxResourceSize,
                                                supportedComponents: calendar.supportedComponents)
        let validated = try await calendaring { () throws(CalendaringError) in
            try validator.validate(data: document.serialized(), contentType: "text/calendar; charset=utf-8")
        }
        let writer = try await objectWriter(owner: owner, caller: caller)
        let precondition: WritePrecondition = existing.map { .etagMatches($0.etag) } ?? .mustNotExist
        return try await calendaring { () async throws(CalendaringError) in
            try await writer.put(validated, name: name, in: calendar, existing: existing, precondition: precondition)
        }
    }

    /// The UID of a new event: the one given, or a new one.
    static func uid(_ given: String?) throws(APIError) -> String {
        guard let given else { return UUID().uuidString.lowercased() }
        let uid = given.trimmingCharacters(in: .whitespaces)
        guard !uid.isEmpty, uid.utf8.count <= 255 else {
            throw APIError.invalid("'iCalUID' must be between 1 and 255 bytes long.")
        }
        try CalendarFields.plainText(uid, field: "iCalUID")
        return uid
    }
}
