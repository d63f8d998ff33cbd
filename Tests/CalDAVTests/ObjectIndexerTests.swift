import CalDAV
import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence
import Testing

/// The index a store keeps per object (RFC 4791 §9.9 prefilter): exact where the tables are strict, wider where they
/// are inclusive or where floating times move with the query's zone.
@Suite struct ObjectIndexerTests {
    let horizon = seconds("20300101T000000Z")
    var indexer: ObjectIndexer { ObjectIndexer(horizon: horizon, floatingZone: FixedOffsetZone.utc, database: testDatabase) }
    let validator = CalendarObjectValidator(maxResourceSize: 1 << 20, supportedComponents: ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"])

    func index(_ bytes: [UInt8], _ indexer: ObjectIndexer? = nil) throws -> ObjectIndex {
        (indexer ?? self.indexer).index(try validator.validate(data: bytes, contentType: nil))
    }

    func interval(_ start: String, _ end: String) -> InstanceInterval {
        InstanceInterval(start: seconds(start), end: seconds(end))
    }

    /// Appendix B abcd1: 10:00 US/Eastern (EST, -05:00) for an hour.
    @Test func singleEvent() throws {
        let index = try index(appendixB("abcd1"))
        #expect(index.uid == "74855313FA803DA593CD579A@example.com")
        #expect(index.componentType == "VEVENT")
        #expect(index.instances == [interval("20060102T150000Z", "20060102T160000Z")])
        #expect(index.firstStart == seconds("20060102T150000Z"))
        #expect(index.lastEnd == seconds("20060102T160000Z"))
        #expect(index.horizon == nil)
    }

    /// Appendix B abcd2: daily at 12:00 EST from 2 to 6 January, the 4 January instance moved to 14:00.
    @Test func recurringEventWithOverride() throws {
        let index = try index(appendixB("abcd2"))
        #expect(index.instances == [
            interval("20060102T170000Z", "20060102T180000Z"),
            interval("20060103T170000Z", "20060103T180000Z"),
            interval("20060104T190000Z", "20060104T200000Z"),
            interval("20060105T170000Z", "20060105T180000Z"),
            interval("20060106T170000Z", "20060106T180000Z"),
        ])
        #expect(index.lastEnd == seconds("20060106T180000Z"))
        #expect(index.horizon == nil)
    }

    /// Appendix B abcd4: a to-do due on a DATE. Its time is floating, and the VTODO table compares inclusively.
    @Test func floatingTodoIsWidened() throws {
        let index = try index(appendixB("abcd4"))
        let due = seconds("20060104T000000Z")
        let slack = ObjectIndexer.anyZoneSlack + 1
        #expect(index.componentType == "VTODO")
        #expect(index.instances == [InstanceInterval(start: due - slack, end: due + slack)])
    }

    /// Appendix B abcd8: a VFREEBUSY with DTSTART and DTEND (§9.9 compares its end inclusively).
    @Test func freeBusyBounds() throws {
        let index = try index(appendixB("abcd8"))
        #expect(index.instances == [InstanceInterval(start: seconds("20060101T000000Z") - 1, end: seconds("20060108T000000Z") + 1)])
    }

    /// A to-do without any date matches every range (§9.9 VTODO table, last row): no time in the index.
    @Test func todoWithoutTime() throws {
        let index = try index(calendarBytes("BEGIN:VTODO\nUID:t\nSUMMARY:someday\nEND:VTODO"))
        #expect(index.firstStart == nil)
        #expect(index.instances.isEmpty)
        #expect(index.lastEnd == nil)
    }

    /// A to-do with only CREATED matches every range ending after it.
    @Test func todoWithOnlyCreated() throws {
        let index = try index(calendarBytes("BEGIN:VTODO\nUID:t\nCREATED:20240101T000000Z\nEND:VTODO"))
        #expect(index.instances == [InstanceInterval(start: seconds("20240101T000000Z") - 1, end: Int64.max)])
    }

    /// An unbounded rule is materialised up to the horizon and marked as continuing.
    @Test func unboundedRule() throws {
        let near = seconds("20240201T000000Z")
        let index = try index(calendarBytes("BEGIN:VEVENT\nUID:d\nDTSTART:20240101T090000Z\nDURATION:PT30M\nRRULE:FREQ=DAILY\nEND:VEVENT"),
                              ObjectIndexer(horizon: near, floatingZone: FixedOffsetZone.utc, database: testDatabase))
        #expect(index.horizon == near)
        #expect(index.lastEnd == nil)
        #expect(index.instances.first == interval("20240101T090000Z", "20240101T093000Z"))
        #expect(index.instances.count >= 31)
        #expect(index.instances.allSatisfy { $0.start <= near + 86_400 })
    }

    /// A bounded rule that ends before the horizon is complete.
    @Test func boundedRuleIsComplete() throws {
        let index = try index(calendarBytes("BEGIN:VEVENT\nUID:d\nDTSTART:20240101T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT"))
        #expect(index.horizon == nil)
        #expect(index.instances.count == 3)
        #expect(index.lastEnd == seconds("20240115T090000Z"))
    }

    /// More instances than the cap: the horizon moves back to the last materialised start; overrides are kept.
    @Test func cappedExpansion() throws {
        let capped = ObjectIndexer(horizon: horizon, floatingZone: FixedOffsetZone.utc, database: testDatabase, maxInstances: 10)
        let index = try index(calendarBytes("""
            BEGIN:VEVENT\nUID:h\nDTSTART:20240101T000000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT
            BEGIN:VEVENT\nUID:h\nRECURRENCE-ID:20240301T000000Z\nDTSTART:20240301T003000Z\nEND:VEVENT
            """), capped)
        #expect(index.horizon == seconds("20240101T090000Z"))
        #expect(index.instances.count == 11)
        #expect(index.instances.contains(InstanceInterval(start: seconds("20240301T003000Z"), end: seconds("20240301T003000Z"))))
    }

    /// The index accepts everything the exact RFC 4791 §9.9 test accepts, for every Appendix B object and every
    /// one-hour and one-day window over the first week of January 2006 (the store's rule replicated here).
    @Test func indexIsASupersetOfTheExactTest() throws {
        let objects = try appendixBNames.map { try validator.validate(data: appendixB($0), contentType: nil) }
        var windows: [TimeWindow] = []
        var start = seconds("20051231T000000Z")
        while start < seconds("20060109T000000Z") {
            windows.append(TimeWindow(start: start, end: start + 3_600))
            windows.append(TimeWindow(start: start, end: start + 86_400))
            start += 1_800
        }
        for object in objects {
            let index = indexer.index(object)
            for window in windows {
                let exact = exactMatch(object, window: window)
                if exact { #expect(StoreRule.accepts(index, window), "\(object.uid) \(window)") }
            }
        }
    }
}

