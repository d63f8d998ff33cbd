import CalendarStore

extension StoreContract {
    static let calendars: [ContractCheck] = [
        ContractCheck("calendars.createAndRead") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let color = DeadProperty(namespace: "http://apple.com/ns/ical/", name: "calendar-color",
                                     xml: "<x:calendar-color xmlns:x=\"http://apple.com/ns/ical/\">#FF0000</x:calendar-color>")
            let new = NewCalendar(ownerID: alice.id, slug: "work", displayName: "Work", description: "Job",
                                  color: "#00FF00", order: 3, timeZone: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                  supportedComponents: ["VEVENT"], deadProperties: [color])
            let created = try await store.createCalendar(new)
            try Expect.equal(created.ownerID, alice.id, "ownerID")
            try Expect.equal(created.slug, "work", "slug")
            try Expect.equal(created.displayName, "Work", "displayName")
            try Expect.equal(created.description, "Job", "description")
            try Expect.equal(created.color, "#00FF00", "color")
            try Expect.equal(created.order, 3, "order")
            try Expect.equal(created.timeZone, new.timeZone, "timeZone")
            try Expect.equal(created.supportedComponents, ["VEVENT"], "supportedComponents")
            try Expect.equal(created.deadProperties, [color], "deadProperties")
            try Expect.that(created.revision >= 0, "revision is not negative")
            try Expect.equal(await store.calendar(id: created.id), created, "calendar(id:)")
            try Expect.equal(await store.calendar(ownerID: alice.id, slug: "work"), created, "calendar(ownerID:slug:)")
            try Expect.equal(await store.calendar(ownerID: alice.id, slug: "other"), nil, "unknown slug")
            try Expect.equal(await store.calendar(id: 999_999), nil, "unknown id")
        },
        ContractCheck("calendars.slugUniquePerOwner") { store in
            let home = try await ContractFixture.make(store, user: "alice", slug: "home")
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            try await Expect.error(.alreadyExists, "second home for alice") {
                try await store.createCalendar(NewCalendar(ownerID: home.user.id, slug: "home"))
            }
            let bobs = try await store.createCalendar(NewCalendar(ownerID: bob.id, slug: "home"))
            try Expect.that(bobs.id != home.calendar.id, "bob's home is another calendar")
            try await Expect.error(.notFound, "unknown owner") {
                try await store.createCalendar(NewCalendar(ownerID: 999_999, slug: "x"))
            }
            try await Expect.invalidArgument("empty slug") {
                try await store.createCalendar(NewCalendar(ownerID: bob.id, slug: ""))
            }
            try Expect.equal(await store.calendars(ownerID: home.user.id).count, 1, "alice's calendars")
        },
        ContractCheck("calendars.orderedByOrderThenSlug") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            for (slug, order) in [("c", 1), ("b", 2), ("a", 2), ("d", 0)] {
                _ = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: slug, order: order))
            }
            try Expect.equal(await store.calendars(ownerID: alice.id).map(\.slug), ["d", "c", "a", "b"], "order")
        },
        ContractCheck("calendars.updateFields") { store in
            let fixture = try await ContractFixture.make(store)
            let before = fixture.calendar
            let renamed = try await store.updateCalendar(id: before.id, CalendarChanges(displayName: "Renamed"))
            try Expect.equal(renamed.displayName, "Renamed", "displayName")
            try Expect.equal(renamed.color, before.color, "color untouched")
            try Expect.equal(renamed.supportedComponents, before.supportedComponents, "components untouched")
            try Expect.that(renamed.revision > before.revision, "revision bumped by a property change")
            let all = CalendarChanges(displayName: "D", description: "E", color: "#123456", order: 7,
                                      timeZone: "TZ", supportedComponents: ["VTODO"])
            let updated = try await store.updateCalendar(id: before.id, all)
            try Expect.equal([updated.displayName, updated.description, updated.color, updated.timeZone],
                             ["D", "E", "#123456", "TZ"], "text fields")
            try Expect.equal(updated.order, 7, "order")
            try Expect.equal(updated.supportedComponents, ["VTODO"], "supportedComponents")
            try Expect.equal([updated.id, updated.ownerID, updated.createdAt], [before.id, before.ownerID, before.createdAt],
                             "identity")
            try Expect.equal(updated.slug, before.slug, "slug")
            try Expect.that(updated.revision > renamed.revision, "revision bumped again")
            try Expect.equal(await store.calendar(id: before.id), updated, "stored record equals the returned one")
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.updateCalendar(id: 999_999, CalendarChanges(displayName: "x"))
            }
        },
        ContractCheck("calendars.deadProperties") { store in
            let alice = try await store.createUser(NewUser(name: "alice", passwordHash: "h"))
            let a1 = DeadProperty(namespace: "urn:a", name: "one", xml: "<one xmlns=\"urn:a\">1</one>")
            let a2 = DeadProperty(namespace: "urn:a", name: "two", xml: "<two xmlns=\"urn:a\">2</two>")
            let b1 = DeadProperty(namespace: "urn:b", name: "one", xml: "<one xmlns=\"urn:b\">b</one>")
            let calendar = try await store.createCalendar(
                NewCalendar(ownerID: alice.id, slug: "home", deadProperties: [a1, a2]))
            try Expect.equal(calendar.deadProperties, [a1, a2], "created")
            let a1New = DeadProperty(namespace: "urn:a", name: "one", xml: "<one xmlns=\"urn:a\">new</one>")
            let replaced = try await store.updateCalendar(id: calendar.id,
                                                          CalendarChanges(setDeadProperties: [a1New, b1]))
            try Expect.equal(replaced.deadProperties, [a1New, a2, b1], "replaced in place, new appended")
            let removed = try await store.updateCalendar(id: calendar.id, CalendarChanges(
                removeDeadProperties: [DeadPropertyKey(namespace: "urn:a", name: "two"),
                                       DeadPropertyKey(namespace: "urn:x", name: "absent")]))
            try Expect.equal(removed.deadProperties, [a1New, b1], "removed (absent key ignored)")
            let both = try await store.updateCalendar(id: calendar.id, CalendarChanges(
                setDeadProperties: [a2], removeDeadProperties: [DeadPropertyKey(namespace: "urn:b", name: "one")]))
            try Expect.equal(both.deadProperties, [a1New, a2], "remove and set in one change")
            try Expect.equal(await store.calendar(id: calendar.id)?.deadProperties, [a1New, a2], "stored")
        },
        ContractCheck("calendars.deleteCascades") { store in
            let fixture = try await ContractFixture.make(store)
            let other = try await fixture.makeCalendar("other")
            try await fixture.put("a.ics")
            try await fixture.put("b.ics", in: other.id)
            try await store.deleteCalendar(id: fixture.calendar.id)
            try Expect.equal(await store.calendar(id: fixture.calendar.id), nil, "deleted calendar")
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id), [], "its objects")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics"), nil, "its object")
            try Expect.equal(await store.calendars(ownerID: fixture.user.id).map(\.slug), ["other"], "remaining")
            try Expect.equal(await store.objects(calendarID: other.id).map(\.name), ["b.ics"], "other calendar kept")
            try await Expect.error(.notFound, "second delete") { try await store.deleteCalendar(id: fixture.calendar.id) }
            try await Expect.error(.notFound, "put into deleted calendar") { try await fixture.put("c.ics") }
            _ = try await store.createCalendar(NewCalendar(ownerID: fixture.user.id, slug: "home"))
        },
        ContractCheck("calendars.usedBytes") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await ContractFixture.make(store, user: "bob")
            let second = try await alice.makeCalendar("second")
            try Expect.equal(await store.usedBytes(ownerID: alice.user.id), 0, "empty")
            let a = try await alice.put("a.ics")
            let b = try await alice.put("b.ics", in: second.id)
            try await bob.put("c.ics")
            let total = Int64(a.object.data.count + b.object.data.count)
            try Expect.equal(await store.usedBytes(ownerID: alice.user.id), total, "two calendars")
            try await store.deleteObject(calendarID: alice.calendar.id, name: "a.ics", ifMatch: nil)
            try Expect.equal(await store.usedBytes(ownerID: alice.user.id), Int64(b.object.data.count), "after delete")
            try Expect.equal(await store.usedBytes(ownerID: 999_999), 0, "unknown owner")
        },
    ]
}
