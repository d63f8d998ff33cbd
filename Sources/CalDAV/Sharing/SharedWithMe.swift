import CalendarStore

/// The "Shared with me" calendar in each user's home: the events shared with them one by one (`ObjectGrant`),
/// whatever calendar they live in, and nothing else of those calendars. It is not stored: it lists the grants.
/// An entry is the owner's object itself (same ETag, same bytes as its class lets the grantee see); a write grant
/// lets the grantee change it there, never delete it or add to the owner's calendar.
///
/// An entry's name carries its calendar, `<calendar id>-<object name>`, since two calendars may hold objects of the
/// same name; its calendar is the owner's with the slug `shared-with-me`, so every href stays in the grantee's
/// home while access and privacy are decided on the owner's calendar (`ownerID`), as for mounts.
enum SharedWithMe {
    static let slug = "shared-with-me"
    static let displayName = "Shared with me"
    static let components = ["VEVENT", "VTODO", "VJOURNAL"]

    static func entryName(calendarID: Int64, objectName: String) -> String { "\(calendarID)-\(objectName)" }

    /// The calendar id and object name an entry name stands for.
    static func parse(_ entry: String) -> (calendarID: Int64, objectName: String)? {
        guard let dash = entry.firstIndex(of: "-"), let id = Int64(entry[..<dash]) else { return nil }
        let name = String(entry[entry.index(after: dash)...])
        return name.isEmpty ? nil : (id, name)
    }

    /// The owner's calendar as an entry's calendar.
    static func entryCalendar(_ calendar: CalendarRecord) -> CalendarRecord {
        var entry = calendar
        entry.slug = slug
        return entry
    }

    /// The name an object of `calendar` has in the URL space: its entry name in "Shared with me", else its own.
    static func urlName(of objectName: String, in calendar: CalendarRecord) -> String {
        calendar.slug == slug ? entryName(calendarID: calendar.id, objectName: objectName) : objectName
    }

    /// The entries of `user`'s "Shared with me": each granted object that still exists, with its calendar.
    static func entries(of user: User, store: any CalendarStore)
        async throws(StoreError) -> [(calendar: CalendarRecord, object: CalendarObjectRecord)] {
        var result: [(CalendarRecord, CalendarObjectRecord)] = []
        for grant in try await store.objectGrants(userID: user.id) {
            guard let calendar = try await store.calendar(id: grant.calendarID),
                  let object = try await store.object(calendarID: calendar.id, name: grant.objectName) else { continue }
            result.append((entryCalendar(calendar), object))
        }
        return result
    }
}
