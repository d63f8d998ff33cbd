import DAVXML
import ITIP
import WebDAV

/// The one place scheduling refusals become DAV errors (RFC 6638 §3.2.4 preconditions).
extension ITIPError {
    var davError: DAVError {
        switch self {
        case .invalidMessage(let message):
            .forbidden(message, condition: .calDAV.validSchedulingMessage)
        case .organizerMismatch:
            .forbidden("Every component of a scheduling object must have the same ORGANIZER.",
                       condition: .calDAV.sameOrganizerInAllComponents)
        case .attendeeChangeNotAllowed(let message):
            .forbidden(message, condition: .calDAV.allowedAttendeeSchedulingObjectChange)
        case .organizerChangeNotAllowed(let message):
            .forbidden(message, condition: .calDAV.allowedOrganizerSchedulingObjectChange)
        }
    }
}
