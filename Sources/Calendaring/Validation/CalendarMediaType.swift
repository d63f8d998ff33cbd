/// The Content-Type check of a PUT into a calendar collection.
///
/// Spec: RFC 4791 §5.3.2.1 (CALDAV:supported-calendar-data: the body MUST be a supported media type, i.e.
/// iCalendar), §4.1 (text/calendar). Only the type and subtype are compared, case-insensitively (RFC 9110 §8.3.1);
/// parameters such as `charset` or `component` are ignored, because clients add them in every variation. A missing
/// Content-Type is accepted: the body is then judged by parsing it.
package enum CalendarMediaType {
    package static let iCalendar = "text/calendar"

    package static func check(_ contentType: String?) throws(CalendaringError) {
        guard let contentType else { return }
        let essence = essence(of: contentType)
        guard essence.isEmpty || essence == iCalendar else {
            throw .refused(.supportedCalendarData, reason: "a calendar collection stores text/calendar, not \(essence)")
        }
    }

    /// `type/subtype` in lower case, without parameters or surrounding space.
    package static func essence(of contentType: String) -> String {
        let head = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(head.filter { !$0.isWhitespace }).lowercased()
    }
}
