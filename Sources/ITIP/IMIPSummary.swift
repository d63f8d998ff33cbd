import ICalendar

/// What a person needs to know about an iTIP message, read from its calendar: the action, the title, when, where,
/// who. Both the text and the HTML part of an iMIP message show it.
/// Spec: RFC 6047 §2.4 (a human-readable part beside the text/calendar part), RFC 5546 §3.2 (the methods).
struct IMIPSummary: Sendable, Hashable {
    struct Person: Sendable, Hashable {
        var name: String?
        var email: String?
        var status: String?

        /// `Name <mail>`, `mail`, or the name alone.
        var display: String {
            switch (name, email) {
            case (let name?, let email?): name + " <" + email + ">"
            case (let name?, nil): name
            case (nil, let email?): email
            case (nil, nil): "(unknown)"
            }
        }
    }

    /// The subject prefix: "Invitation", "Updated invitation", "Cancelled", "Accepted", ...
    var action: String
    /// One sentence saying who did what.
    var sentence: String
    var title: String
    var when: [String]
    var recurrence: String?
    var location: String?
    var organizer: Person?
    var attendees: [Person]
    var comment: String?
    var description: String?
    var method: ITIPMethod

    /// At most this many attendees are listed; the rest are counted.
    static let attendeeLimit = 50

    init(_ message: ITIPMessage) {
        method = message.method
        let components = message.calendar.components.filter {
            $0.name == .vevent || $0.name == .vtodo || $0.name == .vjournal || $0.name == .vfreebusy
        }
        // The master when present; an iTIP message about single instances carries only overrides.
        let primary = components.first { $0.property(.recurrenceID) == nil } ?? components.first ?? Component(name: .vevent)
        title = primary.property(.summary).map { $0.text }.flatMap { $0.isEmpty ? nil : $0 } ?? "(no title)"
        if primary.property(.recurrenceID) == nil {
            when = IMIPWhen.describe(primary).map { [$0] } ?? []
        } else {
            when = components.compactMap { component in
                (try? component.property(.recurrenceID)?.dateTime()).map { IMIPWhen.single($0) }
            }
        }
        recurrence = primary.property(.rrule)?.value
        location = primary.property(.location)?.text
        organizer = primary.property(.organizer).map(Self.person)
        let everyone = primary.properties(.attendee).map(Self.person)
        attendees = everyone
        comment = primary.property(.comment)?.text
        description = primary.property(.description)?.text

        let originatorEmail = message.originator.email
        let replying = primary.properties(.attendee).first { $0.mailtoAddress == originatorEmail }
            ?? primary.properties(.attendee).first
        let actorName: String
        if message.method.isFromAttendee {
            actorName = replying.map(Self.person)?.display ?? originatorEmail ?? message.originator.value
        } else {
            actorName = organizer?.display ?? originatorEmail ?? message.originator.value
        }
        let partstat = replying?[parameter: .partstat]?.uppercased()
        (action, sentence) = Self.describe(method: message.method, sequence: Event(primary).sequence,
                                           partstat: partstat, actor: actorName)
    }

    private static func person(_ property: Property) -> Person {
        let name = property[parameter: .cn].flatMap { $0.isEmpty ? nil : $0 }
        let status = property[parameter: .partstat].map { $0.lowercased().replacingHyphens() }
        return Person(name: name, email: property.mailtoAddress, status: status)
    }

    private static func describe(method: ITIPMethod, sequence: Int, partstat: String?, actor: String)
        -> (action: String, sentence: String) {
        switch method {
        case .request where sequence > 0: ("Updated invitation", actor + " updated this event.")
        case .request: ("Invitation", actor + " invites you to this event.")
        case .add: ("Updated invitation", actor + " added occurrences to this event.")
        case .cancel: ("Cancelled", actor + " cancelled this event.")
        case .publish: ("Event", actor + " published this event.")
        case .counter: ("Counter proposal", actor + " proposes a change to this event.")
        case .declineCounter: ("Proposal declined", actor + " declined your proposed change to this event.")
        case .refresh: ("Refresh request", actor + " asks for the current version of this event.")
        case .reply:
            switch partstat {
            case "ACCEPTED": ("Accepted", actor + " accepted this invitation.")
            case "DECLINED": ("Declined", actor + " declined this invitation.")
            case "TENTATIVE": ("Tentative", actor + " tentatively accepted this invitation.")
            case "DELEGATED": ("Delegated", actor + " delegated this invitation.")
            default: ("Reply", actor + " replied to this invitation.")
            }
        }
    }

    /// `Accepted: Team meeting`.
    var subject: String { action + ": " + title }

    /// The labelled lines both bodies show, in order.
    var fields: [(label: String, values: [String])] {
        var fields: [(String, [String])] = [("What", [title])]
        if !when.isEmpty { fields.append(("When", when)) }
        if let recurrence { fields.append(("Repeats", ["RRULE " + recurrence])) }
        if let location, !location.isEmpty { fields.append(("Where", [location])) }
        if let organizer { fields.append(("Organizer", [organizer.display])) }
        if !attendees.isEmpty {
            var lines = attendees.prefix(Self.attendeeLimit).map { person in
                person.display + (person.status.map { " (" + $0 + ")" } ?? "")
            }
            if attendees.count > Self.attendeeLimit { lines.append("and \(attendees.count - Self.attendeeLimit) more") }
            fields.append(("Attendees", lines))
        }
        if let comment, !comment.isEmpty { fields.append(("Comment", [comment])) }
        return fields
    }
}

extension String {
    fileprivate func replacingHyphens() -> String {
        String(map { $0 == "-" ? " " : $0 })
    }
}
