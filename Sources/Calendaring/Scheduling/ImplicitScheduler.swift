import CalendarStore
import ICalendar
import ITIP

/// Implicit scheduling around PUT and DELETE of a calendar object resource: when the object is a scheduling object
/// (the owner organizes it or attends it), the change is turned into iTIP messages (`ITIP.messages`), delivered to
/// local users' inboxes and calendars or queued as e-mail, and the owner's object is stored with SCHEDULE-STATUS
/// and a Schedule-Tag — all in one store transaction, so an acknowledged write never leaves a meeting half-updated.
/// Spec: RFC 6638 §3.2 (scheduling operations), §3.2.9 (SCHEDULE-STATUS), §3.2.10 (Schedule-Tag), §8.3
/// (If-Schedule-Tag-Match).
package struct ImplicitScheduler: Sendable {
    let context: SchedulingContext
    /// The owner of the calendar written: the organizer or attendee the messages speak for.
    let owner: User
    /// Who writes, when not the owner: a sharee with the write role or a delegate, named in SENT-BY.
    let writer: User?
    /// Whose calendar home the request's URL named (a sharee's, for a calendar mounted there), for hrefs in errors.
    let homeName: String

    package init(context: SchedulingContext, owner: User, writer: User? = nil, homeName: String? = nil) {
        self.context = context
        self.owner = owner
        self.writer = writer.flatMap { $0.id == owner.id ? nil : $0 }
        self.homeName = homeName ?? owner.name
    }

    /// How often a plan is rebuilt when a recipient's copy changed between reading and committing.
    static let attempts = 3

    /// The result of a scheduled write, for the response headers.
    package struct Written: Sendable {
        package var object: CalendarObjectRecord
        package var created: Bool
        /// True when the stored bytes are the request body (so the ETag may be returned, RFC 4791 §5.3.4).
        package var storedAsSent: Bool
    }

    /// Handles a PUT of `body` (validated) when old or new is a scheduling object; nil when neither is, so the caller
    /// stores it plainly.
    package func put(calendar: CalendarRecord, name: String, existing: CalendarObjectRecord?,
                     validated: ValidatedCalendarObject, body: [UInt8], precondition: WritePrecondition)
        async throws(CalendaringError) -> Written? {
        let actor = directory.calendarUser(owner)
        let old = existing.flatMap { try? SchedulingDelivery.parse($0.data) }
        guard isScheduling(validated.calendar, actor) || old.map({ isScheduling($0, actor) }) == true else { return nil }
        if ITIP.maxAttendeesPerInstance(validated.calendar) > context.limits.maxAttendeesPerInstance {
            throw .refused(.maxAttendeesPerInstance,
                           reason: "An event may have at most \(context.limits.maxAttendeesPerInstance) attendees.")
        }
        // The messages depend only on the two versions; a retry rebuilds the deliveries, which read recipients' copies.
        let new = sentBy(validated.calendar, actor: actor)
        let outcome = try outcome(old: old, new: new, actor: actor)
        try await context.admitScheduling(outcome.messages, userID: owner.id)
        for attempt in 1...Self.attempts {
            var plan = SchedulingPlan()
            let stored = try await deliver(outcome, plan: &plan) ?? new
            let bytes = stored == validated.calendar ? body : ICalendarSerializer().serialize(stored)
            var index = context.indexer(for: calendar).index(
                ValidatedCalendarObject(calendar: stored, uid: validated.uid,
                                        componentType: validated.componentType))
            index.scheduleTag = Self.scheduleTag(role: outcome.role, existing: existing, bytes: bytes)
            plan.changes.insert(.put(calendarID: calendar.id, ObjectWrite(name: name, data: bytes, index: index,
                                                                          precondition: precondition)), at: 0)
            let results: [StoreChangeResult]
            do {
                results = try await commit(plan)
            } catch .changeFailed(let position, _) where position > 0 && attempt < Self.attempts {
                continue  // a recipient's copy changed meanwhile: read it again and rebuild the plan
            } catch .changeFailed(0, let reason) {
                throw reason.objectWriteError(owner: homeName, calendarSlug: calendar.slug, urls: context.urls)
            } catch {
                throw .store(error)
            }
            guard case .put(let result)? = results.first else {
                throw .refused(.serverFault, reason: "The store did not report the write.")
            }
            return Written(object: result.object, created: result.created, storedAsSent: bytes == body)
        }
        throw .refused(.concurrentUpdates, reason: "The meeting changed concurrently; try again.")
    }

    /// Handles a DELETE of a scheduling object (CANCEL to attendees, or a DECLINED reply to the organizer); false when
    /// the object is not a scheduling object.
    package func delete(calendar: CalendarRecord, object: CalendarObjectRecord) async throws(CalendaringError) -> Bool {
        let actor = directory.calendarUser(owner)
        guard let old = try? SchedulingDelivery.parse(object.data), isScheduling(old, actor) else { return false }
        let outcome = try outcome(old: sentBy(old, actor: actor), new: nil, actor: actor)
        try await context.admitScheduling(outcome.messages, userID: owner.id)
        for attempt in 1...Self.attempts {
            var plan = SchedulingPlan()
            _ = try await deliver(outcome, plan: &plan)
            plan.changes.insert(.delete(calendarID: calendar.id, name: object.name, ifMatch: object.etag), at: 0)
            do {
                _ = try await commit(plan)
                return true
            } catch .changeFailed(let position, _) where position > 0 && attempt < Self.attempts {
                continue
            } catch .changeFailed(0, let reason) {
                if case .notFound = reason { throw .store(.notFound) }
                throw .refused(.conditionFailed, reason: "The object was changed by someone else.")
            } catch {
                throw .store(error)
            }
        }
        throw .refused(.concurrentUpdates, reason: "The meeting changed concurrently; try again.")
    }

    /// RFC 6638 §3.2.10: the owner's own changes to an organizer's object change its Schedule-Tag; an attendee's
    /// own changes to their copy (PARTSTAT, alarms, TRANSP) never do — only the organizer's updates delivered to it
    /// (`SchedulingDelivery`) do, so the attendee's If-Schedule-Tag-Match keeps guarding against those alone.
    static func scheduleTag(role: SchedulingRole, existing: CalendarObjectRecord?, bytes: [UInt8]) -> String {
        if case .attendee = role, let kept = existing?.index.scheduleTag { return kept }
        return ScheduleTag.new(for: bytes)
    }

    // MARK: Steps

    /// The object as the writer sends it for the owner (SENT-BY on the owner's ORGANIZER or ATTENDEE); unchanged when
    /// the owner writes.
    private func sentBy(_ calendar: Component, actor: CalendarUser) -> Component {
        guard let writer else { return calendar }
        return ITIP.markingSentBy(directory.preferredAddress(writer), actingFor: actor, in: calendar)
    }

    private var directory: CalendarUserDirectory { CalendarUserDirectory(store: context.store, urls: context.urls) }

    private func isScheduling(_ calendar: Component, _ actor: CalendarUser) -> Bool {
        if case .none = ITIP.role(of: calendar, for: actor) { return false }
        return true
    }

    private func outcome(old: Component?, new: Component?, actor: CalendarUser) throws(CalendaringError)
        -> SchedulingOutcome {
        do {
            return try ITIP.messages(old: old, new: new, actor: actor)
        } catch {
            throw .scheduling(error)
        }
    }

    /// Delivers every message of the outcome into `plan` and returns the object to store with SCHEDULE-STATUS set for
    /// each recipient.
    private func deliver(_ outcome: SchedulingOutcome, plan: inout SchedulingPlan) async throws(CalendaringError)
        -> Component? {
        let delivery = SchedulingDelivery(context: context, sender: owner)
        for message in outcome.messages {
            for recipient in message.recipients {
                _ = try await delivery.deliver(message, to: recipient, plan: &plan)
            }
        }
        guard var stored = outcome.stored else { return nil }
        let statuses = plan.statuses.mapValues(\.rawValue)
        if !statuses.isEmpty {
            switch outcome.role {
            case .organizer: stored = ITIP.settingScheduleStatus(statuses, on: .attendee, in: stored)
            case .attendee: stored = ITIP.settingScheduleStatus(statuses, on: .organizer, in: stored)
            case .none: break
            }
        }
        return stored
    }

    private func commit(_ plan: SchedulingPlan) async throws(StoreError) -> [StoreChangeResult] {
        let results = try await context.store.apply(plan.changes)
        if plan.mailQueued { context.mailQueued() }
        return results
    }
}
