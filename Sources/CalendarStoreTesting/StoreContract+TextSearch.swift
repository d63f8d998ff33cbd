import CalendarStore

extension StoreContract {
    static let textSearch: [ContractCheck] = [
        ContractCheck("text.conditions") { store in
            let f = try await TextFixture.make(store)
            try Expect.equal(try await f.names([.summary: "standup"]), ["standup.ics"], "case-insensitive")
            try Expect.equal(try await f.names([.description: "STANDUP"]), ["review.ics"], "field-specific")
            try Expect.equal(try await f.names([.summary: "review"]), ["review.ics", "todo.ics"], "every type")
            try Expect.equal(try await f.names([.summary: "review"], type: "VEVENT"), ["review.ics"], "with a type")
            try Expect.equal(try await f.names([.summary: "review", .attendees: "ALICE@"]), ["review.ics"], "AND")
            try Expect.equal(try await f.names([.summary: "review", .location: "room"]), [], "AND, one fails")
            try Expect.equal(try await f.names([.attendees: "bob builder"]), ["standup.ics"], "attendee CN, a space")
            try Expect.equal(try await f.names([.location: "Luigi's"]), ["lunch.ics"], "an apostrophe")
            try Expect.equal(try await f.names([.description: "\"slides\""]), ["review.ics"], "double quotes")
            try Expect.equal(try await f.names([.description: "AND OR"]), ["lunch.ics"], "words, not operators")
            try Expect.equal(try await f.names([.summary: "xyzzy"]), [], "no match")
            try Expect.equal(try await f.names([.attendees: "example.com"]), ["review.ics", "standup.ics"], "two")
            try Expect.equal(try await f.names([.attendees: "example.com"], limit: 1), ["review.ics"], "first page")
            try Expect.equal(try await f.names([.attendees: "example.com"], after: "review.ics"), ["standup.ics"],
                             "next page")
        },
        ContractCheck("text.withWindow") { store in
            let f = try await TextFixture.make(store)
            try Expect.equal(try await f.names([.description: "standup"], window: TimeWindow(start: 0, end: 3_000)),
                             ["review.ics"], "text and window both hold")
            try Expect.equal(try await f.names([.description: "standup"], window: TimeWindow(start: 5_000, end: 6_000)),
                             [], "text holds, window does not")
            try Expect.equal(try await f.names([.summary: "review"], window: TimeWindow(start: 5_000, end: 6_000)),
                             ["todo.ics"], "a timeless object matches every window")
            try Expect.equal(try await f.names([.summary: "review"], type: "VTODO",
                                               window: TimeWindow(start: 1_000, end: 2_000)),
                             ["todo.ics"], "text, window and type")
        },
        ContractCheck("text.shortNeedlesAreASuperset") { store in
            let f = try await TextFixture.make(store)
            let all = ["lunch.ics", "review.ics", "standup.ics", "todo.ics"]
            for needle in ["re", "Re", "zz", "", "a"] {
                let found = try await f.names([.summary: needle])
                let exact = f.exactMatches(.summary, needle)
                try Expect.that(Set(found).isSuperset(of: exact), "'\(needle)': every object that contains it")
                try Expect.that(Set(found).isSubset(of: all), "'\(needle)': only the calendar's objects")
                try Expect.equal(found, found.sorted(), "'\(needle)': in name order")
            }
            // "ly" is in review's summary only; "review" is in review's and todo's.
            let both = Set(try await f.names([.summary: "ly", .summary: "review"]))
            try Expect.that(both.contains("review.ics") && both.isSubset(of: ["review.ics", "todo.ics"]),
                            "a short needle does not weaken the other conditions: \(both)")
        },
        ContractCheck("text.followsWrites") { store in
            let f = try await TextFixture.make(store)
            let store = f.fixture.store
            let id = f.fixture.calendar.id
            try await f.fixture.put("lunch.ics", version: 2,
                                    index: .event("lunch", 5_000, 6_000).with(IndexedText(summary: "Team dinner")))
            try Expect.equal(try await f.names([.summary: "lunch"]), [], "replaced text no longer matches")
            try Expect.equal(try await f.names([.summary: "dinner"]), ["lunch.ics"], "new text matches")
            try Expect.equal(try await f.names([.description: "luigi"]), [], "a field now empty")
            try await store.deleteObject(calendarID: id, name: "standup.ics", ifMatch: nil)
            try Expect.equal(try await f.names([.summary: "standup"]), [], "deleted")
            let other = try await f.fixture.makeCalendar("other")
            _ = try await store.moveObject(fromCalendarID: id, name: "review.ics", toCalendarID: other.id,
                                           newName: "moved.ics", overwrite: false, ifMatch: nil)
            try Expect.equal(try await f.names([.summary: "quarterly"]), [], "moved away")
            let moved = try await store.objects(calendarID: other.id,
                                                matching: ObjectQuery(text: [.init(field: .summary, needle: "quarterly")]),
                                                after: nil, limit: nil)
            try Expect.equal(moved.map(\.name), ["moved.ics"], "found in the target")
            try await store.deleteCalendar(id: other.id)
            let again = try await f.fixture.makeCalendar("again")
            try await f.fixture.put("fresh.ics", index: .event("fresh", 1, 2).with(IndexedText(summary: "Plain")),
                                    in: again.id)
            let stale = try await store.objects(calendarID: again.id,
                                                matching: ObjectQuery(text: [.init(field: .summary, needle: "quarterly")]),
                                                after: nil, limit: nil)
            try Expect.equal(stale, [], "deleted with its calendar")
        },
        ContractCheck("text.indexFieldsRoundTrip") { store in
            let f = try await ContractFixture.make(store)
            var index = ObjectIndex.series("r", [(1_000, 1_100)], horizon: 1_500)
                .with(IndexedText(summary: "S\nS2", description: "D", location: "L", attendees: "mailto:a@b\nA"))
            index.expandedUntil = 1_500
            index.isExact = true
            let put = try await f.put("r.ics", index: index)
            try Expect.equal(put.object.index, index, "put result")
            try Expect.equal(try await store.object(calendarID: f.calendar.id, name: "r.ics")?.index, index, "by name")
            try Expect.equal(try await store.object(calendarID: f.calendar.id, uid: "r")?.index, index, "by UID")
            let found = try await store.objects(calendarID: f.calendar.id,
                                                matching: ObjectQuery(text: [.init(field: .location, needle: "l")]),
                                                after: nil, limit: nil)
            try Expect.equal(found.map(\.index), [index], "by query")
        },
    ]
}

