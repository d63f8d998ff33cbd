@testable import CalendarAPI
import ICalendar
import Testing

@Suite struct IdentifierTests {
    /// RFC 4648 §10's test vectors, in lower case without padding.
    @Test(arguments: [("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"),
                      ("fooba", "mzxw6ytb"), ("foobar", "mzxw6ytboi")])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
    }

    @Test func base32RefusesWhatItDidNotWrite() {
        #expect(Base32.decode("MZXW6") == nil)  // upper case
        #expect(Base32.decode("mzxw1") == nil)  // not in the alphabet
        #expect(Base32.decode("mz") == nil)  // leftover bits that are not zero padding
    }

    @Test func eventIDsRoundTrip() throws {
        let plain = EventID(calendarID: 7, name: "a b/ç.ics")
        #expect(EventID(plain.text) == plain)
        let instance = EventID(calendarID: 7, name: "x.ics", instance: .utc(LocalDateTime(year: 2026, month: 12, day: 8, hour: 9)!))
        #expect(instance.text.hasSuffix("_20261208T090000Z"))
        #expect(EventID(instance.text) == instance)
        let allDay = EventID(calendarID: 7, name: "x.ics", instance: .date(CalendarDate(year: 2026, month: 12, day: 8)!))
        #expect(EventID(allDay.text)?.instance == .date(CalendarDate(year: 2026, month: 12, day: 8)!))
        for bad in ["", "7", "x.abc", "0.mzxw6", "7.MZXW6", "7.mzxw6_2026", "7.mzxw6_20261208T090000"] {
            #expect(EventID(bad) == nil, "\(bad)")
        }
    }

    @Test func pageTokensRoundTrip() throws {
        for token in [PageToken.events(revision: 42, afterName: "a\nb.ics"), .instances(afterStart: -5, afterID: "7.x_1")] {
            #expect(try PageToken(token.text) == token)
        }
        #expect(throws: APIError.self) { try PageToken("zzzz") }
        #expect(throws: APIError.self) { try PageToken("") }
    }
}

@Suite struct RFC3339Tests {
    @Test func readsDateTimes() throws {
        let berlin = try #require(RFC3339.stamp("2026-12-07T10:00:00+01:00"))
        #expect(berlin.instant == Instant(utc: LocalDateTime(year: 2026, month: 12, day: 7, hour: 9)!))
        #expect(RFC3339.stamp("2026-12-07T09:00:00.250Z")?.instant == berlin.instant)
        #expect(RFC3339.stamp("2026-12-07t09:00:00z")?.instant == berlin.instant)
        #expect(RFC3339.stamp("2026-12-07T10:00:00")?.offset == nil)
        for bad in ["2026-12-07", "2026-13-07T10:00:00Z", "2026-12-07T25:00:00Z", "2026-12-07T10:00:00+1:00",
                    "2026-12-07T10:00:00.Z", "2026-12-07 10:00:00Z", "x"] {
            #expect(RFC3339.stamp(bad) == nil, "\(bad)")
        }
        #expect(RFC3339.date("2026-02-29") == nil)
        #expect(RFC3339.date("2028-02-29") == CalendarDate(year: 2028, month: 2, day: 29))
    }

    @Test func writesInTheZonesOffset() throws {
        let zone = try #require(TimeZoneDatabase().zone(for: "America/New_York"))
        let instant = Instant(utc: LocalDateTime(year: 2026, month: 7, day: 1, hour: 16)!)
        #expect(RFC3339.format(instant, in: zone) == "2026-07-01T12:00:00-04:00")
        #expect(RFC3339.format(instant, in: FixedOffsetZone.utc) == "2026-07-01T16:00:00Z")
    }
}
