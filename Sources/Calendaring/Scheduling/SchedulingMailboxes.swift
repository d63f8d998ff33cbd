import CalendarStore

/// Finds and creates a user's scheduling collections (`SchedulingCollections`).
/// Spec: RFC 6638 §2.2 (inbox), §9.2 (schedule-default-calendar-URL).
package struct SchedulingMailboxes: Sendable {
    let store: any CalendarStore

    package init(store: any CalendarStore) {
        self.store = store
    }

    /// The user's inbox, created when missing (users from before scheduling, or whose inbox was never provisioned).
    package func inbox(for user: User) async throws(StoreError) -> CalendarRecord {
        if let inbox = try await store.calendar(ownerID: user.id, slug: SchedulingCollections.inboxSlug) { return inbox }
        do {
            return try await store.createCalendar(NewCalendar(
                ownerID: user.id, slug: SchedulingCollections.inboxSlug, displayName: "Inbox",
                supportedComponents: SchedulingCollections.inboxComponents))
        } catch .alreadyExists {
            // Created concurrently by another request.
            guard let inbox = try await store.calendar(ownerID: user.id, slug: SchedulingCollections.inboxSlug) else {
                throw .notFound
            }
            return inbox
        }
    }

    /// The user's calendars that hold events and tasks (everything but the inbox).
    package func calendars(of user: User) async throws(StoreError) -> [CalendarRecord] {
        try await store.calendars(ownerID: user.id).filter { !$0.isScheduleInbox }
    }

    /// Where an incoming invitation of `componentType` goes when the user has no copy yet: the calendar the inbox's
    /// schedule-default-calendar-URL names if it takes the component, else the first calendar (by order) that does.
    /// Spec: RFC 6638 §9.2.
    package func defaultCalendar(for user: User, componentType: String, preferences: any SchedulingPreferences)
        async throws(StoreError) -> CalendarRecord? {
        let calendars = try await calendars(of: user).filter { $0.supportedComponents.contains(componentType) }
        let inbox = try await inbox(for: user)
        if let slug = preferences.defaultCalendarSlug(of: inbox, owner: user),
           let calendar = calendars.first(where: { $0.slug == slug }) {
            return calendar
        }
        return calendars.first
    }
}
