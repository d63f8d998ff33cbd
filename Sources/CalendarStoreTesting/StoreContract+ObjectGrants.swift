import CalendarStore

extension StoreContract {
    static let objectGrants: [ContractCheck] = [
        ContractCheck("objectGrants.setListRevoke") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            try await f.put("b.ics")
            try await f.put("a.ics")
            try await f.put("o.ics", in: other.id)
            let before = try await f.revision()
            let forCarol = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "b.ics",
                                                          userID: carol.id, role: .write, grantedBy: f.user.id)
            let forBob = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "b.ics", userID: bob.id,
                                                        role: .read, grantedBy: nil)
            let bobA = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "a.ics", userID: bob.id,
                                                      role: .read, grantedBy: carol.id)
            let bobO = try await store.setObjectGrant(calendarID: other.id, objectName: "o.ics", userID: bob.id,
                                                      role: .write, grantedBy: nil)
            try Expect.equal(forCarol.calendarID, f.calendar.id, "calendarID")
            try Expect.equal(forCarol.objectName, "b.ics", "objectName")
            try Expect.equal(forCarol.userID, carol.id, "userID")
            try Expect.equal(forCarol.role, .write, "role")
            try Expect.equal(forCarol.grantedBy, f.user.id, "grantedBy")
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "b.ics"),
                             [forBob, forCarol], "the object's grants by user id")
            try Expect.equal(await store.objectGrants(userID: bob.id), [bobA, forBob, bobO],
                             "bob's by calendar id, then object name")
            try Expect.equal(try await f.revision(), before, "object grants are not calendar content")
            let raised = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "b.ics", userID: bob.id,
                                                        role: .write, grantedBy: carol.id)
            try Expect.equal(raised.role, .write, "role replaced")
            try Expect.equal(raised.grantedBy, carol.id, "grantedBy replaced")
            try Expect.equal(raised.createdAt, forBob.createdAt, "createdAt kept")
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "b.ics"),
                             [raised, forCarol], "one grant per user")
            try await store.revokeObjectGrant(calendarID: f.calendar.id, objectName: "b.ics", userID: bob.id)
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "b.ics"), [forCarol],
                             "after revoke")
            try Expect.equal(await store.objectGrants(userID: bob.id), [bobA, bobO], "bob's after revoke")
            try await Expect.error(.notFound, "second revoke") {
                try await store.revokeObjectGrant(calendarID: f.calendar.id, objectName: "b.ics", userID: bob.id)
            }
            try Expect.equal(await store.objectGrants(calendarID: 999_999, objectName: "b.ics"), [], "unknown calendar")
            try Expect.equal(await store.objectGrants(userID: 999_999), [], "unknown user")
        },
        ContractCheck("objectGrants.refusals") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            try await f.put("a.ics")
            let id = f.calendar.id
            for role in [CalendarRole.freeBusy, .manage] {
                try await Expect.invalidArgument("role \(role)") {
                    try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: bob.id, role: role,
                                                   grantedBy: nil)
                }
            }
            try await Expect.error(.notFound, "unknown object") {
                try await store.setObjectGrant(calendarID: id, objectName: "x.ics", userID: bob.id, role: .read,
                                               grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.setObjectGrant(calendarID: 999_999, objectName: "a.ics", userID: bob.id, role: .read,
                                               grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown user") {
                try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: 999_999, role: .read,
                                               grantedBy: nil)
            }
            try await Expect.error(.notFound, "unknown grantedBy") {
                try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: bob.id, role: .read,
                                               grantedBy: 999_999)
            }
            try await Expect.invalidArgument("the owner") {
                try await store.setObjectGrant(calendarID: id, objectName: "a.ics", userID: f.user.id, role: .read,
                                               grantedBy: nil)
            }
            try await Expect.error(.notFound, "revoking an absent grant") {
                try await store.revokeObjectGrant(calendarID: id, objectName: "a.ics", userID: bob.id)
            }
            try Expect.equal(await store.objectGrants(calendarID: id, objectName: "a.ics"), [], "nothing granted")
        },
        ContractCheck("objectGrants.followTheObject") { store in
            let f = try await ContractFixture.make(store)
            let target = try await f.makeCalendar("target")
            let bob = try await f.makeUser("bob")
            let carol = try await f.makeUser("carol")
            func share(_ calendarID: Int64, _ name: String, _ user: User, _ role: CalendarRole = .read)
                async throws -> ObjectGrant {
                try await store.setObjectGrant(calendarID: calendarID, objectName: name, userID: user.id, role: role,
                                               grantedBy: nil)
            }
            try await f.put("a.ics", uid: "a")
            let grant = try await share(f.calendar.id, "a.ics", bob)
            try await f.put("a.ics", uid: "a", version: 2)
            try Expect.equal(await store.objectGrants(userID: bob.id), [grant], "a put replacing the object keeps them")

            _ = try await store.moveObject(fromCalendarID: f.calendar.id, name: "a.ics", toCalendarID: f.calendar.id,
                                           newName: "b.ics", overwrite: false, ifMatch: nil)
            var moved = grant
            moved.objectName = "b.ics"
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "b.ics"), [moved],
                             "a rename carries them")
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "a.ics"), [],
                             "none left at the old name")

            try await f.put("t.ics", uid: "t", in: target.id)
            _ = try await share(target.id, "t.ics", carol, .write)
            _ = try await store.moveObject(fromCalendarID: f.calendar.id, name: "b.ics", toCalendarID: target.id,
                                           newName: "t.ics", overwrite: true, ifMatch: nil)
            moved.calendarID = target.id
            moved.objectName = "t.ics"
            try Expect.equal(await store.objectGrants(calendarID: target.id, objectName: "t.ics"), [moved],
                             "a move carries them; the replaced object's grants go with it")
            try Expect.equal(await store.objectGrants(userID: carol.id), [], "carol's grant on the replaced object")
            try Expect.equal(await store.objectGrants(calendarID: f.calendar.id, objectName: "b.ics"), [],
                             "none left in the source")

            try await store.deleteObject(calendarID: target.id, name: "t.ics", ifMatch: nil)
            try Expect.equal(await store.objectGrants(userID: bob.id), [], "a delete drops them")
            try await f.put("t.ics", uid: "t", in: target.id)
            try Expect.equal(await store.objectGrants(calendarID: target.id, objectName: "t.ics"), [],
                             "a new object of the same name has none")
        },
        ContractCheck("objectGrants.refusedApplyKeepsThem") { store in
            let f = try await ContractFixture.make(store)
            let bob = try await f.makeUser("bob")
            try await f.put("a.ics")
            let grant = try await store.setObjectGrant(calendarID: f.calendar.id, objectName: "a.ics", userID: bob.id,
                                                       role: .read, grantedBy: nil)
            try await Expect.error(.changeFailed(index: 1, reason: .notFound), "second delete fails") {
                try await store.apply([.delete(calendarID: f.calendar.id, name: "a.ics", ifMatch: nil),
                                       .delete(calendarID: f.calendar.id, name: "absent.ics", ifMatch: nil)])
            }
            try Expect.equal(await store.objectGrants(userID: bob.id), [grant], "the undone delete kept them")
            _ = try await store.apply([.delete(calendarID: f.calendar.id, name: "a.ics", ifMatch: nil)])
            try Expect.equal(await store.objectGrants(userID: bob.id), [], "a delete through apply drops them")
        },
    ]
}
