import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// An event's JSON from its stored VEVENT. The iCalendar object is the source of truth; this is a view of it.
///
/// Spec: RFC 5545 §3.6.1 (VEVENT), §3.8.1.3 (CLASS), §3.8.1.11 (STATUS), §3.8.2.7 (TRANSP), §3.8.4.1
/// (ATTENDEE with PARTSTAT and ROLE), §3.6.6 (VALARM), RFC 7986 §5.9 (COLOR).
struct EventRenderer {
    let calendarID: Int64
    let times: EventTimes
    /// The CalDAV URL of the calendar, to which the resource name is appended.
    let calendarURL: String

    /// The whole event (a single event, or a series as its master with its rules).
    func event(_ object: CalendarObjectRecord, document: EventDocument) -> Components.Schemas.Event? {
        guard let component = document.master ?? document.events.first,
              let start = try? component.property(.dtstart)?.dateTime() else { return nil }
        var event = fields(of: component, object: object, id: EventID(calendarID: calendarID, name: object.name))
        event.start = times.json(start)
        event.end = times.json(times.end(of: component, start: start))
        let recurrence = component.properties.filter { [.rrule, .rdate, .exdate, .exrule].contains($0.name) }
        if !recurrence.isEmpty { event.recurrence = recurrence.map(Self.contentLine) }
        return event
    }

    /// The id of an instance: the series' id with the instance's original start (the event's own id for a single
    /// event), known without rendering it, so a listing can order and page instances before it renders any.
    func instanceID(_ instance: RecurrenceInstance, object: CalendarObjectRecord, recurring: Bool) -> EventID {
        var id = EventID(calendarID: calendarID, name: object.name)
        guard recurring, let recurrenceID = instance.recurrenceID else { return id }
        id.instance = recurrenceID.isDate ? recurrenceID : .utc(times.context.instant(recurrenceID).utc)
        return id
    }

    /// One instance of a series (or the single event as its one instance).
    func instance(_ instance: RecurrenceInstance, object: CalendarObjectRecord, recurring: Bool)
        -> Components.Schemas.Event {
        let id = instanceID(instance, object: object, recurring: recurring)
        guard recurring, let recurrenceID = instance.recurrenceID else {
            var event = fields(of: instance.component, object: object, id: id)
            event.start = times.json(instance.start)
            event.end = times.json(instance.end)
            return event
        }
        let series = EventID(calendarID: calendarID, name: object.name)
        var event = fields(of: instance.component, object: object, id: id)
        event.start = times.json(instance.start)
        event.end = times.json(instance.end)
        event.recurringEventId = series.text
        event.originalStartTime = times.json(recurrenceID)
        if instance.isCancelled { event.status = .cancelled }
        return event
    }

    private func fields(of component: Component, object: CalendarObjectRecord, id: EventID)
        -> Components.Schemas.Event {
        let view = Event(component)
        let shown = Self.describedFields(of: component, view: view)
        var event = Components.Schemas.Event(
            id: id.text, calendarId: String(calendarID), iCalUID: view.uid ?? object.index.uid,
            etag: object.etag.quoted, status: shown.status ?? .confirmed, start: .init(), end: .init())
        event.title = shown.title
        event.description = shown.description
        event.location = shown.location
        event.color = shown.color
        event.visibility = shown.visibility
        event.transparency = shown.transparency
        event.sequence = view.sequence
        event.created = stamp(component.property(.created))
        event.updated = stamp(component.property(.lastModified) ?? component.property(.dtstamp))
        event.caldavUrl = calendarURL + Self.percentEncoded(object.name)
        event.reminders = shown.reminders
        event.attendees = shown.attendees
        if let organizer = view.organizer, let email = organizer.mailtoAddress {
            event.organizer = .init(email: email, displayName: organizer[parameter: .cn])
        }
        event.attachments = shown.attachments
        return event
    }

    /// The writable fields as the JSON shows them for `component` (its own start, end and rules): what a client
    /// that read the event sends back when it changes nothing. `EventEditor` leaves every field that still reads
    /// the same alone, so an unchanged field never rewrites the iCalendar it came from.
    static func writableFields(of component: Component, times: EventTimes) -> Components.Schemas.EventInput {
        var shown = describedFields(of: component, view: Event(component))
        if let start = try? component.property(.dtstart)?.dateTime() {
            shown.start = times.json(start)
            shown.end = times.json(times.end(of: component, start: start))
        }
        let recurrence = component.properties.filter { [.rrule, .rdate, .exdate, .exrule].contains($0.name) }
        if !recurrence.isEmpty { shown.recurrence = recurrence.map(contentLine) }
        return shown
    }

