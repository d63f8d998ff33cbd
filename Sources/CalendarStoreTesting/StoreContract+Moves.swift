import CalendarStore

extension StoreContract {
    static let moves: [ContractCheck] = [
        ContractCheck("move.withinCalendar") { store in
            let fixture = try await ContractFixture.make(store)
            let id = fixture.calendar.id
            let a = try await fixture.put("a.ics", uid: "u").object
            let before = try await fixture.revision()
            let moved = try await store.moveObject(fromCalendarID: id, name: "a.ics", toCalendarID: id,
                                                   newName: "b.ics", overwrite: false, ifMatch: a.etag)
            try Expect.that(moved.created, "created at the destination")
            try Expect.equal(moved.object.name, "b.ics", "new name")
            try Expect.equal(moved.object.data, a.data, "bytes kept")
            try Expect.equal(moved.object.etag, a.etag, "etag kept")
            try Expect.equal(moved.object.index, a.index, "index kept (its own UID is no conflict)")
            try Expect.equal(moved.object.createdAt, a.createdAt, "createdAt kept")
            try Expect.equal(await store.object(calendarID: id, name: "a.ics"), nil, "source gone")
            try Expect.equal(await store.object(calendarID: id, name: "b.ics"), moved.object, "destination stored")
            try Expect.equal(moved.object.revision, try await fixture.revision(), "object revision")
            let changes = try await store.changes(calendarID: id, since: before, limit: nil)
            try Expect.equal(changes.changes, [.init(name: "a.ics", exists: false), .init(name: "b.ics", exists: true)],
                             "tombstone then new name")
            try await Expect.invalidArgument("move onto itself") {
                try await store.moveObject(fromCalendarID: id, name: "b.ics", toCalendarID: id, newName: "b.ics",
                                           overwrite: true, ifMatch: nil)
            }
        },
        ContractCheck("move.betweenCalendars") { store in
            let fixture = try await ContractFixture.make(store)
            let target = try await fixture.makeCalendar("target")
            let a = try await fixture.put("a.ics", uid: "u").object
            let sourceBefore = try await fixture.revision()
            let targetBefore = try await fixture.revision(target.id)
            let moved = try await store.moveObject(fromCalendarID: fixture.calendar.id, name: "a.ics",
                                                   toCalendarID: target.id, newName: "a.ics", overwrite: false,
                                                   ifMatch: nil)
            try Expect.equal(moved.object.calendarID, target.id, "calendarID")
            try Expect.equal(moved.object.etag, a.etag, "etag kept")
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id), [], "source empty")
            try Expect.equal(await store.object(calendarID: target.id, uid: "u"), moved.object, "found by UID in target")
            let source = try await store.changes(calendarID: fixture.calendar.id, since: sourceBefore, limit: nil)
            try Expect.equal(source.changes, [.init(name: "a.ics", exists: false)], "tombstone in the source")
            let targetChanges = try await store.changes(calendarID: target.id, since: targetBefore, limit: nil)
            try Expect.equal(targetChanges.changes, [.init(name: "a.ics", exists: true)], "change in the target")
            try Expect.equal(await store.usedBytes(ownerID: fixture.user.id), Int64(a.data.count), "bytes counted once")
        },
        ContractCheck("move.overwrite") { store in
            let fixture = try await ContractFixture.make(store)
            let target = try await fixture.makeCalendar("target")
            let a = try await fixture.put("a.ics", uid: "u-a").object
            let existing = try await fixture.put("b.ics", uid: "u-b", in: target.id).object
            try await Expect.error(.alreadyExists, "overwrite false") {
                try await store.moveObject(fromCalendarID: fixture.calendar.id, name: "a.ics", toCalendarID: target.id,
                                           newName: "b.ics", overwrite: false, ifMatch: nil)
            }
            try Expect.equal(await store.object(calendarID: target.id, name: "b.ics"), existing, "target unchanged")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics"), a, "source unchanged")
            let moved = try await store.moveObject(fromCalendarID: fixture.calendar.id, name: "a.ics",
                                                   toCalendarID: target.id, newName: "b.ics", overwrite: true,
                                                   ifMatch: nil)
            try Expect.that(!moved.created, "replaced an existing object")
            try Expect.equal(await store.object(calendarID: target.id, name: "b.ics")?.etag, a.etag, "target replaced")
            try Expect.equal(await store.object(calendarID: target.id, uid: "u-b"), nil, "replaced object's UID gone")
            try Expect.equal(await store.objects(calendarID: target.id).count, 1, "one object in target")
        },
        ContractCheck("move.uidConflict") { store in
            let fixture = try await ContractFixture.make(store)
            let target = try await fixture.makeCalendar("target")
            try await fixture.put("a.ics", uid: "u")
            try await fixture.put("holder.ics", uid: "u", in: target.id)
            try await Expect.error(.uidConflict(existingName: "holder.ics"), "UID held by another name") {
                try await store.moveObject(fromCalendarID: fixture.calendar.id, name: "a.ics", toCalendarID: target.id,
                                           newName: "a.ics", overwrite: true, ifMatch: nil)
            }
            try Expect.that(await store.object(calendarID: fixture.calendar.id, name: "a.ics") != nil, "source kept")
            let moved = try await store.moveObject(fromCalendarID: fixture.calendar.id, name: "a.ics",
                                                   toCalendarID: target.id, newName: "holder.ics", overwrite: true,
                                                   ifMatch: nil)
            try Expect.that(!moved.created, "overwriting the holder is allowed")
        },
        ContractCheck("move.refusals") { store in
            let fixture = try await ContractFixture.make(store)
            let id = fixture.calendar.id
            let a = try await fixture.put("a.ics").object
            try await Expect.error(.etagMismatch(current: a.etag), "wrong If-Match") {
                try await store.moveObject(fromCalendarID: id, name: "a.ics", toCalendarID: id, newName: "b.ics",
                                           overwrite: false, ifMatch: ETag(value: "00"))
            }
            try await Expect.error(.notFound, "absent source") {
                try await store.moveObject(fromCalendarID: id, name: "x.ics", toCalendarID: id, newName: "b.ics",
                                           overwrite: false, ifMatch: nil)
            }
            try await Expect.error(.notFound, "unknown target calendar") {
                try await store.moveObject(fromCalendarID: id, name: "a.ics", toCalendarID: 999_999, newName: "b.ics",
                                           overwrite: false, ifMatch: nil)
            }
            try Expect.equal(await store.objects(calendarID: id), [a], "nothing moved")
        },
    ]
}
