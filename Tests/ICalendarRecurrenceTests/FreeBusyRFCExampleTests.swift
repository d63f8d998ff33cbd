import ICalendar
import ICalendarRecurrence
import Testing

/// Worked examples transcribed from the RFCs (fixtures under Fixtures/freebusy).
@Suite struct FreeBusyRFCExampleTests {
    let calculator = FreeBusyCalculator(context: .test())

    /// The calendar of RFC 4791 Appendix B as busy candidates. Event #2 recurs daily at 12:00 US/Eastern (17:00Z) from
    /// 2 to 6 January with the 4 January instance moved to 14:00; the expander is another target, so its five
    /// instances are listed here by hand.
    func appendixB() -> [FreeBusyCandidate] {
        var candidates: [FreeBusyCandidate] = []
        for name in ["abcd1", "abcd3", "abcd4", "abcd5", "abcd6", "abcd7", "abcd8"] {
            candidates += objects(fixture("freebusy/rfc4791-appendix-b/\(name).ics")).map { FreeBusyCandidate(component: $0) }
        }
        let event2 = objects(fixture("freebusy/rfc4791-appendix-b/abcd2.ics"))
        let (master, override) = (event2[0], event2[1])
        for day in ["02", "03", "05", "06"] {
            candidates.append(FreeBusyCandidate(component: master, start: utc("200601\(day)T170000Z")))
        }
        candidates.append(FreeBusyCandidate(component: override))
        return candidates
    }

    /// RFC 4791 §7.10.1. The prose asks for 9:00–17:00 EST on 4 January (14:00Z–22:00Z) and the response has two
    /// one-hour periods; the request's end attribute says 20060105T220000Z, which would also take in 5 January
    /// (see `literalRequestRange`). This test uses the range the prose and the response describe.
    @Test func rfc4791FreeBusyQueryExample() throws {
        let result = try calculator.compute(from: utc("20060104T140000Z"), to: utc("20060104T220000Z"), candidates: appendixB())
        let response = objects(fixture("freebusy/rfc4791-7.10.1-response.ics"))[0]
        let expected = try calculator.busyPeriods(of: FreeBusyCandidate(component: response))
        #expect(result.periods == expected)
        #expect(describe(result.periods) == [
            "BUSY-TENTATIVE 20060104T150000Z/20060104T160000Z",
            "BUSY 20060104T190000Z/20060104T200000Z",
        ])
        let fb = result.component(dtstamp: utc("20050125T090000Z"))
        #expect(fb.serialized == """
            BEGIN:VFREEBUSY\r
            DTSTAMP:20050125T090000Z\r
            DTSTART:20060104T140000Z\r
            DTEND:20060104T220000Z\r
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20060104T150000Z/20060104T160000Z\r
            FREEBUSY;FBTYPE=BUSY:20060104T190000Z/20060104T200000Z\r
            END:VFREEBUSY\r

            """)
    }

    /// The same data with the request's literal end, 20060105T220000Z: Event #2 on 5 January and the stored
    /// BUSY-UNAVAILABLE period of abcd8 fall inside it too.
    @Test func literalRequestRange() throws {
        let result = try calculator.compute(from: utc("20060104T140000Z"), to: utc("20060105T220000Z"), candidates: appendixB())
        #expect(describe(result.periods) == [
            "BUSY-TENTATIVE 20060104T150000Z/20060104T160000Z",
            "BUSY 20060104T190000Z/20060104T200000Z",
            "BUSY-UNAVAILABLE 20060105T100000Z/20060105T120000Z",
            "BUSY 20060105T170000Z/20060105T180000Z",
        ])
    }

    /// RFC 5545 §3.6.4, the reply example: FREEBUSY periods written as start/duration, all BUSY by default.
    @Test func rfc5545ReplyExample() throws {
        let reply = objects(fixture("freebusy/rfc5545-3.6.4-reply.ics"))[0]
        let result = try calculator.compute(from: utc("19971015T000000Z"), to: utc("19971016T120000Z"), candidates: [FreeBusyCandidate(component: reply)])
        #expect(describe(result.periods) == [
            "BUSY 19971015T050000Z/19971015T133000Z",
            "BUSY 19971015T160000Z/19971015T213000Z",
            "BUSY 19971015T223000Z/19971016T050000Z",
        ])
    }

    /// RFC 5545 §3.6.4, the publish example, read through a window that cuts the first and last periods.
    @Test func rfc5545PublishExampleClipped() throws {
        let published = objects(fixture("freebusy/rfc5545-3.6.4-publish.ics"))[0]
        let result = try calculator.compute(from: utc("19980315T000000Z"), to: utc("19980318T033000Z"), candidates: [FreeBusyCandidate(component: published)])
        #expect(describe(result.periods) == [
            "BUSY 19980315T000000Z/19980315T003000Z",
            "BUSY 19980316T153000Z/19980316T163000Z",
            "BUSY 19980318T030000Z/19980318T033000Z",
        ])
    }
}
