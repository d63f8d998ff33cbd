import CalendarStore

extension StoreContract {
    static let batches: [ContractCheck] = [
        ContractCheck("batches.eachWriteHasItsOwnResult") { store in
            let f = try await ContractFixture.make(store)
            let old = try await f.put("a.ics", uid: "a").object
            let before = try await f.revision()
            func write(_ name: String, _ uid: String, version: Int = 1, _ precondition: WritePrecondition = .none)
                -> ObjectWrite {
                ObjectWrite(name: name, data: ContractFixture.bytes(uid: uid, version: version),
                            index: .event(uid, 1_000, 2_000), precondition: precondition)
            }
            let writes = [
                write("b.ics", "b", .mustNotExist),
                write("a.ics", "a", version: 2, .mustNotExist),
                write("c.ics", "a"),
                write("d.ics", "d"),
                write("e.ics", "d"),
                write("", "empty"),
                write("a.ics", "a", version: 3, .etagMatches(old.etag)),
                write("b.ics", "b", version: 2, .mustNotExist),
                write("f.ics", "f", .etagMatches(old.etag)),
            ]
            let results = try await store.putObjects(calendarID: f.calendar.id, writes)
            try Expect.equal(results.count, writes.count, "one result per write")
            func failure(_ number: Int) -> StoreError? {
                if case .failure(let error) = results[number] { error } else { nil }
            }
            try Expect.equal(failure(1), .alreadyExists, "If-None-Match on an existing object")
            try Expect.equal(failure(2), .uidConflict(existingName: "a.ics"), "UID held before the batch")
            try Expect.equal(failure(4), .uidConflict(existingName: "d.ics"), "UID taken earlier in the batch")
            if case .invalidArgument = failure(5) {} else {
                throw ContractViolation("empty name: expected invalidArgument, got \(results[5])")
            }
            try Expect.equal(failure(7), .alreadyExists, "created earlier in the batch")
            try Expect.equal(failure(8), .etagMismatch(current: nil), "If-Match on an absent object")
            let applied = [0, 3, 6].map { results[$0] }.compactMap { try? $0.get() }
            try Expect.equal(applied.map(\.object.name), ["b.ics", "d.ics", "a.ics"], "the others applied")
            try Expect.equal(applied.map(\.created), [true, true, false], "created flags")
            let revisions = applied.map(\.object.revision)
            try Expect.that(revisions.first! > before && revisions == revisions.sorted() && Set(revisions).count == 3,
                            "each applied write has its own, increasing revision: \(revisions)")
            try Expect.equal(try await f.revision(), revisions.last, "calendar revision is the last write's")
            for result in applied {
                let stored = try await store.object(calendarID: f.calendar.id, name: result.object.name)
                try Expect.equal(stored, result.object, "\(result.object.name) stored as reported")
            }
            try Expect.equal(await store.objects(calendarID: f.calendar.id).map(\.name), ["a.ics", "b.ics", "d.ics"],
                             "refused writes left nothing")
            let sync = try await store.changes(calendarID: f.calendar.id, since: before, limit: nil)
            try Expect.equal(sync.changes.map(\.name), ["b.ics", "d.ics", "a.ics"], "one change per applied write")
        },
        ContractCheck("batches.missingCalendarAndEmptyBatch") { store in
            let f = try await ContractFixture.make(store)
            try await Expect.error(.notFound, "unknown calendar") {
                try await store.putObjects(calendarID: 999_999, [
                    ObjectWrite(name: "a.ics", data: [1], index: .event("a", 1, 2)),
                ])
            }
            let before = try await f.revision()
            try Expect.equal(try await store.putObjects(calendarID: f.calendar.id, []).count, 0, "empty batch")
            try Expect.equal(try await f.revision(), before, "an empty batch changes nothing")
        },
        ContractCheck("batches.manyWrites") { store in
            let f = try await ContractFixture.make(store)
            let writes = (0..<300).map { number in
                ObjectWrite(name: "n\(number).ics", data: ContractFixture.bytes(uid: "n\(number)", version: 1),
                            index: .event("n\(number)", Int64(number) * 100, Int64(number) * 100 + 50),
                            precondition: .mustNotExist)
            }
            let results = try await store.putObjects(calendarID: f.calendar.id, writes)
            try Expect.equal(results.compactMap { try? $0.get() }.count, 300, "all applied")
            try Expect.equal(await store.objectSummaries(calendarID: f.calendar.id).count, 300, "all stored")
            try Expect.equal(try await f.candidates(10_000, 10_100), ["n100.ics"], "indexed for time ranges")
        },
    ]
}
