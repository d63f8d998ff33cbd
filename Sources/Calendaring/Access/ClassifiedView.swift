import ICalendar

/// What a sharee sees of events the owner marked private or confidential, as Apple's and Google's servers show them:
/// a PRIVATE event is a busy block (its time, "Busy", nothing else), a CONFIDENTIAL one its time and title. The
/// owner sees everything (`CalendarAccess.seesEveryDetail`); public events are shown whole to everyone who may read.
///
/// Spec: RFC 5545 §3.8.1.3 (CLASS: PUBLIC, PRIVATE, CONFIDENTIAL; a value an application does not recognise is
/// treated as PRIVATE). The time and recurrence properties stay, so the blocks recur and take part in free/busy as
/// the event does; alarms, attendees, descriptions, locations, attachments and vendor properties go.
public enum ClassifiedView {
    /// How much of a component a sharee may see.
    public enum Visibility: Sendable, Hashable {
        case whole
        case timeAndTitle
        case busyBlock
    }

    /// The title a busy block carries instead of the event's.
    public static let busyTitle = "Busy"

    public static func visibility(of component: Component) -> Visibility {
        guard let value = component.property(.class)?.value else { return .whole }
        switch value.uppercased() {
        case "PUBLIC": return .whole
        case "CONFIDENTIAL": return .timeAndTitle
        default: return .busyBlock
        }
    }

    /// The properties a busy block keeps: identity, time, recurrence, and how the time counts (TRANSP, STATUS).
    static let timeProperties: Set<PropertyName> = [
        .uid, .dtstamp, .dtstart, .dtend, .duration, .due, .rrule, .rdate, .exdate, .exrule, .recurrenceID,
        .sequence, .transp, .status, .class,
    ]

    /// A calendar object as a sharee may see it: VEVENT, VTODO and VJOURNAL components reduced by their class;
    /// VTIMEZONEs and public components as they are. Returns the object unchanged when nothing in it is classified.
    public static func view(of calendar: Component) -> Component {
        var result = calendar
        for index in result.components.indices {
            let component = result.components[index]
            guard component.name != .vtimezone else { continue }
            switch visibility(of: component) {
            case .whole: continue
            case .timeAndTitle: result.components[index] = reduced(component, keepingTitle: true)
            case .busyBlock: result.components[index] = reduced(component, keepingTitle: false)
            }
        }
        return result
    }

    private static func reduced(_ component: Component, keepingTitle: Bool) -> Component {
        var reduced = Component(name: component.name)
        reduced.properties = component.properties.filter {
            timeProperties.contains($0.name) || (keepingTitle && $0.name == .summary)
        }
        if !keepingTitle { reduced.properties.append(Property(name: .summary, value: busyTitle)) }
        return reduced
    }
}
