import ICalendar
import ICalendarRecurrence

/// Applies an event's JSON to its VEVENT, changing only the properties the JSON models: X- properties, unknown
/// parameters, alarm details and everything else stay as stored. With `replacing`, a field left out of the JSON
/// is removed (PUT); otherwise it is left as it is (PATCH). An empty string or list removes a field either way.
///
/// Spec: RFC 5545 §3.6.1, §3.8.4.1 (ATTENDEE: CN, ROLE, PARTSTAT), §3.8.5 (RRULE, RDATE, EXDATE), §3.6.6 (VALARM:
/// DISPLAY needs DESCRIPTION, EMAIL needs SUMMARY, DESCRIPTION and an ATTENDEE), RFC 5546 §2.1.4 (SEQUENCE goes up
/// when the time or recurrence changes), RFC 8607 §4.2 (FILENAME names an attachment).
struct EventEditor {
    static let filename: ParameterName = "FILENAME"

    let times: EventTimes
    /// The address EMAIL alarms go to: the calendar owner's.
    let ownerEmail: String
    let ownerName: String
    var replacing: Bool
    let now: Instant

    /// Which edits are allowed: an instance override cannot carry its own recurrence.
    var isOverride = false

    func apply(_ input: Components.Schemas.EventInput, to event: inout Component) throws(APIError) {
        let timingBefore = timing(of: event)
        // A field that reads as it already does is left alone: a client that sends back what it read (a PUT of
        // the GET answer) must not rewrite parameters, zones, line order or values the JSON cannot express.
        let shown = EventRenderer.writableFields(of: event, times: times)
        if input.title != shown.title { try text(input.title, .summary, in: &event, field: "title") }
        if input.description != shown.description {
            try text(input.description, .description, in: &event, field: "description", lineBreaks: true)
        }
        if input.location != shown.location { try text(input.location, .location, in: &event, field: "location") }
        if input.color != shown.color { try color(input.color, in: &event) }
        if input.status != shown.status {
            enumerated(input.status.map { $0.rawValue.uppercased() }, .status, in: &event)
        }
        if input.visibility != shown.visibility {
            enumerated(input.visibility.map { $0 == ._default ? "" : $0.rawValue.uppercased() }, .class, in: &event)
        }
        if input.transparency != shown.transparency {
            enumerated(input.transparency.map { $0.rawValue.uppercased() }, .transp, in: &event)
        }
        if input.start != shown.start || input.end != shown.end {
            try schedule(start: input.start, end: input.end, in: &event)
        }
        if input.recurrence != shown.recurrence { try recurrence(input.recurrence, in: &event) }
        if input.reminders != shown.reminders { try reminders(input.reminders, in: &event) }
        if input.attendees != shown.attendees { try attendees(input.attendees, in: &event) }
        if input.attachments != shown.attachments { try attachments(input.attachments, in: &event) }
        // A new event starts at SEQUENCE 0; a change of its time or recurrence is a new revision for attendees.
        if timing(of: event) != timingBefore && timingBefore.contains(where: { $0.name == .dtstart }) {
            let sequence = (try? event.property(.sequence)?.integer()) ?? 0
            event.setProperty(.sequence, Property(name: .sequence, value: String(sequence + 1)))
        }
        event.setProperty(.dtstamp, Property(name: .dtstamp, dateTime: .utc(now.utc)))
        event.setProperty(.lastModified, Property(name: .lastModified, dateTime: .utc(now.utc)))
    }

    /// What a change of raises SEQUENCE.
    private func timing(of event: Component) -> [Property] {
        event.properties.filter { [.dtstart, .dtend, .duration, .rrule, .rdate, .exdate, .exrule].contains($0.name) }
    }

    private func text(_ value: String?, _ name: PropertyName, in event: inout Component, field: String,
                      lineBreaks: Bool = false) throws(APIError) {
        guard let value else {
            if replacing { event.removeProperties(name) }
            return
        }
        try CalendarFields.plainText(value, field: field, allowingLineBreaks: lineBreaks)
        guard !value.isEmpty else { return event.removeProperties(name) }
        // Keep the stored parameters (LANGUAGE, ALTREP): only the text is the JSON's.
        var property = event.property(name) ?? Property(name: name, value: "")
        property.value = Property(name: name, text: value).value
        event.setProperty(name, property)
    }

