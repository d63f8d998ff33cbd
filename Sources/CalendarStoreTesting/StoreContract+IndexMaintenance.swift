import CalendarStore

extension StoreContract {
    static let indexMaintenance: [ContractCheck] = [
        ContractCheck("reindex.orderAndLimit") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            func series(_ uid: String, expandedUntil: Int64?) -> ObjectIndex {
                var index = ObjectIndex.series(uid, [(100, 200)], horizon: expandedUntil)
                index.expandedUntil = expandedUntil
                return index
            }
            try await f.put("s1.ics", index: series("s1", expandedUntil: 3_000))
            try await f.put("s2.ics", index: series("s2", expandedUntil: 1_000))
            try await f.put("plain.ics", index: .event("plain", 100, 200))
            try await f.put("s3.ics", index: series("s3", expandedUntil: 1_000), in: other.id)
            try await f.put("s0.ics", index: series("s0", expandedUntil: 2_000), in: other.id)
            try await f.put("gone.ics", index: series("gone", expandedUntil: 500))
            try await store.deleteObject(calendarID: f.calendar.id, name: "gone.ics", ifMatch: nil)
            let due = try await store.objectsToReindex(expandedBefore: 2_500, limit: 10)
            try Expect.equal(due.map(\.name), ["s2.ics", "s3.ics", "s0.ics"],
                             "by expandedUntil, then calendar, then name; none without a value")
            try Expect.equal(due.map(\.expandedUntil), [1_000, 1_000, 2_000], "expandedUntil")
            try Expect.equal(due.map(\.calendarID), [f.calendar.id, other.id, other.id], "calendarID")
            let s2 = try await Expect.some(store.object(calendarID: f.calendar.id, name: "s2.ics"), "s2")
            try Expect.equal(due[0].etag, s2.etag, "etag")
            try Expect.equal(due[0].data, s2.data, "data")
            try Expect.equal(try await store.objectsToReindex(expandedBefore: 2_500, limit: 2).map(\.name),
                             ["s2.ics", "s3.ics"], "limit")
            try Expect.equal(try await store.objectsToReindex(expandedBefore: 1_000, limit: 10), [],
                             "strictly before")
            try Expect.equal(try await store.objectsToReindex(expandedBefore: 9_000, limit: 0), [], "limit 0")
        },
        ContractCheck("reindex.updateIndex") { store in
            let f = try await ContractFixture.make(store)
            var old = ObjectIndex.series("r", [(1_000, 1_100)], horizon: 1_500)
            old.expandedUntil = 1_500
            let put = try await f.put("r.ics", index: old).object
            let revision = try await f.revision()
            var new = ObjectIndex.series("r", [(1_000, 1_100), (2_000, 2_100)], horizon: 2_500)
                .with(IndexedText(summary: "Weekly sync"))
            new.expandedUntil = 2_500
            new.isExact = true
            let updated = try await store.updateIndex(calendarID: f.calendar.id, name: "r.ics", etag: put.etag,
                                                      index: new)
            try Expect.that(updated, "updated")
            let stored = try await Expect.some(store.object(calendarID: f.calendar.id, name: "r.ics"), "object")
            try Expect.equal(stored.index, new, "new index")
            try Expect.equal(stored.etag, put.etag, "same ETag")
            try Expect.equal(stored.data, put.data, "same bytes")
            try Expect.equal(stored.revision, put.revision, "same object revision")
            try Expect.equal(stored.modifiedAt, put.modifiedAt, "same modification time")
            try Expect.equal(try await f.revision(), revision, "no calendar revision")
            let sync = try await store.changes(calendarID: f.calendar.id, since: revision, limit: nil)
            try Expect.equal(sync.changes, [], "no change-log entry")
            try Expect.equal(try await f.candidates(2_050, 2_060), ["r.ics"], "new instances answer time ranges")
            try Expect.equal(try await f.candidates(2_400, 2_500), [], "new horizon")
            let text = try await store.objects(calendarID: f.calendar.id,
                                               matching: ObjectQuery(text: [.init(field: .summary, needle: "weekly")]),
                                               after: nil, limit: nil)
            try Expect.equal(text.map(\.name), ["r.ics"], "new text answers text conditions")
            try Expect.equal(try await store.objectsToReindex(expandedBefore: 2_000, limit: 10), [], "moved forward")
        },
        ContractCheck("reindex.updateIndexRefusals") { store in
            let f = try await ContractFixture.make(store)
            let first = try await f.put("r.ics", index: .event("r", 100, 200)).object
            let moved = ObjectIndex.event("r", 5_000, 6_000)
            try Expect.that(!(try await store.updateIndex(calendarID: f.calendar.id, name: "r.ics",
                                                          etag: ETag(value: "0123"), index: moved)), "wrong ETag")
            try Expect.that(!(try await store.updateIndex(calendarID: f.calendar.id, name: "none.ics",
                                                          etag: first.etag, index: moved)), "missing object")
            try Expect.that(!(try await store.updateIndex(calendarID: 999_999, name: "r.ics", etag: first.etag,
                                                          index: moved)), "missing calendar")
            try await f.put("r.ics", version: 2, index: .event("r", 100, 200))
            try Expect.that(!(try await store.updateIndex(calendarID: f.calendar.id, name: "r.ics", etag: first.etag,
                                                          index: moved)), "rewritten meanwhile")
            try Expect.equal(try await f.candidates(5_000, 6_000), [], "refused updates changed nothing")
            try Expect.equal(try await f.candidates(100, 200), ["r.ics"], "old index kept")
            let current = try await Expect.some(store.object(calendarID: f.calendar.id, name: "r.ics"), "object")
            try await Expect.invalidArgument("an instance ending before it starts") {
                try await store.updateIndex(
                    calendarID: f.calendar.id, name: "r.ics", etag: current.etag,
                    index: ObjectIndex(uid: "r", componentType: "VEVENT", firstStart: 10, lastEnd: 5,
                                       instances: [InstanceInterval(start: 10, end: 5)], horizon: nil))
            }
        },
    ]
}
