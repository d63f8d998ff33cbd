import Calendaring
import DAVXML
import WebDAV

/// The one place refusals of the calendar become DAV errors: each precondition is the RFC element of the same name
/// with the status RFC 4791 §1.3 gives a precondition that repeating the request cannot satisfy (403); a failed
/// request condition is 412 (RFC 9110 §13.1), concurrent updates 503, the rate limit 429 with Retry-After (RFC 6585
/// §4), a server fault 500. The calendar's reason is the response description. Store and iTIP errors are mapped
/// where those layers' errors always are (`StoreError+DAV.swift`, `ITIPError+DAV.swift`).
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
            case .noUIDConflict(let href):
                .forbidden(reason, condition: .calDAV.noUIDConflict, content: [XMLElement(.dav.href, text: href)])
            case .supportedCollation: .forbidden(reason, condition: .calDAV.supportedCollation)
            case .supportedRscale: .forbidden(reason, condition: .calDAV.supportedRscale)
            case .validSchedulingMessage: .forbidden(reason, condition: .calDAV.validSchedulingMessage)
            case .originatorAllowed: .forbidden(reason, condition: .calDAV.originatorAllowed)
            case .organizerAllowed: .forbidden(reason, condition: .calDAV.organizerAllowed)
            case .recipientSpecified: .forbidden(reason, condition: .calDAV.recipientSpecified)
            case .maxRecipients: .forbidden(reason, condition: .calDAV.maxRecipients)
            case .maxAttendeesPerInstance: .forbidden(reason, condition: .calDAV.maxAttendeesPerInstance)
            case .conditionFailed: .preconditionFailed(reason)
            case .concurrentUpdates: DAVError(status: 503, message: reason)
            case .rateLimited(let seconds):
                DAVError(status: 429, message: reason, headers: DAVHeaders([("Retry-After", String(seconds))]))
            case .serverFault: DAVError(status: 500, message: reason)
            case .needPrivileges: .forbidden(reason, condition: .dav.needPrivileges)
            case .recognizedPrincipal: .forbidden(reason, condition: .dav.recognizedPrincipal)
            case .grantToOwner, .conflictingGrants: .forbidden(reason, condition: .dav.noAceConflict)
            case .allowedPrincipal: .forbidden(reason, condition: .dav.allowedPrincipal)
            case .invalidToken: .badRequest(reason)
            }
        case .store(let error): error.davError
        case .scheduling(let error): error.davError
        }
    }
}