/// Four objects with text, for the text checks.
struct TextFixture {
    let fixture: ContractFixture
    let texts: [String: IndexedText]

    static func make(_ store: any CalendarStore) async throws -> TextFixture {
        let f = try await ContractFixture.make(store)
        let texts: [String: (ObjectIndex, IndexedText)] = [
            "standup.ics": (.event("standup", 1_000, 2_000),
                            IndexedText(summary: "Daily Standup", location: "Room 4",
                                        attendees: "mailto:bob@example.com\nBob Builder")),
            "lunch.ics": (.event("lunch", 5_000, 6_000),
                          IndexedText(summary: "Team lunch", description: "pizza AND OR pasta", location: "Luigi's")),
            "review.ics": (.event("review", 1_500, 1_600),
                           IndexedText(summary: "Quarterly REVIEW", description: "bring the standup notes, \"slides\"",
                                       attendees: "mailto:alice@example.com")),
            "todo.ics": (.timeless("todo"), IndexedText(summary: "Review slides")),
        ]
        for (name, (index, text)) in texts { try await f.put(name, index: index.with(text)) }
        return TextFixture(fixture: f, texts: texts.mapValues(\.1))
    }

    /// Names of the candidates for all `conditions`.
    func names(_ conditions: KeyValuePairs<IndexedTextField, String>, type: String? = nil, window: TimeWindow? = nil,
               after: String? = nil, limit: Int? = nil) async throws -> [String] {
        let query = ObjectQuery(componentType: type, window: window,
                                text: conditions.map { TextCondition(field: $0.key, needle: $0.value) })
        return try await fixture.store.objects(calendarID: fixture.calendar.id, matching: query, after: after,
                                               limit: limit).map(\.name)
    }

    /// The names whose `field` contains `needle`, ignoring ASCII case.
    func exactMatches(_ field: IndexedTextField, _ needle: String) -> Set<String> {
        Set(texts.filter { $0.value[field].lowercased().contains(needle.lowercased()) }.keys)
    }
}

extension ObjectIndex {
    func with(_ text: IndexedText) -> ObjectIndex {
        var copy = self
        copy.text = text
        return copy
    }
}
