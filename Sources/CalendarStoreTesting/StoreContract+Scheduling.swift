import CalendarStore

extension StoreContract {
    static let scheduling: [ContractCheck] = [
        ContractCheck("scheduling.scheduleTagIsStored") { store in
            let f = try await ContractFixture.make(store)
            let put = try await f.put("m.ics", index: ObjectIndex.event("m", 1_000, 2_000).tagged("s1")).object
            try Expect.equal(put.index.scheduleTag, "s1", "put result")
            let id = f.calendar.id
            try Expect.equal(await store.object(calendarID: id, name: "m.ics")?.index.scheduleTag, "s1", "by name")
            try Expect.equal(await store.object(calendarID: id, uid: "m")?.index.scheduleTag, "s1", "by UID")
            try Expect.equal(await store.objects(calendarID: id).map(\.index.scheduleTag), ["s1"], "listing")
            try Expect.equal(await store.objects(calendarID: id, names: ["m.ics"]).map(\.index.scheduleTag), ["s1"],
                             "by names")
            try Expect.equal(await store.objects(calendarID: id, after: nil, limit: 10).map(\.index.scheduleTag),
                             ["s1"], "page")
            try Expect.equal(await store.objects(calendarID: id, componentType: nil,
                                                 overlapping: TimeWindow(start: 1_500, end: 1_600))
                                .map(\.index.scheduleTag), ["s1"], "time-range candidates")
            try Expect.equal(await store.objects(ownerID: f.user.id, uid: "m").map(\.index.scheduleTag), ["s1"],
                             "by owner and UID")
            try await f.put("m.ics", version: 2, index: .event("m", 1_000, 2_000))
            try Expect.equal(await store.object(calendarID: id, name: "m.ics")?.index.scheduleTag, nil,
                             "a put without a tag clears it")
            let batch = try await store.putObjects(calendarID: id, [
                ObjectWrite(name: "b.ics", data: [1], index: ObjectIndex.event("b", 1, 2).tagged("s2")),
            ])
            try Expect.equal(try batch.first?.get().object.index.scheduleTag, "s2", "batch result")
            try Expect.equal(await store.object(calendarID: id, name: "b.ics")?.index.scheduleTag, "s2", "batch put")
        },
        ContractCheck("scheduling.scheduleTagSurvivesReindexAndMove") { store in
            let f = try await ContractFixture.make(store)
            let target = try await f.makeCalendar("target")
            let put = try await f.put("m.ics", index: ObjectIndex.event("m", 1_000, 2_000).tagged("s1")).object
            var reindexed = ObjectIndex.event("m", 1_000, 2_000).with(IndexedText(summary: "Planning"))
            try Expect.that(try await store.updateIndex(calendarID: f.calendar.id, name: "m.ics", etag: put.etag,
                                                        index: reindexed), "reindexed without a tag")
            let afterNil = try await Expect.some(store.object(calendarID: f.calendar.id, name: "m.ics"), "object")
            try Expect.equal(afterNil.index.scheduleTag, "s1", "kept when the new index has none")
            try Expect.equal(afterNil.index.text.summary, "Planning", "the rest of the index replaced")
            reindexed.scheduleTag = "other"
            try Expect.that(try await store.updateIndex(calendarID: f.calendar.id, name: "m.ics", etag: put.etag,
                                                        index: reindexed), "reindexed with another tag")
            try Expect.equal(await store.object(calendarID: f.calendar.id, name: "m.ics")?.index.scheduleTag, "s1",
                             "kept when the new index names another")
            let moved = try await store.moveObject(fromCalendarID: f.calendar.id, name: "m.ics",
                                                   toCalendarID: target.id, newName: "n.ics", overwrite: false,
                                                   ifMatch: nil)
            try Expect.equal(moved.object.index.scheduleTag, "s1", "move result")
            try Expect.equal(await store.object(calendarID: target.id, name: "n.ics")?.index.scheduleTag, "s1",
                             "moved object")
            try await f.put("n.ics", version: 2, index: ObjectIndex.event("m", 1_000, 2_000).tagged("s2"),
                            in: target.id, precondition: .scheduleTagMatches("s1"))
        },
        ContractCheck("scheduling.scheduleTagMatches") { store in
            let f = try await ContractFixture.make(store)
            let first = try await f.put("m.ics", index: ObjectIndex.event("m", 1, 2).tagged("t1")).object
            // RFC 6638 §8.3: an attendee's reply changes the ETag but not the Schedule-Tag, so it still matches.
            let reply = try await f.put("m.ics", version: 2, index: ObjectIndex.event("m", 1, 2).tagged("t1"),
                                        precondition: .scheduleTagMatches("t1")).object
            try Expect.that(reply.etag != first.etag, "new ETag")
            let update = try await f.put("m.ics", version: 3, index: ObjectIndex.event("m", 1, 2).tagged("t2"),
                                         precondition: .scheduleTagMatches("t1")).object
            try await Expect.error(.etagMismatch(current: update.etag), "stale Schedule-Tag") {
                try await f.put("m.ics", version: 4, index: ObjectIndex.event("m", 1, 2).tagged("t3"),
                                precondition: .scheduleTagMatches("t1"))
            }
            try await Expect.error(.etagMismatch(current: nil), "absent object") {
                try await f.put("x.ics", index: ObjectIndex.event("x", 1, 2).tagged("t1"),
                                precondition: .scheduleTagMatches("t1"))
            }
            let plain = try await f.put("p.ics", index: .event("p", 1, 2)).object
            try await Expect.error(.etagMismatch(current: plain.etag), "object without a Schedule-Tag") {
                try await f.put("p.ics", version: 2, index: .event("p", 1, 2), precondition: .scheduleTagMatches("t1"))
            }
            try Expect.equal(await store.object(calendarID: f.calendar.id, name: "m.ics"), update,
                             "refusals wrote nothing")
        },
        ContractCheck("scheduling.applyAcrossCalendars") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            try await f.put("old.ics", uid: "old", in: other.id)
            let before = (try await f.revision(), try await f.revision(other.id))
            let results = try await store.apply([
                .put(calendarID: f.calendar.id, f.write("a.ics", uid: "m", tag: "s1")),
                .put(calendarID: other.id, f.write("b.ics", uid: "m", tag: "s1")),
                .delete(calendarID: other.id, name: "old.ics", ifMatch: nil),
                .enqueue(.sample(sender: f.user.id, to: "x@example.net")),
            ])
            try Expect.equal(results.count, 4, "one result per change")
            guard case .put(let a) = results[0], case .put(let b) = results[1], case .deleted = results[2],
                  case .enqueued(let queued) = results[3] else {
                throw ContractViolation("result kinds: \(results)")
            }
            try Expect.that(a.created && b.created, "created")
            try Expect.equal(await store.object(calendarID: f.calendar.id, name: "a.ics"), a.object, "first put stored")
            try Expect.equal(await store.object(calendarID: other.id, name: "b.ics"), b.object, "second put stored")
            try Expect.equal(await store.object(calendarID: other.id, name: "old.ics"), nil, "deleted")
            try Expect.equal(await store.outgoingMessage(id: queued.id), queued, "queued")
            try Expect.equal(try await f.revision(), a.object.revision, "first calendar's revision")
            try Expect.that(try await f.revision(other.id) > b.object.revision, "delete after the put in the other")
            let first = try await store.changes(calendarID: f.calendar.id, since: before.0, limit: nil)
            try Expect.equal(first.changes, [.init(name: "a.ics", exists: true)], "first calendar's log")
            let second = try await store.changes(calendarID: other.id, since: before.1, limit: nil)
            try Expect.equal(second.changes,
                             [.init(name: "b.ics", exists: true), .init(name: "old.ics", exists: false)],
                             "other calendar's log, in order")
            try Expect.equal(try await store.apply([]), [], "no changes")
            try Expect.equal(try await f.revision(), a.object.revision, "an empty apply changes nothing")
        },
        ContractCheck("scheduling.applyIsAllOrNothing") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            let x = try await f.put("x.ics", uid: "x", index: ObjectIndex.event("x", 1, 2).tagged("t1")).object
            let y = try await f.put("y.ics", uid: "y", in: other.id).object
            let before = (try await f.revision(), try await f.revision(other.id))
            let changes: [StoreChange] = [
                .put(calendarID: other.id, f.write("n.ics", uid: "n")),
                .delete(calendarID: other.id, name: "y.ics", ifMatch: y.etag),
                .put(calendarID: f.calendar.id,
                     f.write("x.ics", uid: "x", version: 2, .etagMatches(ETag(value: "00")))),
                .enqueue(.sample(sender: f.user.id, to: "x@example.net")),
            ]
            try await Expect.error(.changeFailed(index: 2, reason: .etagMismatch(current: x.etag)), "stale If-Match") {
                try await store.apply(changes)
            }
            var stale = changes
            stale[2] = .put(calendarID: f.calendar.id, f.write("x.ics", uid: "x", version: 2,
                                                              .scheduleTagMatches("t0")))
            try await Expect.error(.changeFailed(index: 2, reason: .etagMismatch(current: x.etag)),
                                   "stale Schedule-Tag") { try await store.apply(stale) }
            try Expect.equal(try await f.revision(), before.0, "first calendar's revision unchanged")
            try Expect.equal(try await f.revision(other.id), before.1, "other calendar's revision unchanged")
            try Expect.equal(await store.objects(calendarID: other.id), [y], "put 0 and delete 1 undone")
            try Expect.equal(await store.objects(calendarID: f.calendar.id), [x], "x unchanged")
            try Expect.equal(try await store.outgoingMessages(senderUserID: nil, limit: 10), [], "nothing queued")
            stale[2] = .put(calendarID: f.calendar.id, f.write("x.ics", uid: "x", version: 2,
                                                              .scheduleTagMatches("t1")))
            let results = try await store.apply(stale)
            try Expect.equal(results.count, 4, "the matching Schedule-Tag applies them all")
            try Expect.equal(await store.objects(calendarID: other.id).map(\.name), ["n.ics"], "applied")
        },
        ContractCheck("scheduling.applyRefusals") { store in
            let f = try await ContractFixture.make(store)
            let before = try await f.revision()
            try await Expect.error(.changeFailed(index: 1, reason: .uidConflict(existingName: "n.ics")),
                                   "UID taken earlier in the transaction") {
                try await store.apply([.put(calendarID: f.calendar.id, f.write("n.ics", uid: "u")),
                                       .put(calendarID: f.calendar.id, f.write("m.ics", uid: "u"))])
            }
            try await f.put("held.ics", uid: "h")
            try await Expect.error(.changeFailed(index: 0, reason: .uidConflict(existingName: "held.ics")),
                                   "UID held before") {
                try await store.apply([.put(calendarID: f.calendar.id, f.write("other.ics", uid: "h"))])
            }
            try await Expect.error(.changeFailed(index: 1, reason: .notFound), "unknown calendar") {
                try await store.apply([.put(calendarID: f.calendar.id, f.write("n.ics", uid: "n")),
                                       .put(calendarID: 999_999, f.write("n.ics", uid: "n"))])
            }
            try await Expect.error(.changeFailed(index: 0, reason: .notFound), "absent object deleted") {
                try await store.apply([.delete(calendarID: f.calendar.id, name: "none.ics", ifMatch: nil)])
            }
            try await Expect.error(.changeFailed(index: 0, reason: .alreadyExists), "If-None-Match") {
                try await store.apply([.put(calendarID: f.calendar.id, f.write("held.ics", uid: "h", .mustNotExist)),
                                       .put(calendarID: f.calendar.id, f.write("", uid: "e"))])
            }
            do {
                _ = try await store.apply([.put(calendarID: f.calendar.id, f.write("n.ics", uid: "n")),
                                           .put(calendarID: f.calendar.id, f.write("", uid: "e"))])
                throw ContractViolation("an empty name was applied")
            } catch StoreError.changeFailed(index: 1, reason: .invalidArgument) {}
            try Expect.equal(await store.objects(calendarID: f.calendar.id).map(\.name), ["held.ics"],
                             "nothing applied")
            try Expect.equal(try await f.revision(), before + 1, "only the direct put counted")
        },
        ContractCheck("scheduling.userByEmail") { store in
            let alice = try await store.createUser(NewUser(name: "alice", email: "Alice@Example.COM",
                                                           passwordHash: "h"))
            let bob = try await store.createUser(NewUser(name: "bob", passwordHash: "h"))
            let team = try await store.createUser(NewUser(name: "s1", email: "team@example.com", passwordHash: "h"))
            // Addresses are unique (ASCII letters folded), so a second holder cannot be made any more; a database
            // from before may still have one, and the smallest id wins there (SQLite's MigrationTests).
            try await Expect.error(.alreadyExists, "a second user with the address") {
                try await store.createUser(NewUser(name: "s2", email: "TEAM@example.com", passwordHash: "h"))
            }
            try Expect.equal(bob.email, "", "bob has no address")
            try Expect.equal(await store.user(email: "alice@example.com"), alice, "ASCII case folded")
            try Expect.equal(await store.user(email: "ALICE@EXAMPLE.COM"), alice, "upper case")
            try Expect.equal(await store.user(email: "alice@example.org"), nil, "another address")
            try Expect.equal(await store.user(email: "alice"), nil, "no prefix match")
            try Expect.equal(await store.user(email: ""), nil, "an empty address matches nobody")
            try Expect.equal(await store.user(email: "Team@Example.com"), team, "the one holder of the address")
        },
        ContractCheck("scheduling.objectsByOwnerAndUID") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await ContractFixture.make(store, user: "bob")
            let work = try await alice.makeCalendar("a-work")
            let inbox = try await alice.makeCalendar("z-inbox")
            let home = try await alice.put("home.ics", uid: "m").object
            let copy = try await alice.put("copy.ics", uid: "m", in: work.id).object
            let invite = try await alice.put("invite.ics", uid: "m", in: inbox.id).object
            try await alice.put("other.ics", uid: "other", in: work.id)
            try await bob.put("bob.ics", uid: "m")
            let found = try await store.objects(ownerID: alice.user.id, uid: "m")
            try Expect.equal(found, [home, copy, invite].sorted { $0.calendarID < $1.calendarID },
                             "every calendar of the owner, by calendar id")
            try Expect.equal(try await store.objects(ownerID: bob.user.id, uid: "m").map(\.name), ["bob.ics"],
                             "another owner's")
            try Expect.equal(try await store.objects(ownerID: alice.user.id, uid: "none"), [], "unknown UID")
            try Expect.equal(try await store.objects(ownerID: 999_999, uid: "m"), [], "unknown owner")
        },
    ]
}

extension ObjectIndex {
    /// This index with a Schedule-Tag.
    func tagged(_ tag: String?) -> ObjectIndex {
        var copy = self
        copy.scheduleTag = tag
        return copy
    }
}

extension ContractFixture {
    /// A write of an event whose bytes name its UID and `version`, for `apply`.
    func write(_ name: String, uid: String, version: Int = 1, tag: String? = nil,
               _ precondition: WritePrecondition = .none) -> ObjectWrite {
        ObjectWrite(name: name, data: ContractFixture.bytes(uid: uid, version: version),
                    index: ObjectIndex.event(uid, 1_000, 2_000).tagged(tag), precondition: precondition)
    }
}
