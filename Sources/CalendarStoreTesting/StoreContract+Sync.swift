import CalendarStore

extension StoreContract {
    static let sync: [ContractCheck] = [
        ContractCheck("sync.initial") { store in
            let f = try await ContractFixture.make(store)
            let id = f.calendar.id
            let empty = try await store.changes(calendarID: id, since: nil, limit: nil)
            try Expect.equal(empty, ChangeSet(revision: f.calendar.revision, changes: [], truncated: false), "empty")
            for name in ["a.ics", "b.ics", "c.ics"] { try await f.put(name) }
            try await f.put("a.ics", version: 2)
            try await store.deleteObject(calendarID: id, name: "b.ics", ifMatch: nil)
            let initial = try await store.changes(calendarID: id, since: nil, limit: nil)
            try Expect.equal(initial.changes, [.init(name: "c.ics", exists: true), .init(name: "a.ics", exists: true)],
                             "present objects, least recently changed first, no tombstones")
            try Expect.equal(initial.revision, try await f.revision(), "revision is the calendar's")
            try Expect.that(!initial.truncated, "not truncated")
        },
        ContractCheck("sync.incremental") { store in
            let f = try await ContractFixture.make(store)
            let id = f.calendar.id
            try await f.put("a.ics")
            try await f.put("b.ics")
            let start = try await f.revision()
            try await f.put("a.ics", version: 2)
            try await store.deleteObject(calendarID: id, name: "b.ics", ifMatch: nil)
            try await f.put("c.ics")
            try await f.put("c.ics", version: 2)
            try await f.put("gone.ics")
            try await store.deleteObject(calendarID: id, name: "gone.ics", ifMatch: nil)
            let changes = try await store.changes(calendarID: id, since: start, limit: nil)
            try Expect.equal(changes.changes, [
                .init(name: "a.ics", exists: true), .init(name: "b.ics", exists: false),
                .init(name: "c.ics", exists: true), .init(name: "gone.ics", exists: false),
            ], "one entry per name, with its current state, oldest first")
            try Expect.equal(changes.revision, try await f.revision(), "revision")
            try Expect.that(!changes.truncated, "not truncated")
            let none = try await store.changes(calendarID: id, since: changes.revision, limit: nil)
            try Expect.equal(none, ChangeSet(revision: changes.revision, changes: [], truncated: false), "nothing new")
            try await f.put("b.ics", version: 3)
            let revived = try await store.changes(calendarID: id, since: changes.revision, limit: nil)
            try Expect.equal(revived.changes, [.init(name: "b.ics", exists: true)], "a name created again")
        },
        ContractCheck("sync.limitAndContinue") { store in
            let f = try await ContractFixture.make(store)
            let id = f.calendar.id
            for number in 1...5 { try await f.put("n\(number).ics") }
            let first = try await store.changes(calendarID: id, since: nil, limit: 2)
            try Expect.equal(first.changes.map(\.name), ["n1.ics", "n2.ics"], "first page")
            try Expect.that(first.truncated, "first page truncated")
            try await store.deleteObject(calendarID: id, name: "n1.ics", ifMatch: nil)
            let second = try await store.changes(calendarID: id, since: first.revision, limit: 2)
            try Expect.equal(second.changes.map(\.name), ["n3.ics", "n4.ics"], "second page")
            try Expect.that(second.truncated, "second page truncated")
            try Expect.that(second.revision > first.revision, "token advances")
            let third = try await store.changes(calendarID: id, since: second.revision, limit: 2)
            try Expect.equal(third.changes, [.init(name: "n5.ics", exists: true), .init(name: "n1.ics", exists: false)],
                             "last page, with the deletion made meanwhile")
            try Expect.that(!third.truncated, "last page complete")
            try Expect.equal(third.revision, try await f.revision(), "last page revision")
            let exact = try await store.changes(calendarID: id, since: nil, limit: 4)
            try Expect.equal(exact.changes.count, 4, "limit equal to the count")
            try Expect.that(!exact.truncated, "limit equal to the count is not truncated")
            try await Expect.invalidArgument("limit 0") { try await store.changes(calendarID: id, since: nil, limit: 0) }
        },
        ContractCheck("sync.invalidRevisions") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("a.ics")
            let current = try await f.revision()
            try await Expect.error(.invalidSyncToken, "future revision") {
                try await store.changes(calendarID: f.calendar.id, since: current + 1, limit: nil)
            }
            try await Expect.error(.invalidSyncToken, "negative revision") {
                try await store.changes(calendarID: f.calendar.id, since: -1, limit: nil)
            }
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.changes(calendarID: 999_999, since: nil, limit: nil)
            }
            let fromCreation = try await store.changes(calendarID: f.calendar.id, since: f.calendar.revision, limit: nil)
            try Expect.equal(fromCreation.changes, [.init(name: "a.ics", exists: true)], "since the creation")
        },
        ContractCheck("sync.revisionBumps") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            var last = try await f.revision()
            func bumped(_ what: String) async throws {
                let now = try await f.revision()
                try Expect.that(now > last, "\(what) bumps the revision (\(last) -> \(now))")
                last = now
            }
            func unchanged(_ what: String) async throws {
                try Expect.equal(try await f.revision(), last, "\(what) leaves the revision")
            }
            let a = try await f.put("a.ics").object
            try Expect.equal(a.revision, try await f.revision(), "object revision after create")
            try await bumped("create")
            try await f.put("a.ics", version: 2)
            try await bumped("replace")
            try await f.put("a.ics", version: 2)
            try await bumped("rewrite with the same bytes")
            _ = try? await f.put("a.ics", version: 3, precondition: .mustNotExist)
            try await unchanged("a refused write")
            _ = try await store.moveObject(fromCalendarID: f.calendar.id, name: "a.ics", toCalendarID: f.calendar.id,
                                           newName: "b.ics", overwrite: false, ifMatch: nil)
            try await bumped("move within")
            _ = try await store.updateCalendar(id: f.calendar.id, CalendarChanges(color: "#FFFFFF"))
            try await bumped("property change")
            _ = try await store.moveObject(fromCalendarID: f.calendar.id, name: "b.ics", toCalendarID: other.id,
                                           newName: "b.ics", overwrite: false, ifMatch: nil)
            try await bumped("move away")
            try await f.put("c.ics")
            try await bumped("create")
            try await store.deleteObject(calendarID: f.calendar.id, name: "c.ics", ifMatch: nil)
            try await bumped("delete")
            _ = try await store.objects(calendarID: f.calendar.id)
            _ = try await store.changes(calendarID: f.calendar.id, since: nil, limit: nil)
            try await unchanged("reading")
        },
    ]
}
