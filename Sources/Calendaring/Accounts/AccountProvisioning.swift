import CalendarStore

/// What every new account gets, however it was made (the command line, self sign-up, an administrator): the
/// scheduling inbox, and the default calendar "Calendar" (events and tasks) when it has no calendar yet.
/// Spec: RFC 6638 §2.2 (the inbox).
package struct AccountProvisioning: Sendable {
    let store: any CalendarStore

    package init(store: any CalendarStore) {
        self.store = store
    }

    package func provision(_ user: User) async throws(StoreError) {
        let mailboxes = SchedulingMailboxes(store: store)
        _ = try await mailboxes.inbox(for: user)
        if try await mailboxes.calendars(of: user).isEmpty {
            _ = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: "calendar", displayName: "Calendar",
                                                           supportedComponents: ["VEVENT", "VTODO"]))
        }
    }
}