extension ObjectIndexerTests {
    /// More shapes, each §9.9 table row among them, checked against windows in UTC and in New York: an index built
    /// with UTC for floating times still finds what a query in another zone matches.
    @Test func supersetAcrossShapesAndZones() throws {
        let bodies = [
            "BEGIN:VTODO\nUID:a\nDTSTART:20240102T100000Z\nEND:VTODO",
            "BEGIN:VTODO\nUID:b\nDTSTART:20240102T100000Z\nDURATION:PT2H\nEND:VTODO",
            "BEGIN:VTODO\nUID:c\nDTSTART:20240102T100000Z\nDUE:20240102T120000Z\nRRULE:FREQ=DAILY;COUNT=4\nEND:VTODO",
            "BEGIN:VTODO\nUID:d\nDUE:20240103T000000Z\nEND:VTODO",
            "BEGIN:VTODO\nUID:e\nCOMPLETED:20240102T100000Z\nCREATED:20240101T100000Z\nEND:VTODO",
            "BEGIN:VTODO\nUID:f\nCOMPLETED:20240102T100000Z\nEND:VTODO",
            "BEGIN:VJOURNAL\nUID:g\nDTSTART;VALUE=DATE:20240103\nEND:VJOURNAL",
            "BEGIN:VJOURNAL\nUID:h\nDTSTART:20240103T101500\nEND:VJOURNAL",
            "BEGIN:VEVENT\nUID:i\nDTSTART;VALUE=DATE:20240102\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE=DATE:20240103\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:j\nDTSTART:20240102T230000\nDTEND:20240103T010000\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:k\nDTSTART;TZID=America/New_York:20240102T220000\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEND:VEVENT",
            "BEGIN:VFREEBUSY\nUID:l\nFREEBUSY:20240102T100000Z/PT1H,20240103T100000Z/PT1H\nEND:VFREEBUSY",
        ]
        let newYork = CalendarZone(calendarTimeZone: CalendarZoneTests.newYork, database: testDatabase).timeContext
        var windows: [TimeWindow] = [TimeWindow(start: nil, end: seconds("20240102T100000Z")), TimeWindow(start: seconds("20240103T100000Z"), end: nil)]
        var start = seconds("20231231T000000Z")
        while start < seconds("20240107T000000Z") {
            windows += [TimeWindow(start: start, end: start + 900), TimeWindow(start: start, end: start + 7_200)]
            start += 900
        }
        for body in bodies {
            let object = try validator.validate(data: calendarBytes(body), contentType: nil)
            let index = indexer.index(object)
            for window in windows {
                for context in [utcContext, newYork] where exactMatch(object, window: window, context: context) {
                    #expect(StoreRule.accepts(index, window), "\(object.uid) \(window)")
                }
            }
        }
    }
}

/// The candidate rule `CalendarStore.objects(calendarID:componentType:overlapping:)` documents.
enum StoreRule {
    static func accepts(_ index: ObjectIndex, _ window: TimeWindow) -> Bool {
        guard let firstStart = index.firstStart else { return true }
        let end = window.end ?? Int64.max
        let start = window.start ?? Int64.min
        if let horizon = index.horizon, horizon < end, firstStart < end { return true }
        return index.instances.contains { instance in
            instance.start == instance.end ? instance.start >= start && instance.start < end : instance.start < end && instance.end > start
        }
    }
}
