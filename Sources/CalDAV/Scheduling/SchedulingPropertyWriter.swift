import Calendaring
import CalendarStore
import DAVXML
import WebDAV

/// The scheduling properties a client sets by PROPPATCH, checked before they are kept as dead properties (the
/// readers — `CalendarRecord.isScheduleTransparent`, `SchedulingDeadProperties`, the PropertyReader — read them
/// back from there).
/// Spec: RFC 6638 §9.1 (CALDAV:schedule-calendar-transp: one CALDAV:opaque or CALDAV:transparent element),
/// RFC 7953 §7.2.4 (CALDAV:calendar-availability: iCalendar text with VAVAILABILITY components),
/// RFC 4918 §9.2.1 (409 for a value whose semantics do not fit the property).
enum SchedulingPropertyWriter {
    /// The properties this writer checks.
    static let names: Set<XMLName> = [.calDAV.scheduleCalendarTransp, .calDAV.calendarAvailability]

    /// The dead property to store for `element`, or the error refusing it.
    static func deadProperty(_ element: XMLElement) -> Result<DeadProperty, DAVError> {
        switch element.name {
        case .calDAV.scheduleCalendarTransp:
            let values = element.elements
            guard values.count == 1, let value = values.first,
                  value.name == .calDAV.opaque || value.name == .calDAV.transparent,
                  element.text.trimmingWhitespace.isEmpty else {
                return .failure(.conflict("schedule-calendar-transp holds exactly one CALDAV:opaque or CALDAV:transparent element."))
            }
            // Stored in one canonical spelling: whatever prefixes or whitespace the client used, readers see the same.
            return .success(dead(XMLElement(element.name, elements: [XMLElement(value.name)])))
        case .calDAV.calendarAvailability:
            do throws(CalendaringError) {
                _ = try CalendarAvailability(text: element.text)
            } catch {
                return .failure(error.davError)
            }
            return .success(dead(element))
        default:
            return .success(dead(element))
        }
    }

    private static func dead(_ element: XMLElement) -> DeadProperty {
        DeadProperty(namespace: element.name.namespace, name: element.name.local, xml: XMLWriter.fragment(element))
    }
}
