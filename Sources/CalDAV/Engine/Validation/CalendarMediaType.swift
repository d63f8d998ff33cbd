import DAVXML
import WebDAV

/// The Content-Type check of a PUT into a calendar collection.
///
/// Spec: RFC 4791 §5.3.2.1 (CALDAV:supported-calendar-data: the body MUST be a supported media type, i.e.
/// iCalendar), §4.1 (text/calendar). Only the type and subtype are compared, case-insensitively (RFC 9110 §8.3.1);
/// parameters such as `charset` or `component` are ignored, because clients add them in every variation. A missing
/// Content-Type is accepted: the body is then judged by parsing it.
enum CalendarMediaType {
    static let iCalendar = "text/calendar"

    static func check(_ contentType: String?) throws(DAVError) {
        guard let contentType else { return }
        let essence = essence(of: contentType)
        guard essence.isEmpty || essence == iCalendar else {
            throw DAVError.forbidden("a calendar collection stores text/calendar, not \(essence)",
                                     condition: XMLName.calDAV.supportedCalendarDataCondition)
        }
    }

    /// `type/subtype` in lower case, without parameters or surrounding space.
    static func essence(of contentType: String) -> String {
        let head = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(head.filter { !$0.isWhitespace }).lowercased()
    }
}
