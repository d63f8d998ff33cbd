import CalendarStore

extension StoreContract {
    static let objects: [ContractCheck] = [
        ContractCheck("objects.putAndGet") { store in
            let fixture = try await ContractFixture.make(store)
            let index = ObjectIndex.series("u1", [(100, 200), (300, 400)], horizon: 500)
            let data = ContractFixture.bytes(uid: "u1", version: 1)
            let result = try await store.putObject(calendarID: fixture.calendar.id, name: "a.ics", data: data,
                                                   index: index, precondition: .none)
            try Expect.that(result.created, "created")
            let object = result.object
            try Expect.equal(object.calendarID, fixture.calendar.id, "calendarID")
            try Expect.equal(object.name, "a.ics", "name")
            try Expect.equal(object.data, data, "data")
            try Expect.equal(object.etag, ETag(of: data), "etag")
            try Expect.equal(object.index, index, "index")
            try Expect.equal(object.revision, try await fixture.revision(), "object revision is the calendar's")
            try Expect.that(object.modifiedAt >= object.createdAt, "modifiedAt")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics"), object, "read back")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "b.ics"), nil, "absent")
        },
        ContractCheck("objects.replace") { store in
            let fixture = try await ContractFixture.make(store)
            let first = try await fixture.put("a.ics", uid: "u1", version: 1).object
            let second = try await fixture.put("a.ics", index: .event("u2", 5_000, 6_000, type: "VTODO"))
            try Expect.that(!second.created, "replacement is not a creation")
            try Expect.that(second.object.etag != first.etag, "etag changes with the bytes")
            try Expect.equal(second.object.index, .event("u2", 5_000, 6_000, type: "VTODO"), "index replaced")
            try Expect.equal(second.object.createdAt, first.createdAt, "createdAt kept")
            try Expect.that(second.object.revision > first.revision, "revision")
            let third = try await fixture.put("a.ics", uid: "u2", version: 1)
            try Expect.equal(third.object.etag, ETag(of: ContractFixture.bytes(uid: "u2", version: 1)), "etag of bytes")
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id).count, 1, "one object")
        },
        ContractCheck("objects.bytesStoredExactly") { store in
            let fixture = try await ContractFixture.make(store)
            let samples: [[UInt8]] = [
                [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0D, 0x0A, 0x80, 0x00],
                [],
                Array("BEGIN:VCALENDAR\nX-LF-ONLY:ok  \r\n\u{00E9}\u{1F600}\r\n".utf8),
                (0...255).map { UInt8($0) },
            ]
            for (number, data) in samples.enumerated() {
                let name = "bytes-\(number).ics"
                let put = try await store.putObject(calendarID: fixture.calendar.id, name: name, data: data,
                                                    index: .timeless("u\(number)"), precondition: .mustNotExist)
                try Expect.equal(put.object.etag, ETag(of: data), "etag of sample \(number)")
                let stored = try await Expect.some(store.object(calendarID: fixture.calendar.id, name: name), name)
                try Expect.equal(stored.data, data, "bytes of sample \(number)")
                try Expect.equal(stored.etag, ETag(of: data), "stored etag of sample \(number)")
            }
            let sizes = try await store.objectSummaries(calendarID: fixture.calendar.id).map(\.size)
            try Expect.equal(sizes, samples.map(\.count), "summary sizes")
        },
        ContractCheck("objects.preconditionMustNotExist") { store in
            let fixture = try await ContractFixture.make(store)
            let first = try await fixture.put("a.ics", precondition: .mustNotExist)
            try Expect.that(first.created, "created")
            try await Expect.error(.alreadyExists, "second create") {
                try await fixture.put("a.ics", version: 2, precondition: .mustNotExist)
            }
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics"), first.object,
                             "object unchanged")
        },
        ContractCheck("objects.preconditionEtagMatches") { store in
            let fixture = try await ContractFixture.make(store)
            try await Expect.error(.etagMismatch(current: nil), "If-Match on an absent object") {
                try await fixture.put("a.ics", precondition: .etagMatches(ETag(value: "0123")))
            }
            let first = try await fixture.put("a.ics").object
            let second = try await fixture.put("a.ics", version: 2, precondition: .etagMatches(first.etag))
            try Expect.that(!second.created, "replaced")
            try await Expect.error(.etagMismatch(current: second.object.etag), "stale tag") {
                try await fixture.put("a.ics", version: 3, precondition: .etagMatches(first.etag))
            }
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics")?.etag, second.object.etag,
                             "object unchanged by the refused write")
        },
        ContractCheck("objects.preconditionMustExist") { store in
            let fixture = try await ContractFixture.make(store)
            try await Expect.error(.notFound, "If-Match: * on an absent object") {
                try await fixture.put("a.ics", precondition: .mustExist)
            }
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id), [], "nothing created")
            try await fixture.put("a.ics")
            let replaced = try await fixture.put("a.ics", version: 2, precondition: .mustExist)
            try Expect.that(!replaced.created, "replaced")
        },
        ContractCheck("objects.uidConflict") { store in
            let fixture = try await ContractFixture.make(store)
            let other = try await fixture.makeCalendar("other")
            try await fixture.put("a.ics", uid: "same")
            try await Expect.error(.uidConflict(existingName: "a.ics"), "second name with the UID") {
                try await fixture.put("b.ics", uid: "same")
            }
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "b.ics"), nil, "not written")
            try await fixture.put("a.ics", uid: "same", version: 2)
            try await fixture.put("b.ics", uid: "same", in: other.id)
            try await fixture.put("a.ics", uid: "changed")
            try await fixture.put("c.ics", uid: "same")
        },
        ContractCheck("objects.invalidWrites") { store in
            let fixture = try await ContractFixture.make(store)
            try await Expect.error(.notFound, "unknown calendar") { try await fixture.put("a.ics", in: 999_999) }
            try await Expect.invalidArgument("empty name") { try await fixture.put("") }
            try await Expect.invalidArgument("empty UID") { try await fixture.put("a.ics", uid: "") }
            try await Expect.invalidArgument("instance ending before it starts") {
                try await fixture.put("a.ics", index: .event("u", 200, 100))
            }
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id), [], "nothing written")
        },
        ContractCheck("objects.delete") { store in
            let fixture = try await ContractFixture.make(store)
            let a = try await fixture.put("a.ics", uid: "u").object
            try await Expect.error(.etagMismatch(current: a.etag), "wrong If-Match") {
                try await store.deleteObject(calendarID: fixture.calendar.id, name: "a.ics", ifMatch: ETag(value: "00"))
            }
            try Expect.that(await store.object(calendarID: fixture.calendar.id, name: "a.ics") != nil, "kept")
            try await store.deleteObject(calendarID: fixture.calendar.id, name: "a.ics", ifMatch: a.etag)
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, name: "a.ics"), nil, "deleted")
            try await Expect.error(.notFound, "second delete") {
                try await store.deleteObject(calendarID: fixture.calendar.id, name: "a.ics", ifMatch: nil)
            }
            try await fixture.put("b.ics", uid: "u")
            try await store.deleteObject(calendarID: fixture.calendar.id, name: "b.ics", ifMatch: nil)
            try Expect.equal(await store.objects(calendarID: fixture.calendar.id), [], "empty")
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.deleteObject(calendarID: 999_999, name: "b.ics", ifMatch: nil)
            }
        },
        ContractCheck("objects.listingsAndOrder") { store in
            let fixture = try await ContractFixture.make(store)
            try await fixture.put("c.ics")
            try await fixture.put("a.ics", index: .timeless("a", type: "VTODO"))
            try await fixture.put("b.ics")
            let id = fixture.calendar.id
            try Expect.equal(await store.objects(calendarID: id, names: ["c.ics", "missing.ics", "a.ics"]).map(\.name),
                             ["c.ics", "a.ics"], "objects(names:) in the order asked")
            try Expect.equal(await store.objects(calendarID: id, names: []), [], "no names")
            let all = try await store.objects(calendarID: id)
            try Expect.equal(all.map(\.name), ["a.ics", "b.ics", "c.ics"], "objects ordered by name")
            let summaries = try await store.objectSummaries(calendarID: id)
            try Expect.equal(summaries, all.map {
                CalendarObjectSummary(name: $0.name, etag: $0.etag, size: $0.data.count,
                                      componentType: $0.index.componentType, modifiedAt: $0.modifiedAt,
                                      createdAt: $0.createdAt, scheduleTag: $0.index.scheduleTag, revision: $0.revision)
            }, "summaries")
            try Expect.equal(await store.objectSummaries(calendarID: id, names: ["c.ics", "missing.ics", "a.ics"]),
                             summaries.filter { $0.name != "b.ics" }.reversed(), "summaries(names:) in the order asked")
            try Expect.equal(await store.objectSummaries(calendarID: id, names: []), [], "no summaries asked")
            try Expect.equal(await store.objectSummaries(calendarID: 999_999), [], "unknown calendar")
        },
        ContractCheck("objects.byUID") { store in
            let fixture = try await ContractFixture.make(store)
            let other = try await fixture.makeCalendar("other")
            let a = try await fixture.put("a.ics", uid: "u-a").object
            try await fixture.put("b.ics", uid: "u-b", in: other.id)
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, uid: "u-a"), a, "found")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, uid: "u-b"), nil, "other calendar's")
            try await fixture.put("a.ics", uid: "u-new")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, uid: "u-a"), nil, "old UID gone")
            try Expect.equal(await store.object(calendarID: fixture.calendar.id, uid: "u-new")?.name, "a.ics", "new UID")
        },
    ]
}
