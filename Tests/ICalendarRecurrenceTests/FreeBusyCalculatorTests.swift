import ICalendar
import ICalendarRecurrence
import Testing

/// Free/busy from events and stored VFREEBUSY: RFC 4791 §7.10, RFC 5545 §3.6.4 and §3.2.9, RFC 6638 §9.1.
@Suite struct FreeBusyCalculatorTests {
    let calculator = FreeBusyCalculator(context: .test())
    let dayStart = utc("20060104T000000Z")
    let dayEnd = utc("20060105T000000Z")

    func busy(_ candidates: [FreeBusyCandidate]) throws -> [String] {
        describe(try calculator.compute(from: dayStart, to: dayEnd, candidates: candidates).periods)
    }

    func meeting(_ start: String, _ end: String, _ extra: String...) -> FreeBusyCandidate {
        FreeBusyCandidate(component: component((["BEGIN:VEVENT", "UID:x", "SUMMARY:Secret", "LOCATION:Room 1",
                                                 "DTSTART:2006010\(start)Z", "DTEND:2006010\(end)Z"] + extra + ["END:VEVENT"]).joined(separator: "\n")))
    }

    @Test func overlappingAndAdjacentPeriodsOfOneTypeMerge() throws {
        let result = try busy([
            meeting("4T090000", "4T100000"),
            meeting("4T093000", "4T103000"),
            meeting("4T103000", "4T110000"),  // touches the previous one
            meeting("4T120000", "4T130000"),
        ])
        #expect(result == ["BUSY 20060104T090000Z/20060104T110000Z", "BUSY 20060104T120000Z/20060104T130000Z"])
    }

    @Test func periodsOfDifferentTypesStaySeparateAndMayOverlap() throws {
        let result = try busy([meeting("4T090000", "4T110000"), meeting("4T100000", "4T120000", "STATUS:TENTATIVE")])
        #expect(result == ["BUSY 20060104T090000Z/20060104T110000Z", "BUSY-TENTATIVE 20060104T100000Z/20060104T120000Z"])
    }

    @Test func periodsAreClippedToTheRange() throws {
        let result = try busy([
            meeting("3T230000", "4T010000"),
            meeting("4T230000", "5T010000"),
            meeting("3T100000", "3T110000"),  // entirely before
            meeting("5T000000", "5T010000"),  // starts at the (exclusive) end
        ])
        #expect(result == ["BUSY 20060104T000000Z/20060104T010000Z", "BUSY 20060104T230000Z/20060105T000000Z"])
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        var lines: [String]
        var expected: FreeBusyType?
        var testDescription: String { "\(lines) -> \(expected?.rawValue ?? "nothing")" }
    }

    // RFC 4791 §7.10: TRANSP decides first, then STATUS.
    static let statusCases: [StatusCase] = [
        StatusCase(lines: [], expected: .busy),
        StatusCase(lines: ["TRANSP:OPAQUE"], expected: .busy),
        StatusCase(lines: ["STATUS:CONFIRMED"], expected: .busy),
        StatusCase(lines: ["STATUS:TENTATIVE"], expected: .busyTentative),
        StatusCase(lines: ["STATUS:tentative"], expected: .busyTentative),
        StatusCase(lines: ["STATUS:CANCELLED"], expected: nil),
        StatusCase(lines: ["STATUS:X-MAYBE"], expected: .busy),
        StatusCase(lines: ["TRANSP:TRANSPARENT"], expected: nil),
        StatusCase(lines: ["TRANSP:TRANSPARENT", "STATUS:CONFIRMED"], expected: nil),
        StatusCase(lines: ["TRANSP:TRANSPARENT", "STATUS:TENTATIVE"], expected: nil),
    ]

    @Test(arguments: statusCases)
    func transpAndStatus(_ testCase: StatusCase) throws {
        let candidate = FreeBusyCandidate(component: event(["DTSTART:20060104T100000Z", "DTEND:20060104T110000Z"] + testCase.lines))
        let periods = try calculator.compute(from: dayStart, to: dayEnd, candidates: [candidate]).periods
        #expect(periods.map(\.type) == (testCase.expected.map { [$0] } ?? []))
    }

    @Test func onlyEventsAndFreeBusyCount() throws {
        let candidates = [
            FreeBusyCandidate(component: todo("DTSTART:20060104T100000Z", "DUE:20060104T110000Z")),
            FreeBusyCandidate(component: component("BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20060104\nEND:VJOURNAL")),
        ]
        #expect(try busy(candidates).isEmpty)
    }

