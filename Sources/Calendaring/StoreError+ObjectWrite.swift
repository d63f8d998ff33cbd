import CalendarStore

extension StoreError {
    /// How a refused write of a calendar object (PUT, COPY, MOVE, or the owner's own write of a scheduling change)
    /// is reported: a UID conflict names the object of `owner`'s calendar `calendarSlug` that holds the UID, a
    /// create-only or replace-only write whose condition failed is a failed condition, anything else is the store's
    /// own error.
    ///
    /// Spec: RFC 4791 §5.3.2.1 (CALDAV:no-uid-conflict with the href of the other object), RFC 9110 §13.1.1–13.1.2.
    package func objectWriteError(owner: String, calendarSlug: String, urls: any CalendarURLs) -> CalendaringError {
        switch self {
        case .uidConflict(let existing):
            return .refused(.noUIDConflict(href: urls.objectURL(owner: owner, calendar: calendarSlug, name: existing)),
                            reason: "Another object in this calendar already has this UID.")
        case .alreadyExists, .notFound:
            return .refused(.conditionFailed, reason: "The conditional request failed: the object "
                                                  + (self == .notFound ? "does not exist." : "already exists."))
        default:
            return .store(self)
        }
    }
}
