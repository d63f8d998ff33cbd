import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Reads a CALDAV:comp-filter element.
///
/// Spec: RFC 4791 §9.7.1 — `(is-not-defined | (time-range?, prop-filter*, comp-filter*))`. Nesting must make sense
/// (§7.8 CALDAV:valid-filter: no VEVENT inside a VTODO; `CompFilter.parents`); unknown and X- components may appear
/// anywhere below VCALENDAR; no time-range on a component without time semantics (`CompFilter.timeless`).
extension CompFilter {
    static func parse(_ element: XMLElement, parent: ComponentName?) throws(DAVError) -> CompFilter {
        let name = ComponentName(try CalendarFilter.nameAttribute(of: element))
        if let parent {
            guard name != .vcalendar, Self.parents[name].map({ $0.contains(parent) }) ?? true else {
                throw CalendarFilter.invalid("a \(name.rawValue) comp-filter cannot be nested in \(parent.rawValue)")
            }
        } else if name != .vcalendar {
            throw CalendarFilter.invalid("the filter's comp-filter must name VCALENDAR, not \(name.rawValue)")
        }
        let isNotDefined = element.first(XMLName.calDAV.isNotDefined) != nil
        let timeRanges = element.all(XMLName.calDAV.timeRange)
        let propElements = element.all(XMLName.calDAV.propFilter)
        let compElements = element.all(XMLName.calDAV.compFilter)
        guard timeRanges.count <= 1 else { throw CalendarFilter.invalid("comp-filter \(name.rawValue) holds more than one time-range") }
        guard !isNotDefined || timeRanges.count + propElements.count + compElements.count == 0 else {
            throw CalendarFilter.invalid("comp-filter \(name.rawValue) with is-not-defined takes no other test")
        }
        var timeRange: TimeRange?
        if let element = timeRanges.first {
            guard !Self.timeless.contains(name) else {
                throw CalendarFilter.invalid("a time-range cannot apply to \(name.rawValue)")
            }
            timeRange = try TimeRangeElement.parse(element, bothRequired: false, error: CalendarFilter.invalid)
        }
        var props: [PropFilter] = []
        for element in propElements { props.append(try PropFilter.parse(element)) }
        var comps: [CompFilter] = []
        for element in compElements { comps.append(try CompFilter.parse(element, parent: name)) }
        return CompFilter(name: name, isNotDefined: isNotDefined, timeRange: timeRange, propFilters: props,
                          compFilters: comps, test: FilterTest(attribute: element.attribute("test")))
    }
}
