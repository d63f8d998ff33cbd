import ICalendar
import Testing

@testable import ICalendarRecurrence

private let expander = RecurrenceExpander(resolver: TestZones())

private func expand(_ body: String, from: String? = nil, to: String? = nil, expander: RecurrenceExpander = expander) throws -> RecurrenceExpansion {
    try expander.instances(of: components(body), in: TimeRange(start: from.map(instant), end: to.map(instant)))
}

/// `start/end summary` per instance, with start and end as written (zoned wall clock, UTC or DATE).
private func summary(_ expansion: RecurrenceExpansion) -> [String] {
    expansion.instances.map { instance in
        let name = instance.component.property(.summary)?.text ?? "-"
        return "\(instance.start.icalValue)/\(instance.end.icalValue) \(name)\(instance.isCancelled ? " cancelled" : "")"
    }
}

@Suite struct RecurrenceExpanderTests {
    // MARK: Single components

    @Test(arguments: [
        ("DTSTART;TZID=America/New_York:20240105T090000\nDTEND;TZID=America/New_York:20240105T103000", "20240105T090000/20240105T103000", "20240105T140000Z", "20240105T153000Z"),
        ("DTSTART;TZID=America/New_York:20240105T090000\nDURATION:PT45M", "20240105T090000/20240105T094500", "20240105T140000Z", "20240105T144500Z"),
        ("DTSTART;VALUE=DATE:20240105", "20240105/20240106", "20240105T000000Z", "20240106T000000Z"),
        ("DTSTART;VALUE=DATE:20240105\nDTEND;VALUE=DATE:20240108", "20240105/20240108", "20240105T000000Z", "20240108T000000Z"),
        ("DTSTART:20240105T090000Z", "20240105T090000Z/20240105T090000Z", "20240105T090000Z", "20240105T090000Z"),
    ])
    func nonRecurringComponentYieldsItselfOnce(_ times: String, _ span: String, _ start: String, _ end: String) throws {
        let expansion = try expand("BEGIN:VEVENT\nUID:a\n\(times)\nEND:VEVENT")
        #expect(expansion.isComplete)
        #expect(expansion.instances.count == 1)
        let instance = try #require(expansion.instances.first)
        #expect("\(instance.start.icalValue)/\(instance.end.icalValue)" == span)
        #expect(instance.startInstant == instant(start) && instance.endInstant == instant(end))
        #expect(instance.recurrenceID == nil && instance.source == .master && !instance.isCancelled)
    }

    @Test func todoUsesDueForItsLengthOrAsItsTime() throws {
        let withStart = try expand("BEGIN:VTODO\nUID:t\nDTSTART:20240105T090000Z\nDUE:20240105T120000Z\nRRULE:FREQ=WEEKLY;COUNT=2\nEND:VTODO")
        #expect(summary(withStart) == ["20240105T090000Z/20240105T120000Z -", "20240112T090000Z/20240112T120000Z -"])
        let dueOnly = try expand("BEGIN:VTODO\nUID:t\nDUE:20240105T170000Z\nEND:VTODO")
        #expect(summary(dueOnly) == ["20240105T170000Z/20240105T170000Z -"])
    }

    @Test func journalOnADateLastsTheDay() throws {
        let journal = try expand("BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20240105\nRRULE:FREQ=YEARLY;COUNT=2\nEND:VJOURNAL")
        #expect(summary(journal) == ["20240105/20240106 -", "20250105/20250106 -"])
    }

    // MARK: Windows

    @Test func windowUsesTheOverlapRule() throws {
        let event = "BEGIN:VEVENT\nUID:w\nDTSTART:20240101T220000Z\nDTEND:20240102T020000Z\nRRULE:FREQ=DAILY\nEND:VEVENT"
        // The instance of January 4th 22:00 reaches into January 5th.
        let window = try expand(event, from: "20240105T000000Z", to: "20240107T000000Z")
        #expect(window.instances.map(\.start.icalValue) == ["20240104T220000Z", "20240105T220000Z", "20240106T220000Z"])
        // A span ending exactly at the window start does not overlap.
        let edge = try expand(event, from: "20240105T020000Z", to: "20240105T220000Z")
        #expect(edge.instances.isEmpty)
        // An instant (zero length) overlaps when it is inside [start, end).
        let instants = "BEGIN:VEVENT\nUID:z\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY\nEND:VEVENT"
        #expect(try expand(instants, from: "20240103T100000Z", to: "20240104T100000Z").instances.map(\.start.icalValue) == ["20240103T100000Z"])
    }

