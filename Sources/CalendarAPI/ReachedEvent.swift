import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// An event as the signed-in user reaches it: its calendar, its stored object, and what the user may do with it
/// (through the calendar, or through a grant of this one event).
struct ReachedEvent: Sendable {
    var id: EventID
    var calendar: CalendarRecord
    var owner: User
    var object: CalendarObjectRecord
    var access: ObjectAccess
}

extension CalendarAPIService {
    /// The event `idText` names, if the user reaches it; 404 otherwise, as for a calendar they cannot see.
    func reachEvent(_ idText: String, caller: APICaller) async throws(APIError) -> ReachedEvent {
        let missing = APIError.notFound("There is no event \(idText) that you can see.")
        guard let id = EventID(idText) else { throw missing }
        guard let calendar = try await store({ store throws(StoreError) in try await store.calendar(id: id.calendarID) }),
              !calendar.isScheduleInbox,
              let object = try await store({ store throws(StoreError) in
                  try await store.object(calendarID: id.calendarID, name: id.name)
              }) else { throw missing }
        let access = try await store { store throws(StoreError) in
            try await AccessResolver(store: store).access(of: caller.userID, to: object.name, in: calendar)
        }
        guard access.allows(.read), object.index.componentType == "VEVENT" else { throw missing }
        return ReachedEvent(id: id, calendar: calendar, owner: try await user(id: calendar.ownerID), object: object,
                            access: access)
    }

    /// How times of `calendar` are read and shown, with the `timeZone` the request asked to see them in.
    func times(for calendar: CalendarRecord, display: String?) throws(APIError) -> EventTimes {
        let zone = scheduling.zone(of: calendar)
        var displayZone: (any TimeZoneRules)?
        if let display, !display.isEmpty {
            guard let rules = timeZones.zone(for: display) else {
                throw APIError.invalid("'timeZone' '\(display)' is not a time zone this server knows (use an IANA "
                                           + "name such as Europe/Berlin).")
            }
            displayZone = rules
        }
        return EventTimes(context: zone.timeContext, database: timeZones,
                          calendarZoneID: CalendarFields.timeZoneID(of: calendar.timeZone), displayZone: displayZone)
    }

    func renderer(for calendar: CalendarRecord, owner: User, times: EventTimes) -> EventRenderer {
        EventRenderer(calendarID: calendar.id, times: times,
                      calendarURL: urls.calendarURL(owner: owner.name, calendar: calendar.slug))
    }

    /// The object as the user may see it: whole for the owner and a write delegate, else private and confidential
    /// events reduced as `ClassifiedView` shows them to sharees.
    func document(_ object: CalendarObjectRecord, seesEveryDetail: Bool) throws(APIError) -> EventDocument {
        var document = try EventDocument(data: object.data)
        if !seesEveryDetail { document.calendar = ClassifiedView.view(of: document.calendar) }
        return document
    }

    /// The instances of the object's events that overlap `window`, by start; cancelled ones (STATUS:CANCELLED,
    /// RFC 5545 §3.8.1.11, of the event or of the instance's override) only when asked for.
    func instances(of document: EventDocument, in window: TimeRange, context: TimeContext,
                   includingCancelled: Bool = false) throws(APIError) -> [RecurrenceInstance] {
        let expander = RecurrenceExpander(resolver: context.resolver, floating: context.floating,
                                          limits: ExpansionLimits(maxInstances: 10_000))
        guard let expansion = try? expander.instances(of: document.events, in: window) else {
            throw APIError(status: 400, kind: "invalid-event",
                           detail: "The event's recurrence cannot be expanded (it is stored, but its rule does not read).")
        }
        return expansion.instances.filter {
            (includingCancelled || !$0.isCancelled) && window.overlaps(start: $0.startInstant, end: $0.endInstant)
        }
    }

    /// Whether the object is a series: a master with a rule or dates, or overrides.
    static func isRecurring(_ document: EventDocument) -> Bool {
        document.events.count > 1 || document.events.contains {
            $0.property(.rrule) != nil || $0.property(.rdate) != nil || $0.property(.recurrenceID) != nil
        }
    }

    /// The instance originally at `recurrenceID`, wherever an override may have moved it; nil when the series has no
    /// such instance.
    func instance(_ recurrenceID: DateTime, of document: EventDocument, context: TimeContext)
        throws(APIError) -> RecurrenceInstance? {
        let original = context.instant(recurrenceID)
        var points = [original]
        if let index = document.overrideIndex(for: recurrenceID, context: context),
           let start = try? document.calendar.components[index].property(.dtstart)?.dateTime() {
            points.append(context.instant(start))
        }
        let window = TimeRange(start: points.min()!.adding(seconds: -86_400),
                               end: points.max()!.adding(seconds: 86_400 * 2))
        let expander = RecurrenceExpander(resolver: context.resolver, floating: context.floating,
                                          limits: ExpansionLimits(maxInstances: 10_000))
        guard let expansion = try? expander.instances(of: document.events, in: window) else { return nil }
        return expansion.instances.first { instance in
            instance.recurrenceID.map { context.instant($0) == original && $0.isDate == recurrenceID.isDate } ?? false
        }
    }
}
