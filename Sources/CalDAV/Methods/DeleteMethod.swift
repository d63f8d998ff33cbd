import CalendarStore
import Calendaring
import WebDAV

/// DELETE of a calendar object (honouring If-Match inside the transaction) or of a whole calendar.
/// Spec: RFC 4918 §9.6, RFC 9110 §13.1.1.
struct DeleteMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let resource = try await context.resolve()
        let conditions = ConditionalHeaders(context.request.headers)
        switch resource {
        case .object(let user, let calendar, let object):
            if let scheduleTag = context.request.headers["If-Schedule-Tag-Match"],
               object.index.scheduleTag != ScheduleTagHeader.value(scheduleTag) {
                throw DAVError.preconditionFailed("If-Schedule-Tag-Match does not match the current Schedule-Tag.")
            }
            if !conditions.ifMatchSatisfied(currentTag: object.etag.value) {
                throw DAVError.preconditionFailed("If-Match does not match the current ETag.")
            }
            if !calendar.isScheduleInbox, try await scheduledDelete(calendar: calendar, object: object, home: user) {
                return DAVResponse(status: 204)
            }
            var ifMatch: ETag?
            switch conditions.ifMatch {
            case .tags(let tags)?:
                guard conditions.ifMatchSatisfied(currentTag: object.etag.value) else {
                    throw DAVError.preconditionFailed("If-Match does not match the current ETag.")
                }
                ifMatch = tags.isEmpty ? nil : object.etag
            case .any?, nil: break
            }
            let tag = ifMatch
            do {
                try await context.store.deleteObject(calendarID: calendar.id, name: object.name, ifMatch: tag)
            } catch .notFound {
                throw DAVError.notFound()
            } catch {
                throw error.davError
            }
        case .calendar(let user, let calendar) where calendar.ownerID != user.id:
            // The mount of a calendar shared with the user: deleting it leaves the share, never the owner's calendar.
            try await leaveShare(calendar, sharee: user)
        case .calendar(_, let calendar):
            // The resolver lets only the owner here; kept as a second lock, since this deletes the owner's calendar.
            guard calendar.ownerID == context.request.principal.userID else {
                throw SharedResourceRule.refusal(context.hrefs.href(resource.path), operation: .delete, on: .calendar)
            }
            if calendar.isScheduleInbox { throw DAVError.forbidden("The scheduling inbox cannot be deleted.") }
            try await context.store { store throws(StoreError) in try await store.deleteCalendar(id: calendar.id) }
        case .notification(let user, let notice):
            // A client deletes a notice once it has handled it (calendarserver-sharing §4).
            do {
                try await context.store.deleteShareNotice(userID: user.id, uid: notice.uid)
            } catch .notFound {
                throw DAVError.notFound()
            } catch {
                throw error.davError
            }
        case .unmappedObject, .unmappedCalendar:
            throw DAVError.notFound()
        default:
            throw DAVError.forbidden("This collection cannot be deleted.")
        }
        return DAVResponse(status: 204)
    }

    /// Implicit scheduling of the deletion (RFC 6638 §3.2); false when the object is not a scheduling object.
    private func scheduledDelete(calendar: CalendarRecord, object: CalendarObjectRecord, home: User)
        async throws(DAVError) -> Bool {
        let scheduler = try await context.implicitScheduler(for: calendar, home: home)
        do {
            return try await scheduler.delete(calendar: calendar, object: object)
        } catch {
            throw error.davError
        }
    }

    /// Declines the user's own grant of the calendar (`CalendarSharing.respond`): the mount leaves their home and
    /// their access ends, and the owner is told. A share reaching them only through a group is the group's to end.
    private func leaveShare(_ calendar: CalendarRecord, sharee: User) async throws(DAVError) {
        try await context.share { sharing throws(CalendaringError) in
            try await sharing.respond(calendar, sharee: sharee, accept: false)
        }
    }
}
