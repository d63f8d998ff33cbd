/// Conditions a store names when it refuses an operation. Callers map these to protocol errors in one place.
public enum StoreError: Error, Sendable, Hashable {
    /// The user, calendar or object does not exist.
    case notFound
    /// Creating something whose name is already taken (user name, calendar slug, object name with `mustNotExist`).
    case alreadyExists
    /// A conditional write's ETag did not match the stored one (or the object was absent when `etagMatches` was asked).
    case etagMismatch(current: ETag?)
    /// Another object in the same calendar already has this UID; carries that object's name.
    case uidConflict(existingName: String)
    /// A sync revision the store does not know (newer than current, or older than the retained change log).
    case invalidSyncToken
    /// The value breaks a store limit or constraint (empty name, oversize data, ...).
    case invalidArgument(String)
    /// A change of a multi-change transaction (`CalendarStore.apply`) failed for `reason`; nothing was applied.
    indirect case changeFailed(index: Int, reason: StoreError)
    /// The storage engine failed (I/O, corruption, busy beyond the timeout). The message is for logs only.
    case backend(String)
    /// The storage engine cannot be reached for now (a database server restarting or failing over to its standby):
    /// nothing was carried out and the same request may succeed when repeated. The message is for logs only.
    case unavailable(String)
}
