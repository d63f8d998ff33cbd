import Calendaring
import DAVXML
import WebDAV

/// The one place refusals of the calendar become DAV errors: each condition is the RFC precondition element of the
/// same name, with the status RFC 4791 §1.3 gives a precondition that repeating the request cannot satisfy (403),
/// and the calendar's reason as the response description.
extension CalendaringError {
    package var davError: DAVError {
        switch self {
        case .refused(let condition, let reason):
            switch condition {
            case .supportedCalendarData: .forbidden(reason, condition: .calDAV.supportedCalendarDataCondition)
            case .validCalendarData: .forbidden(reason, condition: .calDAV.validCalendarData)
            case .validCalendarObjectResource: .forbidden(reason, condition: .calDAV.validCalendarObjectResource)
            case .supportedCalendarComponent: .forbidden(reason, condition: .calDAV.supportedCalendarComponent)
            case .maxResourceSize: .forbidden(reason, condition: .calDAV.maxResourceSize)
            case .supportedCollation: .forbidden(reason, condition: .calDAV.supportedCollation)
            case .supportedRscale: .forbidden(reason, condition: .calDAV.supportedRscale)
            }
        }
    }
}
