import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Reads a CALDAV:prop-filter element.
///
/// Spec: RFC 4791 §9.7.2 — `(is-not-defined | ((time-range | text-match)?, param-filter*))`. A time-range only makes
/// sense on a property holding dates (§7.8 valid-filter: "cannot nest a time-range in a prop SUMMARY";
/// `PropFilter.datedProperties`); on other properties it is refused as an invalid filter.
extension PropFilter {
    static func parse(_ element: XMLElement) throws(DAVError) -> PropFilter {
        let name = PropertyName(try CalendarFilter.nameAttribute(of: element))
        let isNotDefined = element.first(XMLName.calDAV.isNotDefined) != nil
        let timeRanges = element.all(XMLName.calDAV.timeRange)
        let textMatches = element.all(XMLName.calDAV.textMatch)
        let paramElements = element.all(XMLName.calDAV.paramFilter)
        guard timeRanges.count + textMatches.count <= 1 else {
            throw CalendarFilter.invalid("prop-filter \(name.rawValue) holds at most one time-range or text-match")
        }
        guard !isNotDefined || timeRanges.count + textMatches.count + paramElements.count == 0 else {
            throw CalendarFilter.invalid("prop-filter \(name.rawValue) with is-not-defined takes no other test")
        }
        var timeRange: TimeRange?
        if let element = timeRanges.first {
            guard datedProperties.contains(name) || name.isExtension else {
                throw CalendarFilter.invalid("a time-range cannot apply to \(name.rawValue), which holds no date")
            }
            timeRange = try TimeRangeElement.parse(element, bothRequired: false, error: CalendarFilter.invalid)
        }
        var params: [ParamFilter] = []
        for element in paramElements { params.append(try ParamFilter.parse(element)) }
        return PropFilter(name: name, isNotDefined: isNotDefined, timeRange: timeRange,
                          textMatch: try textMatches.first.map(TextMatch.parse), paramFilters: params,
                          test: FilterTest(attribute: element.attribute("test")))
    }
}