    /// COLOR is a CSS3 colour name (RFC 7986 §5.9); a name or a #hex value is taken as written.
    private func color(_ value: String?, in event: inout Component) throws(APIError) {
        guard let value else {
            if replacing { event.removeProperties(.color) }
            return
        }
        guard !value.isEmpty else { return event.removeProperties(.color) }
        let allowed = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "#"
        }
        guard value.count <= 64, value.unicodeScalars.allSatisfy(allowed) else {
            throw APIError.invalid("'color' must be a CSS colour name such as 'tomato', got '\(value)'.")
        }
        event.setProperty(.color, Property(name: .color, value: value.lowercased()))
    }

    private func enumerated(_ value: String?, _ name: PropertyName, in event: inout Component) {
        guard let value else {
            if replacing { event.removeProperties(name) }
            return
        }
        event.setProperty(name, value.isEmpty ? nil : Property(name: name, value: value))
    }

    private func schedule(start: Components.Schemas.EventTime?, end: Components.Schemas.EventTime?,
                          in event: inout Component) throws(APIError) {
        guard start != nil || end != nil else {
            if replacing { throw APIError.invalid("'start' and 'end' are required.") }
            return
        }
        let oldStart = try? event.property(.dtstart)?.dateTime()
        let newStart = try start.map { time throws(APIError) in try times.dateTime(time, field: "start") } ?? oldStart
        guard let newStart else { throw APIError.invalid("'start' is required.") }
        let newEnd: DateTime
        if let end {
            newEnd = try times.dateTime(end, field: "end")
        } else if let oldStart {
            // Only the start moved: the event keeps its length.
            let oldEnd = times.end(of: event, start: oldStart)
            let length = times.context.instant(oldEnd).secondsSinceEpoch - times.context.instant(oldStart).secondsSinceEpoch
            if case .date(let date) = newStart, case .date(let first) = oldStart, case .date(let last) = oldEnd {
                newEnd = .date(date.adding(days: last.dayNumber - first.dayNumber))
            } else {
                newEnd = EventTimes.same(form: newStart, at: times.context.instant(newStart).adding(seconds: length),
                                         context: times.context)
            }
        } else {
            throw APIError.invalid("'end' is required.")
        }
        guard newStart.isDate == newEnd.isDate else {
            throw APIError.invalid("'start' and 'end' must both be dates (all-day) or both date-times.")
        }
        let startInstant = times.context.instant(newStart)
        let endInstant = times.context.instant(newEnd)
        if newStart.isDate {
            guard endInstant > startInstant else {
                throw APIError.invalid("'end.date' must be after 'start.date' (it is exclusive: a one-day event ends "
                                           + "the next day).")
            }
        } else {
            guard endInstant >= startInstant else { throw APIError.invalid("'end' must not be before 'start'.") }
        }
        event.setProperty(.dtstart, Property(name: .dtstart, dateTime: newStart))
        event.removeProperties(.duration)
        event.setProperty(.dtend, Property(name: .dtend, dateTime: newEnd))
    }

    private func recurrence(_ lines: [String]?, in event: inout Component) throws(APIError) {
        guard let lines else {
            if replacing && !isOverride { Self.removeRecurrence(from: &event) }
            return
        }
        if isOverride && !lines.isEmpty {
            throw APIError.invalid("One instance cannot have its own 'recurrence'; change the series (scope=all).")
        }
        var properties: [Property] = []
        for line in lines {
            let property = try Self.recurrenceProperty(line)
            properties.append(property)
        }
        guard properties.filter({ $0.name == .rrule }).count <= 1 else {
            throw APIError.invalid("'recurrence' may have one RRULE (RFC 5545 §3.8.5.3).")
        }
        Self.removeRecurrence(from: &event)
        event.properties.append(contentsOf: properties)
    }

    static func removeRecurrence(from event: inout Component) {
        event.properties.removeAll { [.rrule, .rdate, .exdate, .exrule].contains($0.name) }
    }

    /// One `recurrence` line read as the iCalendar content line it is.
    static func recurrenceProperty(_ line: String) throws(APIError) -> Property {
        guard !line.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw APIError.invalid("A 'recurrence' line must be one line, got '\(line)'.")
        }
        let bytes = Array(line.utf8)
        let property: Property
        do {
            property = try bytes.withUnsafeBufferPointer { buffer throws(ICalendarParseError) in
                try Property(contentLine: buffer)
            }
        } catch {
            throw APIError.invalid("'\(line)' is not an iCalendar line: \(error.description)")
        }
        switch property.name {
        case .rrule:
            do {
                _ = try property.recurrenceRule()
            } catch {
                throw APIError.invalid("'\(line)': \(error.description)")
            }
        case .rdate, .exdate:
            guard (try? property.dateTimes()) != nil || (try? property.periods()) != nil else {
                throw APIError.invalid("'\(line)' does not hold dates or date-times.")
            }
        default:
            throw APIError.invalid("A 'recurrence' line must be RRULE, RDATE or EXDATE, got '\(line)'.")
        }
        return property
    }

    /// Reminders become VALARMs; an alarm already stored with the same action and trigger is kept as it is, with
    /// whatever else it carries (its UID, ACKNOWLEDGED, X- properties).
    private func reminders(_ reminders: [Components.Schemas.Reminder]?, in event: inout Component) throws(APIError) {
        guard let reminders else {
            if replacing { event.components.removeAll { $0.name == .valarm } }
            return
        }
        var kept: [Component] = []
        let existing = event.components.filter { $0.name == .valarm }
        for reminder in reminders {
            guard (0...40_320).contains(reminder.minutesBefore) else {
                throw APIError.invalid("'minutesBefore' must be between 0 and 40320 (four weeks).")
            }
            if let same = existing.first(where: { EventRenderer.reminder(Alarm($0)) == reminder }),
               !kept.contains(same) {
                kept.append(same)
            } else {
                kept.append(try alarm(reminder, event: event))
            }
        }
        event.components.removeAll { $0.name == .valarm }
        event.components.append(contentsOf: kept)
    }

    private func alarm(_ reminder: Components.Schemas.Reminder, event: Component) throws(APIError) -> Component {
        let trigger = Property(name: .trigger, value: CalendarDuration(isNegative: reminder.minutesBefore > 0,
                                                                       minutes: reminder.minutesBefore).icalValue)
        let title = event.property(.summary)?.text ?? "Event"
        switch reminder.method {
        case .display:
            return Component(name: .valarm, properties: [
                Property(name: .action, value: "DISPLAY"), trigger, Property(name: .description, text: title),
            ])
        case .audio:
            return Component(name: .valarm, properties: [Property(name: .action, value: "AUDIO"), trigger])
        case .email:
            guard !ownerEmail.isEmpty else {
                throw APIError.invalid("An e-mail reminder needs an e-mail address on the calendar owner's account.")
            }
            return Component(name: .valarm, properties: [
                Property(name: .action, value: "EMAIL"), trigger, Property(name: .summary, text: title),
                Property(name: .description, text: "Reminder: " + title),
                Property(name: .attendee, value: "mailto:" + ownerEmail),
            ])
        }
    }

    /// Attendees by address: one already stored keeps its other parameters (SCHEDULE-STATUS, RSVP, CUTYPE, X-);
    /// a meeting gets the owner as ORGANIZER when it has none, so the invitations go out (RFC 6638 §3.2).
    private func attendees(_ attendees: [Components.Schemas.Attendee]?, in event: inout Component) throws(APIError) {
        guard let attendees else {
            if replacing { event.removeProperties(.attendee) }
            return
        }
        let existing = event.properties(.attendee)
        var properties: [Property] = []
        var seen: Set<String> = []
        for attendee in attendees {
            let email = attendee.email.trimmingSpaces
            guard Self.isAddress(email) else {
                throw APIError.invalid("'\(attendee.email)' is not an e-mail address.")
            }
            guard seen.insert(email.lowercased()).inserted else {
                throw APIError.invalid("'\(email)' is listed twice among the attendees.")
            }
            var property = existing.first { $0.mailtoAddress?.lowercased() == email.lowercased() }
                ?? Property(name: .attendee, parameters: [Parameter(.rsvp, "TRUE")], value: "mailto:" + email)
            if let name = attendee.displayName {
                try CalendarFields.plainText(name, field: "displayName")
                Self.set(.cn, name.isEmpty ? nil : name, on: &property)
            }
            if let optional = attendee.optional {
                Self.set(.role, optional ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT", on: &property)
            }
            if let status = attendee.responseStatus {
                let value = switch status {
                case .needsAction: "NEEDS-ACTION"
                case .accepted: "ACCEPTED"
                case .declined: "DECLINED"
                case .tentative: "TENTATIVE"
                case .delegated: "DELEGATED"
                }
                Self.set(.partstat, value, on: &property)
            } else if property[parameter: .partstat] == nil {
                Self.set(.partstat, "NEEDS-ACTION", on: &property)
            }
            properties.append(property)
        }
        let position = event.properties.firstIndex { $0.name == .attendee } ?? event.properties.endIndex
        event.removeProperties(.attendee)
        event.properties.insert(contentsOf: properties, at: min(position, event.properties.endIndex))
        if !properties.isEmpty && event.property(.organizer) == nil {
            guard !ownerEmail.isEmpty else {
                throw APIError.invalid("Inviting people needs an e-mail address on the calendar owner's account: it "
                                           + "is the organizer's.")
            }
            var organizer = Property(name: .organizer, value: "mailto:" + ownerEmail)
            if !ownerName.isEmpty { Self.set(.cn, ownerName, on: &organizer) }
            event.properties.append(organizer)
        }
    }

    /// URI attachments; inline ones (VALUE=BINARY) are not in the JSON and stay.
    private func attachments(_ attachments: [Components.Schemas.Attachment]?, in event: inout Component)
        throws(APIError) {
        guard let attachments else {
            if replacing { event.properties.removeAll { $0.name == .attach && EventRenderer.attachment($0) != nil } }
            return
        }
        var properties: [Property] = []
        for attachment in attachments {
            guard let scheme = attachment.url.split(separator: ":", maxSplits: 1).first, scheme.count < attachment.url.count,
                  scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
                  !attachment.url.contains(where: { $0.isWhitespace }) else {
                throw APIError.invalid("Attachment url '\(attachment.url)' is not an absolute URI.")
            }
            var property = Property(name: .attach, value: attachment.url)
            if let title = attachment.title, !title.isEmpty {
                try CalendarFields.plainText(title, field: "title")
                Self.set(Self.filename, title, on: &property)
            }
            properties.append(property)
        }
        event.properties.removeAll { $0.name == .attach && EventRenderer.attachment($0) != nil }
        event.properties.append(contentsOf: properties)
    }

    /// Applies `input` to the master at `masterIndex` and, field by field, to each override that still has the
    /// master's old value of that field (an override made for one instance's time keeps the series' title and
    /// follows a rename; one whose title was changed on its own keeps it). Times, recurrence, reminders, attendees
    /// and attachments are the master's alone.
    func applyToSeries(_ input: Components.Schemas.EventInput, in document: inout EventDocument, masterIndex: Int)
        throws(APIError) {
        let oldMaster = document.calendar.components[masterIndex]
        try apply(input, to: &document.calendar.components[masterIndex])
        var follower = self
        follower.isOverride = true
        // An override takes only the fields handed to it; the others stay as the override has them.
        follower.replacing = false
        for index in document.calendar.components.indices where index != masterIndex {
            let component = document.calendar.components[index]
            guard component.name == .vevent, component.property(.recurrenceID) != nil else { continue }
            let inherited = Self.inherited(input, by: component, from: oldMaster)
            guard inherited != Components.Schemas.EventInput() else { continue }
            try follower.apply(inherited, to: &document.calendar.components[index])
        }
    }

    /// The text fields of `input` whose value in `override` is still the one `master` had.
    private static func inherited(_ input: Components.Schemas.EventInput, by override: Component,
                                  from master: Component) -> Components.Schemas.EventInput {
        func unchanged(_ name: PropertyName) -> Bool { override.property(name)?.value == master.property(name)?.value }
        var result = Components.Schemas.EventInput()
        if unchanged(.summary) { result.title = input.title }
        if unchanged(.description) { result.description = input.description }
        if unchanged(.location) { result.location = input.location }
        if unchanged(.color) { result.color = input.color }
        if unchanged(.status) { result.status = input.status }
        if unchanged(.class) { result.visibility = input.visibility }
        if unchanged(.transp) { result.transparency = input.transparency }
        return result
    }

    static func set(_ name: ParameterName, _ value: String?, on property: inout Property) {
        property.parameters.removeAll { $0.name == name }
        if let value { property.parameters.append(Parameter(name, value)) }
    }

    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !text.contains(where: { $0.isWhitespace || $0 == ":" || $0 == ";" || $0 == "," || $0 == "\"" })
            && text.count <= 254
    }
}
