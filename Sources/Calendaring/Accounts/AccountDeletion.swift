import CalendarStore

/// An account leaving, as the people it met with expect: every object in each of its calendars is deleted as a
/// calendar client deleting it would be (`CalendarObjectWriter.delete`), so meetings it organized are cancelled
/// to their attendees and meetings it attended are declined to their organizers; then the account goes with
/// everything it still holds (`CalendarStore.deleteUser`).
///
/// The store deletes an account's queued mail with it, so while the server sends mail, the account waits (disabled,
/// still due) until the cancellations and declines it queued for people outside the server have left the queue
/// (sent, or given up by the delivery service), at most `maximumMailWait`; the next pass finishes it.
///
/// A person asks to leave with a grace period (`schedule`): their account keeps working, so they can change their
/// mind (`cancel`), and the server's hourly maintenance deletes the accounts whose time came (`deleteDue`). An
/// administrator deletes at once (`delete`).
/// Spec: RFC 6638 §3.2.2.3 / §3.2.2.4 (an organizer deleting sends CANCEL; an attendee's deletion declines).
package struct AccountDeletion: Sendable {
    let context: SchedulingContext
    /// Forgets the account's remembered sign-ins; nil where nothing remembers them.
    let credentials: (any AccountCredentials)?
    /// Whether a delivery service empties the mail queue; without one, waiting for it would be forever.
    let sendsMail: Bool

    /// Objects read and deleted per store call.
    static let pageSize = 100
    /// The longest an account waits for its last messages after it became due, in seconds.
    static let maximumMailWait: Int64 = 3 * 86_400

    package init(context: SchedulingContext, credentials: (any AccountCredentials)?, sendsMail: Bool) {
        // The account's cancellations and declines all go out, however many: its hourly scheduling allowance is for
        // a client in a loop, and this is the last thing the account does.
        self.context = SchedulingContext(
            store: context.store, limits: context.limits, mailSender: context.mailSender,
            indexHorizon: context.indexHorizon, timeZones: context.timeZones,
            rateLimiter: SchedulingRateLimiter(store: context.store, limit: Int(Int32.max)),
            mailQueued: context.mailQueued, urls: context.urls, preferences: context.preferences)
        self.credentials = credentials
        self.sendsMail = sendsMail
    }

    var store: any CalendarStore { context.store }

    /// Marks the account to go `graceDays` days after `now` (0: at the next maintenance pass); it works until then.
    package func schedule(_ user: User, graceDays: Int, now: Int64) async throws(AccountError) -> User {
        let due = now + Int64(max(0, graceDays)) * 86_400
        return try await setDeletion(of: user, at: due)
    }

    /// Takes the request to leave back.
    package func cancel(_ user: User) async throws(AccountError) -> User {
        try await setDeletion(of: user, at: nil)
    }

    private func setDeletion(of user: User, at due: Int64?) async throws(AccountError) -> User {
        let updated: User?
        do {
            try await store.scheduleUserDeletion(id: user.id, at: due)
            updated = try await store.user(id: user.id)
        } catch .notFound {
            throw .userNotFound(user.name)
        } catch {
            throw .store(error)
        }
        guard let updated else { throw .userNotFound(user.name) }
        return updated
    }

    /// Deletes every account whose deletion is due at `now`; returns how many went (an account waiting for its last
    /// messages is not counted). Stops at the first that cannot be deleted now (the store unreachable): the next pass
    /// takes it up again, from what is left.
    package func deleteDue(at now: Int64) async throws(AccountError) -> Int {
        let due: [User]
        do {
            due = try await store.usersDueForDeletion(at: now)
        } catch {
            throw .store(error)
        }
        var deleted = 0
        for user in due {
            if try await delete(user, now: now) { deleted += 1 }
        }
        return deleted
    }

    /// Deletes the account now, telling its correspondents first. True when it is gone; false when it waits,
    /// disabled and due, for its last messages to leave the mail queue (a later pass of `deleteDue` finishes it).
    package func delete(_ user: User, now: Int64) async throws(AccountError) -> Bool {
        // From here on nobody signs in as the account (nor takes the deletion back halfway), and it stays due, so
        // a deletion that stops midway is taken up again by the next pass.
        let due = min(user.deletionDueAt ?? now, now)
        do {
            if user.status != .disabled { _ = try await store.updateUser(id: user.id, UserUpdate(status: .disabled)) }
            if user.deletionDueAt != due { try await store.scheduleUserDeletion(id: user.id, at: due) }
        } catch .notFound {
            return true
        } catch {
            throw .store(error)
        }
        await credentials?.forget(userID: user.id)
        let writer = CalendarObjectWriter(context: context, owner: user, writer: nil)
        let calendars: [CalendarRecord]
        do {
            calendars = try await store.calendars(ownerID: user.id)
        } catch {
            throw .store(error)
        }
        // The inbox holds messages, not meetings: deleting them tells nobody anything.
        for calendar in calendars where !calendar.isScheduleInbox {
            try await deleteObjects(of: calendar, with: writer)
        }
        if sendsMail, now - due < Self.maximumMailWait, try await hasQueuedMail(user) { return false }
        do {
            try await store.deleteUser(id: user.id)
        } catch .notFound {
            // Deleted meanwhile (by another node's pass, or an administrator).
        } catch {
            throw .store(error)
        }
        return true
    }

    /// Whether messages the account queued still wait for delivery (they would go with the account).
    private func hasQueuedMail(_ user: User) async throws(AccountError) -> Bool {
        do {
            // Newest first: what the deletion just queued is among the first.
            return try await store.outgoingMessages(senderUserID: user.id, limit: 500).contains { $0.state == .pending }
        } catch {
            throw .store(error)
        }
    }
    /// Each object of the calendar through the writer, page by page. An object the scheduler cannot tell anyone
    /// about (changed meanwhile, unreadable, refused by a scheduling rule) is left for `deleteUser`, which deletes it
    /// silently; only a store failure stops the deletion.
    private func deleteObjects(of calendar: CalendarRecord, with writer: CalendarObjectWriter)
        async throws(AccountError) {
        var after: String?
        while true {
            let page: [CalendarObjectRecord]
            do {
                page = try await store.objects(calendarID: calendar.id, after: after, limit: Self.pageSize)
            } catch {
                throw .store(error)
            }
            for object in page {
                do {
                    try await writer.delete(object, from: calendar)
                } catch .store(let error) {
                    switch error {
                    case .notFound, .etagMismatch, .alreadyExists, .uidConflict, .invalidArgument, .changeFailed:
                        continue
                    case .unavailable, .backend, .invalidSyncToken:
                        throw .store(error)
                    }
                } catch {
                    continue
                }
            }
            guard page.count == Self.pageSize, let last = page.last else { return }
            after = last.name
        }
    }
}
