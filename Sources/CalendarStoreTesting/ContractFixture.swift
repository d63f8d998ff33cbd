import CalendarStore

/// A store with one user and one calendar, and shorthands for the writes the checks repeat.
struct ContractFixture {
    let store: any CalendarStore
    let user: User
    let calendar: CalendarRecord

    static func make(_ store: any CalendarStore, user name: String = "alice", slug: String = "home")
        async throws -> ContractFixture {
        let user = try await store.createUser(NewUser(name: name, passwordHash: "hash-\(name)"))
        let calendar = try await store.createCalendar(NewCalendar(ownerID: user.id, slug: slug))
        return ContractFixture(store: store, user: user, calendar: calendar)
    }

    /// Another user (a sharee, a group member).
    func makeUser(_ name: String) async throws -> User {
        try await store.createUser(NewUser(name: name, passwordHash: "hash-\(name)"))
    }

    /// Another calendar of the same user.
    func makeCalendar(_ slug: String) async throws -> CalendarRecord {
        try await store.createCalendar(NewCalendar(ownerID: user.id, slug: slug))
    }

    /// Puts an object whose bytes name its UID and `version`, so each version has its own ETag.
    @discardableResult
    func put(_ name: String, uid: String? = nil, version: Int = 1, index: ObjectIndex? = nil,
             in calendarID: Int64? = nil, precondition: WritePrecondition = .none) async throws -> PutResult {
        let index = index ?? .event(uid ?? name, 1_000, 2_000)
        return try await store.putObject(calendarID: calendarID ?? calendar.id, name: name,
                                         data: ContractFixture.bytes(uid: index.uid, version: version),
                                         index: index, precondition: precondition)
    }

    func revision(_ calendarID: Int64? = nil) async throws -> Int64 {
        try await Expect.some(store.calendar(id: calendarID ?? calendar.id), "calendar").revision
    }

    /// Names of the candidates of a time-range query.
    func candidates(_ start: Int64?, _ end: Int64?, type: String? = nil) async throws -> [String] {
        try await store.objects(calendarID: calendar.id, componentType: type,
                                overlapping: TimeWindow(start: start, end: end)).map(\.name)
    }

    static func bytes(uid: String, version: Int) -> [UInt8] {
        Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nSEQUENCE:\(version)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
    }
}

extension ObjectIndex {
    /// A non-recurring event spanning [start, end).
    static func event(_ uid: String, _ start: Int64, _ end: Int64, type: String = "VEVENT") -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: type, firstStart: start, lastEnd: end,
                    instances: [InstanceInterval(start: start, end: end)], horizon: nil)
    }

    /// An object without time (a VTODO without dates).
    static func timeless(_ uid: String, type: String = "VTODO") -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: type, firstStart: nil, lastEnd: nil, instances: [], horizon: nil)
    }

    /// A recurring event with these materialised instances; `horizon` set when the rule goes on beyond them.
    static func series(_ uid: String, _ spans: [(Int64, Int64)], horizon: Int64? = nil) -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: spans.first?.0,
                    lastEnd: horizon == nil ? spans.last?.1 : nil,
                    instances: spans.map { InstanceInterval(start: $0.0, end: $0.1) }, horizon: horizon)
    }
}