    @Test func zeroLengthEventsAddNothingAndAllDayEventsAddTheDay() throws {
        let instant = FreeBusyCandidate(component: event("DTSTART:20060104T100000Z"))
        let allDay = FreeBusyCandidate(component: event("DTSTART;VALUE=DATE:20060104"))
        #expect(try busy([instant]).isEmpty)
        #expect(try busy([allDay]) == ["BUSY 20060104T000000Z/20060105T000000Z"])
    }

    @Test func transparentCalendarAddsNothing() throws {
        var candidate = meeting("4T100000", "4T110000")
        candidate.calendarIsTransparent = true
        #expect(try busy([candidate]).isEmpty)
    }

    @Test func expandedInstancesUseTheirOwnTimes() throws {
        let daily = event("DTSTART:20060102T100000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY")
        let candidates = [
            FreeBusyCandidate(component: daily, start: utc("20060103T100000Z")),
            FreeBusyCandidate(component: daily, start: utc("20060104T100000Z")),
            FreeBusyCandidate(component: daily, start: utc("20060104T150000Z"), end: utc("20060104T153000Z")),
        ]
        #expect(try busy(candidates) == ["BUSY 20060104T100000Z/20060104T110000Z", "BUSY 20060104T150000Z/20060104T153000Z"])
    }

    @Test func storedFreeBusyContributesItsTypesButNotFree() throws {
        let stored = component("""
            BEGIN:VFREEBUSY
            UID:fb
            DTSTART:20060101T000000Z
            DTEND:20060108T000000Z
            FREEBUSY:20060104T010000Z/20060104T020000Z
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20060104T030000Z/PT1H,20060104T050000Z/PT30M
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060104T060000Z/20060104T070000Z
            FREEBUSY;FBTYPE=FREE:20060104T080000Z/20060104T090000Z
            FREEBUSY;FBTYPE=X-OUT-OF-OFFICE:20060104T100000Z/20060104T110000Z
            END:VFREEBUSY
            """)
        #expect(try busy([FreeBusyCandidate(component: stored)]) == [
            "BUSY 20060104T010000Z/20060104T020000Z",
            "BUSY-UNAVAILABLE 20060104T030000Z/20060104T040000Z",
            "BUSY-UNAVAILABLE 20060104T050000Z/20060104T053000Z",
            "BUSY-TENTATIVE 20060104T060000Z/20060104T070000Z",
            "BUSY 20060104T100000Z/20060104T110000Z",  // an unknown FBTYPE counts as BUSY (RFC 5545 §3.2.9)
        ])
    }

    @Test func componentCarriesOnlyTimes() throws {
        let result = try calculator.compute(from: dayStart, to: dayEnd, candidates: [
            meeting("4T120000", "4T130000"), meeting("4T090000", "4T100000", "STATUS:TENTATIVE"),
        ])
        let text = result.component(dtstamp: utc("20060101T000000Z"), uid: "fb-1").serialized
        #expect(text == """
            BEGIN:VFREEBUSY\r
            DTSTAMP:20060101T000000Z\r
            UID:fb-1\r
            DTSTART:20060104T000000Z\r
            DTEND:20060105T000000Z\r
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060104T090000Z/20060104T100000Z\r
            FREEBUSY;FBTYPE=BUSY:20060104T120000Z/20060104T130000Z\r
            END:VFREEBUSY\r

            """)
        #expect(!text.contains("Secret") && !text.contains("Room"))
    }

    @Test func emptyResultStillHasTheWindow() throws {
        let result = try calculator.compute(from: dayStart, to: dayEnd, candidates: [])
        #expect(result.periods.isEmpty)
        let fb = result.component(dtstamp: dayStart)
        #expect(fb.properties(.freebusy).isEmpty)
        #expect(fb.property(.dtstart)?.value == "20060104T000000Z" && fb.property(.dtend)?.value == "20060105T000000Z")
    }

    @Test func reversedWindowGivesNothing() throws {
        #expect(try calculator.compute(from: dayEnd, to: dayStart, candidates: [meeting("4T100000", "4T110000")]).periods.isEmpty)
    }

    @Test func malformedCandidateThrowsTypedError() {
        let broken = FreeBusyCandidate(component: event("DTSTART:20060104T100000Z", "DURATION:soon"))
        #expect(throws: FreeBusyError.self) { try calculator.compute(from: dayStart, to: dayEnd, candidates: [broken]) }
    }
}