    /// The writable fields that do not depend on which instance is shown: all but start, end and recurrence.
    private static func describedFields(of component: Component, view: Event) -> Components.Schemas.EventInput {
        var shown = Components.Schemas.EventInput()
        shown.title = view.summary
        shown.description = view.description
        shown.location = view.location
        shown.color = view.color
        shown.status = status(view.status)
        shown.visibility = visibility(component.property(.class)?.value)
        shown.transparency = view.isTransparent ? .transparent : .opaque
        let reminders = view.alarms.compactMap(reminder)
        if !reminders.isEmpty { shown.reminders = reminders }
        let attendees = view.attendees.compactMap(attendee)
        if !attendees.isEmpty { shown.attendees = attendees }
        let attachments = component.properties(.attach).compactMap(attachment)
        if !attachments.isEmpty { shown.attachments = attachments }
        return shown
    }

    private func stamp(_ property: Property?) -> String? {
        guard let value = try? property?.dateTime() else { return nil }
        return RFC3339.format(times.context.instant(value), in: FixedOffsetZone.utc)
    }

    static func status(_ value: String?) -> Components.Schemas.EventStatus {
        switch value {
        case "TENTATIVE": .tentative
        case "CANCELLED": .cancelled
        default: .confirmed
        }
    }

    /// CLASS as the API's visibility; a value an application does not know is PRIVATE (RFC 5545 §3.8.1.3).
    static func visibility(_ value: String?) -> Components.Schemas.Visibility {
        guard let value else { return ._default }
        switch value.uppercased() {
        case "PUBLIC": return ._public
        case "CONFIDENTIAL": return .confidential
        default: return ._private
        }
    }

    /// An alarm the API can show: a trigger before (or at) the start. Others (absolute, after the start, relative to
    /// the end) stay in the object and are not listed.
    static func reminder(_ alarm: Alarm) -> Components.Schemas.Reminder? {
        guard case .relative(let duration, let toEnd)? = alarm.trigger, !toEnd,
              duration.totalSeconds <= 0, duration.totalSeconds % 60 == 0 else { return nil }
        let method: Components.Schemas.Reminder.MethodPayload
        switch alarm.action {
        case "DISPLAY": method = .display
        case "EMAIL": method = .email
        case "AUDIO": method = .audio
        default: return nil
        }
        return .init(method: method, minutesBefore: Int(-duration.totalSeconds / 60))
    }

    static func attendee(_ property: Property) -> Components.Schemas.Attendee? {
        guard let email = property.mailtoAddress else { return nil }
        var attendee = Components.Schemas.Attendee(email: email, displayName: property[parameter: .cn])
        attendee.responseStatus = switch property[parameter: .partstat]?.uppercased() {
        case "ACCEPTED": .accepted
        case "DECLINED": .declined
        case "TENTATIVE": .tentative
        case "DELEGATED": .delegated
        default: .needsAction
        }
        if property[parameter: .role]?.uppercased() == "OPT-PARTICIPANT" { attendee.optional = true }
        return attendee
    }

    /// An ATTACH by URI; an inline (VALUE=BINARY) attachment is not a URL and stays in the object unlisted.
    static func attachment(_ property: Property) -> Components.Schemas.Attachment? {
        guard property[parameter: .value]?.uppercased() != "BINARY", !property.value.isEmpty else { return nil }
        return .init(url: property.value, title: property[parameter: EventEditor.filename])
    }

    /// One property as its unfolded content line (`RRULE:FREQ=WEEKLY;BYDAY=MO`).
    static func contentLine(_ property: Property) -> String {
        var bytes: [UInt8] = []
        ICalendarSerializer.appendContentLine(property, to: &bytes)
        var line: [UInt8] = []
        line.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += (index + 2 < bytes.count && bytes[index + 2] == 32) ? 3 : 2
                continue
            }
            line.append(bytes[index])
            index += 1
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static func percentEncoded(_ name: String) -> String {
        var allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        allowed.insert(UInt8(ascii: "@"))
        var out = ""
        for byte in name.utf8 {
            if allowed.contains(byte) { out.append(Character(UnicodeScalar(byte))) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