    @Test func windowFarIntoAnUnboundedSeriesIsReachedWithoutWalking() throws {
        let limited = RecurrenceExpander(resolver: TestZones(), limits: ExpansionLimits(maxInstances: 50))
        let event = "BEGIN:VEVENT\nUID:f\nDTSTART;TZID=America/New_York:20240101T090000\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEND:VEVENT"
        let window = try expand(event, from: "22000301T000000Z", to: "22000303T000000Z", expander: limited)
        #expect(window.isComplete)
        #expect(window.instances.map(\.start.icalValue) == ["22000301T090000", "22000302T090000"])
    }

    static let windowCases: [(String, String)] = [
        ("20240101T000000Z", "20240201T000000Z"), ("20240105T150000Z", "20240112T150000Z"), ("20240110T000000Z", "20240111T000000Z"),
        ("20240114T140000Z", "20240114T140001Z"), ("20231201T000000Z", "20240104T000000Z"), ("20240118T000000Z", "20240301T000000Z"),
    ]

    /// A window over an object with every kind of override gives what filtering the whole expansion gives.
    @Test(arguments: windowCases)
    func windowEqualsFilteringTheWholeExpansion(_ from: String, _ to: String) throws {
        let whole = try expand(Self.busyObject)
        let range = TimeRange(start: instant(from), end: instant(to))
        let expected = whole.instances.filter { range.overlaps(start: $0.startInstant, end: $0.endInstant) }
        #expect(try expand(Self.busyObject, from: from, to: to).instances == expected)
    }

    static let busyObject = """
        BEGIN:VEVENT
        UID:busy
        SUMMARY:Standup
        DTSTART;TZID=America/New_York:20240101T100000
        DTEND;TZID=America/New_York:20240101T110000
        RRULE:FREQ=DAILY;COUNT=20
        RDATE;VALUE=PERIOD:20240125T150000Z/PT3H
        EXDATE;TZID=America/New_York:20240103T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:busy
        RECURRENCE-ID;TZID=America/New_York:20240105T100000
        SUMMARY:Moved
        DTSTART;TZID=America/New_York:20240104T150000
        DTEND;TZID=America/New_York:20240104T160000
        END:VEVENT
        BEGIN:VEVENT
        UID:busy
        RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20240110T100000
        SUMMARY:Later
        DTSTART;TZID=America/New_York:20240110T120000
        DTEND;TZID=America/New_York:20240110T133000
        END:VEVENT
        BEGIN:VEVENT
        UID:busy
        RECURRENCE-ID;TZID=America/New_York:20240114T100000
        SUMMARY:Cancelled
        STATUS:CANCELLED
        DTSTART;TZID=America/New_York:20240114T090000
        DTEND;TZID=America/New_York:20240114T093000
        END:VEVENT
        """

    // MARK: Overrides

