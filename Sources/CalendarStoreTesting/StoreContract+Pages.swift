import CalendarStore

extension StoreContract {
    static let pages: [ContractCheck] = [
        ContractCheck("pages.afterAndLimit") { store in
            let f = try await ContractFixture.make(store)
            let other = try await f.makeCalendar("other")
            for name in ["e.ics", "b.ics", "g.ics", "a.ics", "d.ics", "c.ics", "f.ics"] { try await f.put(name) }
            try await f.put("0-elsewhere.ics", in: other.id)
            let id = f.calendar.id
            func names(_ after: String?, _ limit: Int) async throws -> [String] {
                try await store.objects(calendarID: id, after: after, limit: limit).map(\.name)
            }
            func summaries(_ after: String?, _ limit: Int) async throws -> [String] {
                try await store.objectSummaries(calendarID: id, after: after, limit: limit).map(\.name)
            }
            try Expect.equal(try await names(nil, 3), ["a.ics", "b.ics", "c.ics"], "first page")
            try Expect.equal(try await names("c.ics", 3), ["d.ics", "e.ics", "f.ics"], "second page")
            try Expect.equal(try await names("f.ics", 3), ["g.ics"], "last page")
            try Expect.equal(try await names("g.ics", 3), [], "after the last")
            try Expect.equal(try await names("c", 2), ["c.ics", "d.ics"], "after a name that does not exist")
            try Expect.equal(try await names(nil, 0), [], "limit 0")
            try Expect.equal(try await summaries(nil, 3), ["a.ics", "b.ics", "c.ics"], "summaries, first page")
            try Expect.equal(try await summaries("f.ics", 3), ["g.ics"], "summaries, last page")
            let full = try await store.objects(calendarID: id, after: nil, limit: 100)
            try Expect.equal(full, try await store.objects(calendarID: id), "a page holds the full records")
            let empty = try await f.makeCalendar("empty")
            try Expect.equal(try await store.objects(calendarID: empty.id, after: nil, limit: 10), [], "empty calendar")
            try Expect.equal(try await store.objectSummaries(calendarID: empty.id, after: nil, limit: 10), [],
                             "empty calendar, summaries")
        },
        ContractCheck("pages.queryPages") { store in
            let f = try await ContractFixture.make(store)
            for number in 0..<12 {
                let start = Int64(number) * 1_000
                try await f.put("n\(number % 4)-\(number).ics", index: .event("u\(number)", start, start + 500))
            }
            try await f.put("todo.ics", index: .timeless("t"))
            let window = ObjectQuery(window: TimeWindow(start: 2_000, end: 9_000))
            let all = try await store.objects(calendarID: f.calendar.id, matching: window, after: nil, limit: nil)
            try Expect.equal(all.map(\.name), try await f.candidates(2_000, 9_000), "same as the time-range query")
            var paged: [String] = []
            var after: String?
            while true {
                let page = try await store.objects(calendarID: f.calendar.id, matching: window, after: after, limit: 2)
                try Expect.that(page.count <= 2, "at most the limit")
                guard let last = page.last else { break }
                paged += page.map(\.name)
                after = last.name
            }
            try Expect.equal(paged, all.map(\.name), "pages concatenate to the whole answer, in name order")
            let everything = try await store.objects(calendarID: f.calendar.id, matching: ObjectQuery(), after: nil,
                                                     limit: nil)
            try Expect.equal(everything, try await store.objects(calendarID: f.calendar.id), "an empty query")
            let todos = try await store.objects(calendarID: f.calendar.id, matching: ObjectQuery(componentType: "VTODO"),
                                                after: nil, limit: 5)
            try Expect.equal(todos.map(\.name), ["todo.ics"], "component type without a window")
            let none = try await store.objects(calendarID: f.calendar.id, matching: window, after: "zzz", limit: 5)
            try Expect.equal(none, [], "after every name")
            let unknown = try await store.objects(calendarID: 999_999, matching: window, after: nil, limit: nil)
            try Expect.equal(unknown, [], "unknown calendar")
        },
    ]
}
