import CalendarStore
import DAVXML
import WebDAV

/// The one place store conditions become DAV errors. Handlers that know better (a uidConflict needs the href of the
/// other resource) catch the case before it gets here.
extension StoreError {
    var davError: DAVError {
        switch self {
        case .notFound: .notFound()
        case .alreadyExists: DAVError(status: 412, message: "A resource with this name already exists.")
        case .etagMismatch: .preconditionFailed("The resource was changed by someone else (ETag mismatch).")
        case .uidConflict: .forbidden("Another object in this calendar has the same UID.", condition: .calDAV.noUIDConflict)
        case .invalidSyncToken: .forbidden("The sync token is not valid for this collection.", condition: .dav.validSyncToken)
        case .invalidArgument(let message): .badRequest(message)
        case .changeFailed(_, let reason): reason.davError
        case .backend: DAVError(status: 500, message: "The store failed; the request was not carried out.")
        case .unavailable:
            // Not "not carried out": a commit in flight when the database failed over may have reached the standby.
            DAVError(status: 503, message: "The store cannot be reached for now; try again shortly (a write in "
                         + "flight may or may not have been stored: read it back before repeating it).",
                     headers: DAVHeaders([("Retry-After", "2")]))
        }
    }
}