    @Test func overridesReplaceMoveAndExtendInstances() throws {
        let all = try expand(Self.busyObject)
        #expect(all.isComplete)
        #expect(summary(all) == [
            "20240101T100000/20240101T110000 Standup",
            "20240102T100000/20240102T110000 Standup",
            // January 3rd: EXDATE. January 5th was moved to the 4th, after the 4th's own instance.
            "20240104T100000/20240104T110000 Standup",
            "20240104T150000/20240104T160000 Moved",
            "20240106T100000/20240106T110000 Standup",
            "20240107T100000/20240107T110000 Standup",
            "20240108T100000/20240108T110000 Standup",
            "20240109T100000/20240109T110000 Standup",
            // THISANDFUTURE from the 10th: two hours later and 90 minutes long from then on...
            "20240110T120000/20240110T133000 Later",
            "20240111T120000/20240111T133000 Later",
            "20240112T120000/20240112T133000 Later",
            "20240113T120000/20240113T133000 Later",
            // ...except where a single override says otherwise.
            "20240114T090000/20240114T093000 Cancelled cancelled",
            "20240115T120000/20240115T133000 Later",
            "20240116T120000/20240116T133000 Later",
            "20240117T120000/20240117T133000 Later",
            "20240118T120000/20240118T133000 Later",
            "20240119T120000/20240119T133000 Later",
            "20240120T120000/20240120T133000 Later",
            // The PERIOD RDATE (15:00Z = 10:00 EST) is after the range override's RECURRENCE-ID, so it moves too.
            "20240125T120000/20240125T133000 Later",
        ])
        let sources = Dictionary(grouping: all.instances, by: \.source).mapValues(\.count)
        #expect(sources == [.master: 7, .override: 3, .rangeOverride: 10])
        let moved = try #require(all.instances.first { $0.component.property(.summary)?.text == "Moved" })
        #expect(moved.recurrenceID == .zoned(local("20240105T100000"), tzid: eastern))
        #expect(moved.isOverride)
    }

    @Test func periodRdateKeepsItsOwnLength() throws {
        let event = """
            BEGIN:VEVENT
            UID:p
            DTSTART:20240101T100000Z
            DTEND:20240101T110000Z
            RDATE;VALUE=PERIOD:20240105T150000Z/PT3H,20240106T080000Z/20240106T083000Z
            END:VEVENT
            """
        #expect(summary(try expand(event)) == ["20240101T100000Z/20240101T110000Z -", "20240105T150000Z/20240105T180000Z -", "20240106T080000Z/20240106T083000Z -"])
    }

    @Test func exdateWinsOverAnOverrideAndOrphansAreKept() throws {
        let body = """
            BEGIN:VEVENT
            UID:o
            DTSTART:20240101T100000Z
            RRULE:FREQ=DAILY;COUNT=3
            EXDATE:20240102T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:o
            RECURRENCE-ID:20240102T100000Z
            DTSTART:20240102T120000Z
            SUMMARY:Excluded anyway
            END:VEVENT
            BEGIN:VEVENT
            UID:o
            RECURRENCE-ID:20240110T100000Z
            DTSTART:20240110T120000Z
            SUMMARY:Orphan
            END:VEVENT
            """
        #expect(summary(try expand(body)) == ["20240101T100000Z/20240101T100000Z -", "20240103T100000Z/20240103T100000Z -", "20240110T120000Z/20240110T120000Z Orphan"])
    }

    @Test func recurrenceIDInUTCMatchesAZonedSeries() throws {
        let body = """
            BEGIN:VEVENT
            UID:u
            DTSTART;TZID=America/New_York:20240101T090000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:u
            RECURRENCE-ID:20240102T140000Z
            SUMMARY:Same instance
            END:VEVENT
            """
        let all = try expand(body)
        // No DTSTART on the override: it keeps the original start and the master's length.
        #expect(summary(all) == ["20240101T090000/20240101T100000 -", "20240102T090000/20240102T100000 Same instance", "20240103T090000/20240103T100000 -"])
        #expect(all.instances[1].recurrenceID == .zoned(local("20240102T090000"), tzid: eastern))
    }

    @Test func allDaySeriesWithDateExdateAndDateOverride() throws {
        let body = """
            BEGIN:VEVENT
            UID:d
            DTSTART;VALUE=DATE:20240101
            RRULE:FREQ=WEEKLY;COUNT=4
            EXDATE;VALUE=DATE:20240108
            END:VEVENT
            BEGIN:VEVENT
            UID:d
            RECURRENCE-ID;VALUE=DATE:20240115
            DTSTART;VALUE=DATE:20240116
            DTEND;VALUE=DATE:20240118
            END:VEVENT
            """
        #expect(summary(try expand(body)) == ["20240101/20240102 -", "20240116/20240118 -", "20240122/20240123 -"])
    }

    @Test func overridesWithoutMasterAreReturned() throws {
        let body = "BEGIN:VEVENT\nUID:m\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T110000Z\nDURATION:PT1H\nEND:VEVENT"
        let all = try expand(body)
        #expect(summary(all) == ["20240102T110000Z/20240102T120000Z -"])
        #expect(all.instances[0].recurrenceID == .utc(local("20240102T100000")))
    }

    @Test func cancelledMasterMarksEveryInstance() throws {
        let body = "BEGIN:VEVENT\nUID:c\nDTSTART:20240101T100000Z\nSTATUS:CANCELLED\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT"
        #expect(try expand(body).instances.allSatisfy(\.isCancelled))
    }

    // MARK: Lengths across DST

    @Test func durationIsNominalAndDtendIsExact() throws {
        // March 10th 2024 has 23 hours in New York.
        let nominal = try expand("BEGIN:VEVENT\nUID:n\nDTSTART;TZID=America/New_York:20240309T120000\nDURATION:P1D\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT")
        #expect(nominal.instances.map { $0.endInstant.secondsSinceEpoch - $0.startInstant.secondsSinceEpoch } == [82_800, 86_400])
        #expect(summary(nominal) == ["20240309T120000/20240310T120000 -", "20240310T120000/20240311T120000 -"])
        let exact = try expand("BEGIN:VEVENT\nUID:e\nDTSTART;TZID=America/New_York:20240309T120000\nDTEND;TZID=America/New_York:20240310T130000\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT")
        #expect(exact.instances.map { $0.endInstant.secondsSinceEpoch - $0.startInstant.secondsSinceEpoch } == [86_400, 86_400])
        #expect(summary(exact).first == "20240309T120000/20240310T130000 -")
    }

    // MARK: Limits and bounds

    @Test func instanceLimitIsReported() throws {
        let limited = RecurrenceExpander(resolver: TestZones(), limits: ExpansionLimits(maxInstances: 10))
        let expansion = try expand("BEGIN:VEVENT\nUID:l\nDTSTART:20240101T100000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT", expander: limited)
        #expect(expansion.instances.count == 10)
        #expect(expansion.stopReason == .instanceLimitReached)
        #expect(!expansion.isComplete)
    }

    @Test func boundsOfBoundedUnboundedAndEmptyObjects() throws {
        let bounded = try expander.bounds(of: components(Self.busyObject))
        #expect(bounded == RecurrenceBounds(firstStart: instant("20240101T150000Z"), lastEnd: instant("20240125T183000Z")))
        let unbounded = try expander.bounds(of: components("BEGIN:VEVENT\nUID:u\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY\nEND:VEVENT"))
        #expect(unbounded == RecurrenceBounds(firstStart: instant("20240101T100000Z"), lastEnd: nil))
        // An override moved before the first instance starts the span.
        let earlier = """
            BEGIN:VEVENT
            UID:e
            DTSTART:20240101T100000Z
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:e
            RECURRENCE-ID:20240102T100000Z
            DTSTART:20231231T080000Z
            DURATION:PT1H
            END:VEVENT
            """
        #expect(try expander.bounds(of: components(earlier)) == RecurrenceBounds(firstStart: instant("20231231T080000Z"), lastEnd: instant("20240103T110000Z")))
        let empty = "BEGIN:VEVENT\nUID:x\nDTSTART:20240101T100000Z\nEXDATE:20240101T100000Z\nEND:VEVENT"
        #expect(try expander.bounds(of: components(empty)) == nil)
        let tooLong = RecurrenceExpander(resolver: TestZones(), limits: ExpansionLimits(maxInstances: 5))
        #expect(try tooLong.bounds(of: components("BEGIN:VEVENT\nUID:t\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY;COUNT=50\nEND:VEVENT"))?.lastEnd == nil)
    }

    @Test func otherComponentsAndUIDsAreIgnored() throws {
        let body = """
            BEGIN:VEVENT
            UID:first
            DTSTART:20240101T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:second
            DTSTART:20240105T100000Z
            END:VEVENT
            """
        #expect(try expand(body).instances.map(\.start.icalValue) == ["20240101T100000Z"])
    }
}
