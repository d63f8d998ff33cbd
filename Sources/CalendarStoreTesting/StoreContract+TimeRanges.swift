import CalendarStore

extension StoreContract {
    static let timeRanges: [ContractCheck] = [
        ContractCheck("timeRange.singleInstances") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("a.ics", index: .event("a", 100, 200))
            try await f.put("b.ics", index: .event("b", 200, 300))
            try await f.put("c.ics", index: .event("c", 300, 300))
            try await f.put("d.ics", index: .event("d", 50, 400))
            try Expect.equal(try await f.candidates(200, 300), ["b.ics", "d.ics"], "[200,300): ends are exclusive")
            try Expect.equal(try await f.candidates(300, 400), ["c.ics", "d.ics"], "zero-length at the window start")
            try Expect.equal(try await f.candidates(250, 300), ["b.ics", "d.ics"], "zero-length at the window end")
            try Expect.equal(try await f.candidates(150, 250), ["a.ics", "b.ics", "d.ics"], "straddling")
            try Expect.equal(try await f.candidates(400, 500), [], "after everything")
            try Expect.equal(try await f.candidates(0, 50), [], "before everything")
        },
        ContractCheck("timeRange.openBounds") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("a.ics", index: .event("a", 100, 200))
            try await f.put("c.ics", index: .event("c", 300, 300))
            try await f.put("d.ics", index: .event("d", 50, 400))
            try Expect.equal(try await f.candidates(nil, 150), ["a.ics", "d.ics"], "open start")
            try Expect.equal(try await f.candidates(350, nil), ["d.ics"], "open end")
            try Expect.equal(try await f.candidates(300, nil), ["c.ics", "d.ics"], "open end, zero-length at start")
            try Expect.equal(try await f.candidates(nil, nil), ["a.ics", "c.ics", "d.ics"], "unbounded")
        },
        ContractCheck("timeRange.recurringInstances") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("r.ics", index: .series("r", [(1_000, 1_100), (2_000, 2_100), (3_000, 3_100)]))
            try Expect.equal(try await f.candidates(1_500, 1_900), [], "between instances")
            try Expect.equal(try await f.candidates(2_050, 2_060), ["r.ics"], "inside the second instance")
            try Expect.equal(try await f.candidates(0, 5_000), ["r.ics"], "once although three instances overlap")
            try Expect.equal(try await f.candidates(3_100, 9_000), [], "after the last instance")
            try await f.put("r.ics", index: .series("r", [(7_000, 7_100)]))
            try Expect.equal(try await f.candidates(2_050, 2_060), [], "replaced instances no longer match")
            try Expect.equal(try await f.candidates(7_000, 7_001), ["r.ics"], "new instances match")
            try await store.deleteObject(calendarID: f.calendar.id, name: "r.ics", ifMatch: nil)
            try Expect.equal(try await f.candidates(nil, nil), [], "deleted objects do not match")
        },
        ContractCheck("timeRange.timelessObjects") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("todo.ics", index: .timeless("t"))
            try await f.put("e.ics", index: .event("e", 100, 200))
            try Expect.equal(try await f.candidates(5_000, 6_000), ["todo.ics"], "timeless matches every window")
            try Expect.equal(try await f.candidates(nil, nil), ["e.ics", "todo.ics"], "unbounded")
            try Expect.equal(try await f.candidates(5_000, 6_000, type: "VTODO"), ["todo.ics"], "VTODO filter")
            try Expect.equal(try await f.candidates(5_000, 6_000, type: "VEVENT"), [], "VEVENT filter")
        },
        ContractCheck("timeRange.beyondHorizon") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("u.ics", index: .series("u", [(1_000, 1_100), (2_000, 2_100)], horizon: 2_500))
            try await f.put("later.ics", index: .series("later", [(8_000, 8_100)], horizon: 8_500))
            try Expect.equal(try await f.candidates(1_500, 1_900), [], "before the horizon instances decide")
            try Expect.equal(try await f.candidates(2_050, 2_060), ["u.ics"], "a materialised instance")
            try Expect.equal(try await f.candidates(3_000, 4_000), ["u.ics"], "window ending after the horizon")
            try Expect.equal(try await f.candidates(2_400, 2_500), [], "window ending at the horizon")
            try Expect.equal(try await f.candidates(3_000, nil), ["later.ics", "u.ics"], "open end")
            try Expect.equal(try await f.candidates(8_600, 8_700), ["later.ics", "u.ics"], "both beyond horizons")
            try Expect.equal(try await f.candidates(500, 800), [], "before the first start")
        },
        ContractCheck("timeRange.componentFilter") { store in
            let f = try await ContractFixture.make(store)
            try await f.put("e.ics", index: .event("e", 100, 200))
            try await f.put("t.ics", index: .event("t", 100, 200, type: "VTODO"))
            try await f.put("j.ics", index: .event("j", 150, 150, type: "VJOURNAL"))
            try Expect.equal(try await f.candidates(0, 1_000, type: "VEVENT"), ["e.ics"], "VEVENT")
            try Expect.equal(try await f.candidates(0, 1_000, type: "VTODO"), ["t.ics"], "VTODO")
            try Expect.equal(try await f.candidates(0, 1_000, type: "VJOURNAL"), ["j.ics"], "VJOURNAL")
            try Expect.equal(try await f.candidates(0, 1_000), ["e.ics", "j.ics", "t.ics"], "any type")
        },
        ContractCheck("timeRange.longInstancesAndOrder") { store in
            let f = try await ContractFixture.make(store)
            let names = (0..<30).map { "n\($0 % 10)-\($0).ics" }
            for (number, name) in names.enumerated() {
                let start = Int64(number) * 10_000
                try await f.put(name, index: .event("u\(number)", start, start + 100))
            }
            try await f.put("long.ics", index: .event("long", -1_000_000, 10_000_000))
            try await f.put("z.ics", index: .event("z", 149_990, 150_000))
            try Expect.equal(try await f.candidates(150_000, 150_050), ["long.ics", "n5-15.ics"],
                             "a long instance starting long before the window")
            try Expect.equal(try await f.candidates(0, 300_000), (names + ["long.ics", "z.ics"]).sorted(),
                             "ordered by name")
            try Expect.equal(try await f.candidates(50_000_000, 60_000_000), [], "after everything")
            let other = try await f.makeCalendar("other")
            try await f.put("elsewhere.ics", index: .event("x", 150_000, 150_001), in: other.id)
            try Expect.equal(try await f.candidates(150_000, 150_001), ["long.ics", "n5-15.ics"], "other calendars")
        },
        ContractCheck("timeRange.followsMoves") { store in
            let f = try await ContractFixture.make(store)
            let target = try await f.makeCalendar("target")
            try await f.put("a.ics", index: .event("a", 100, 200))
            _ = try await store.moveObject(fromCalendarID: f.calendar.id, name: "a.ics", toCalendarID: target.id,
                                           newName: "b.ics", overwrite: false, ifMatch: nil)
            try Expect.equal(try await f.candidates(100, 200), [], "source no longer matches")
            let found = try await store.objects(calendarID: target.id, componentType: "VEVENT",
                                                overlapping: TimeWindow(start: 150, end: 160)).map(\.name)
            try Expect.equal(found, ["b.ics"], "target matches")
        },
    ]
}
