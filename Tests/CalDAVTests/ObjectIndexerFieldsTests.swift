import CalDAV
import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence
import Testing

/// The index fields a query answers from without parsing (RFC 4791 §9.9 exactness, §9.7.5 text) and the one index
/// maintenance reads (`expandedUntil`).
@Suite struct ObjectIndexerFieldsTests {
    let horizon = seconds("20300101T000000Z")
    var indexer: ObjectIndexer { ObjectIndexer(horizon: horizon, floatingZone: FixedOffsetZone.utc, database: testDatabase) }
    let validator = CalendarObjectValidator(maxResourceSize: 1 << 20, supportedComponents: ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"])

    func index(_ bytes: [UInt8], _ indexer: ObjectIndexer? = nil) throws -> ObjectIndex {
        (indexer ?? self.indexer).index(try validator.validate(data: bytes, contentType: nil))
    }

    func index(_ body: String) throws -> ObjectIndex { try index(calendarBytes(body)) }

    // MARK: isExact

    /// Appendix B abcd1 (a zoned VEVENT) and abcd2 (a zoned daily series with an override): absolute times, the
    /// VEVENT table, every instance materialised.
    @Test func zonedEventsAreExact() throws {
        #expect(try index(appendixB("abcd1")).isExact)
        #expect(try index(appendixB("abcd2")).isExact)
    }

    /// Shapes whose intervals are exactly the §9.9 intervals.
    @Test(arguments: [
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nDURATION:PT0S\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Europe/Berlin:20240102T100000\nDTEND;TZID=Europe/Berlin:20240102T113000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE:20240103T100000Z\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\nEND:VEVENT",
        "BEGIN:VJOURNAL\nUID:a\nDTSTART:20240102T100000Z\nEND:VJOURNAL",
    ])
    func exactShapes(body: String) throws {
        #expect(try index(body).isExact)
    }

    /// Shapes where the index is wider than §9.9 (floating times and DATEs, inclusive tables, "always") or
    /// incomplete (the instance cap), so a query must parse them.
    @Test(arguments: [
        "BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20240102\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000\nDTEND:20240102T110000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Nowhere/Special:20240102T100000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nDTEND:20240102T110000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20240103T100000\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nRDATE;VALUE=DATE:20240110\nEND:VEVENT",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\nBEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240103T100000Z\nDTSTART:20240103T120000\nEND:VEVENT",
        "BEGIN:VTODO\nUID:a\nDTSTART:20240102T100000Z\nDUE:20240102T120000Z\nEND:VTODO",
        "BEGIN:VTODO\nUID:a\nSUMMARY:someday\nEND:VTODO",
        "BEGIN:VJOURNAL\nUID:a\nDTSTART;VALUE=DATE:20240102\nEND:VJOURNAL",
        "BEGIN:VJOURNAL\nUID:a\nSUMMARY:no date\nEND:VJOURNAL",
        "BEGIN:VFREEBUSY\nUID:a\nDTSTART:20240102T000000Z\nDTEND:20240103T000000Z\nEND:VFREEBUSY",
        "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nRRULE:FREQ=DAILY;COUNT=2\nEXDATE:20240102T100000Z,20240103T100000Z\nEND:VEVENT",
    ])
    func inexactShapes(body: String) throws {
        #expect(try index(body).isExact == false)
    }

    /// A series cut short by the instance cap is not exact, and maintenance may retry it.
    @Test func cappedSeriesIsNotExact() throws {
        let capped = ObjectIndexer(horizon: horizon, floatingZone: FixedOffsetZone.utc, database: testDatabase, maxInstances: 10)
        let index = try index(calendarBytes("BEGIN:VEVENT\nUID:h\nDTSTART:20240101T000000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT"), capped)
        #expect(index.isExact == false)
        #expect(index.expandedUntil == horizon)
    }

    // MARK: expandedUntil

    /// Series that go on past the horizon carry the horizon they were expanded to; complete series and single
    /// objects never need re-indexing and carry nil.
    @Test func expandedUntilMarksOpenSeries() throws {
        let unbounded = try index("BEGIN:VEVENT\nUID:w\nDTSTART:20240101T090000Z\nRRULE:FREQ=WEEKLY\nEND:VEVENT")
        #expect(unbounded.expandedUntil == horizon)
        #expect(unbounded.horizon == horizon)
        let pastHorizon = try index("BEGIN:VEVENT\nUID:w\nDTSTART:20290101T090000Z\nRRULE:FREQ=YEARLY;COUNT=5\nEND:VEVENT")
        #expect(pastHorizon.expandedUntil == horizon)
        let bounded = try index("BEGIN:VEVENT\nUID:w\nDTSTART:20240101T090000Z\nRRULE:FREQ=WEEKLY;COUNT=4\nEND:VEVENT")
        #expect(bounded.expandedUntil == nil)
        #expect(try index(appendixB("abcd1")).expandedUntil == nil)
    }

    // MARK: Exact decisions agree with the filter

    /// For every exact object and every window that ends at or before its horizon, the index decision equals the
    /// full RFC 4791 §9.9 evaluation, read in UTC and in New York (exact objects hold no floating time).
    @Test func exactDecisionEqualsFullEvaluation() throws {
        let bodies = [
            "BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:b\nDTSTART:20240102T100000Z\nDTEND:20240102T120000Z\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:c\nDTSTART;TZID=America/New_York:20240102T220000\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEXDATE;TZID=America/New_York:20240104T220000\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:d\nDTSTART:20240102T080000Z\nDURATION:PT30M\nRRULE:FREQ=DAILY;COUNT=6\nEND:VEVENT\nBEGIN:VEVENT\nUID:d\nRECURRENCE-ID:20240104T080000Z\nDTSTART:20240104T150000Z\nDURATION:PT2H\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:e\nDTSTART:20240102T080000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=6\nEND:VEVENT\nBEGIN:VEVENT\nUID:e\nRECURRENCE-ID;RANGE=THISANDFUTURE:20240104T080000Z\nDTSTART:20240104T090000Z\nDURATION:PT1H\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:f\nDTSTART:20240102T100000Z\nDURATION:PT1H\nRDATE:20240105T000000Z\nEND:VEVENT",
            "BEGIN:VJOURNAL\nUID:g\nDTSTART:20240103T101500Z\nEND:VJOURNAL",
        ]
        let short = ObjectIndexer(horizon: seconds("20240106T000000Z"), floatingZone: FixedOffsetZone.utc, database: testDatabase)
        let newYork = CalendarZone(calendarTimeZone: CalendarZoneTests.newYork, database: testDatabase).timeContext
        var windows = [TimeWindow(start: nil, end: seconds("20240103T000000Z")), TimeWindow(start: seconds("20240104T000000Z"), end: nil)]
        var start = seconds("20240101T000000Z")
        while start < seconds("20240107T000000Z") {
            windows += [TimeWindow(start: start, end: start + 900), TimeWindow(start: start, end: start + 7_200)]
            start += 900
        }
        var decided = 0
        for body in bodies {
            let object = try validator.validate(data: calendarBytes(body), contentType: nil)
            let index = short.index(object)
            #expect(index.isExact, "\(object.uid)")
            for window in windows {
                let range = ComponentTimeRange(componentType: object.componentType, window: window)
                guard let decision = range.decision(for: index) else {
                    // Undecided only where the window reaches past what was materialised.
                    #expect(index.horizon != nil && (window.end ?? .max) > index.horizon!, "\(object.uid) \(window)")
                    continue
                }
                decided += 1
                for context in [utcContext, newYork] {
                    #expect(decision == exactMatch(object, window: window, context: context), "\(object.uid) \(window)")
                }
            }
        }
        #expect(decided > 1_000)
    }

    /// Floating and all-day instances: where the index says "yes" from a widened interval inside the window, the
    /// full §9.9 evaluation agrees in every zone (UTC, New York, UTC+14 and UTC-12), and it never says "no".
    @Test func floatingDecisionAgreesWithFullEvaluationInEveryZone() throws {
        let bodies = [
            "BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20240110\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:b\nDTSTART;VALUE=DATE:20240110\nDTEND;VALUE=DATE:20240113\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:c\nDTSTART:20240110T090000\nDTEND:20240110T100000\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:d\nDTSTART:20240110T090000\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:e\nDTSTART;VALUE=DATE:20240108\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE;VALUE=DATE:20240110\nEND:VEVENT",
            "BEGIN:VJOURNAL\nUID:f\nDTSTART;VALUE=DATE:20240111\nEND:VJOURNAL",
        ]
        let indexer = ObjectIndexer(horizon: seconds("20250101T000000Z"), floatingZone: FixedOffsetZone.utc, database: testDatabase)
        let contexts = [utcContext, CalendarZone(calendarTimeZone: CalendarZoneTests.newYork, database: testDatabase).timeContext,
                        TimeContext(resolver: testDatabase, floating: FixedOffsetZone(identifier: "+14", offset: UTCOffset(seconds: 14 * 3_600))),
                        TimeContext(resolver: testDatabase, floating: FixedOffsetZone(identifier: "-12", offset: UTCOffset(seconds: -12 * 3_600)))]
        var windows: [TimeWindow] = [TimeWindow(start: seconds("20240101T000000Z"), end: nil), TimeWindow(start: nil, end: seconds("20240201T000000Z"))]
        var start = seconds("20240105T000000Z")
        while start < seconds("20240116T000000Z") {
            for length: Int64 in [3_600, 86_400, 3 * 86_400, 6 * 86_400] { windows.append(TimeWindow(start: start, end: start + length)) }
            start += 3 * 3_600
        }
        var decided = 0
        for body in bodies {
            let object = try validator.validate(data: calendarBytes(body), contentType: nil)
            let index = indexer.index(object)
            #expect(!index.isExact, "\(object.uid)")
            for window in windows {
                guard let decision = ComponentTimeRange(componentType: object.componentType, window: window).decision(for: index) else { continue }
                decided += 1
                #expect(decision, "\(object.uid) \(window)")
                for context in contexts {
                    #expect(exactMatch(object, window: window, context: context), "\(object.uid) \(window)")
                }
            }
        }
        #expect(decided > 100)
    }

    /// Another component type, or an inexact index, is never decided from the index.
    @Test func decisionNeedsExactIndexOfTheType() throws {
        let event = try index("BEGIN:VEVENT\nUID:a\nDTSTART:20240102T100000Z\nEND:VEVENT")
        let window = TimeWindow(start: seconds("20240102T000000Z"), end: seconds("20240103T000000Z"))
        #expect(ComponentTimeRange(componentType: "VEVENT", window: window).decision(for: event) == true)
        #expect(ComponentTimeRange(componentType: "VTODO", window: window).decision(for: event) == nil)
        let allDay = try index("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20240102\nEND:VEVENT")
        #expect(ComponentTimeRange(componentType: "VEVENT", window: window).decision(for: allDay) == nil)
    }
}
