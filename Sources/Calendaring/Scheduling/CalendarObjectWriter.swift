import CalendarStore

/// Stores and deletes calendar objects as every door must: a scheduling object (one the owner organizes or attends,
/// before or after the change) through implicit scheduling, so its attendees hear of it in the same transaction;
/// anything else plainly, with its index. The door has validated the object and checked the user's access.
///
/// Spec: RFC 6638 §3.2 (scheduling follows the write of the organizer's or attendee's object), RFC 4791 §5.3.2.
package struct CalendarObjectWriter: Sendable {
    let context: SchedulingContext
    let scheduler: ImplicitScheduler
    /// Whose calendar home names the object in a refusal (the UID conflict's URL).
    let homeName: String

    /// - Parameters:
    ///   - owner: the calendar's owner, whom scheduling messages speak for.
    ///   - writer: who writes, when not the owner (a sharee or delegate, named in SENT-BY).
    package init(context: SchedulingContext, owner: User, writer: User?) {
        self.context = context
        self.scheduler = ImplicitScheduler(context: context, owner: owner, writer: writer)
        self.homeName = owner.name
    }

    package struct Written: Sendable {
        package var object: CalendarObjectRecord
        package var created: Bool
        /// True when the stored bytes are the ones given (scheduling may add SCHEDULE-STATUS).
        package var storedAsGiven: Bool
    }

    /// Stores `validated` as `name` in `calendar`, if `precondition` holds in the writing transaction.
    package func put(_ validated: ValidatedCalendarObject, name: String, in calendar: CalendarRecord,
                     existing: CalendarObjectRecord?, precondition: WritePrecondition)
        async throws(CalendaringError) -> Written {
        if let written = try await scheduler.put(calendar: calendar, name: name, existing: existing,
                                                 validated: validated, body: validated.data,
                                                 precondition: precondition) {
            return Written(object: written.object, created: written.created, storedAsGiven: written.storedAsSent)
        }
        let index = context.indexer(for: calendar).index(validated)
        do {
            let result = try await context.store.putObject(calendarID: calendar.id, name: name, data: validated.data,
                                                           index: index, precondition: precondition)
            return Written(object: result.object, created: result.created, storedAsGiven: true)
        } catch {
            throw error.objectWriteError(owner: homeName, calendarSlug: calendar.slug, urls: context.urls)
        }
    }

    /// Deletes `object` from `calendar` if it is still the version read (its ETag), telling a meeting's attendees
    /// or organizer.
    package func delete(_ object: CalendarObjectRecord, from calendar: CalendarRecord) async throws(CalendaringError) {
        if !calendar.isScheduleInbox, try await scheduler.delete(calendar: calendar, object: object) { return }
        do {
            try await context.store.deleteObject(calendarID: calendar.id, name: object.name, ifMatch: object.etag)
        } catch .etagMismatch {
            throw .refused(.conditionFailed, reason: "The event was changed by someone else since it was read.")
        } catch {
            throw .store(error)
        }
    }
}
