import Foundation
import Testing
import ICalendar
import ICalendarRecurrence

/// The whole engine on a real-world export, the way the README shows it: parse, resolve the calendar's zones with
/// the system tz database, expand one calendar object (master + override) into a window.
@Suite struct RealCalendarExpansionTests {
    static func corpus(_ name: String) throws -> Component {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/corpus/\(name)")
        return try ICalendarParser().parseCalendar([UInt8](try Data(contentsOf: url)))
    }

    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Instant {
        Instant(utc: LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi)!)
    }

    /// Google's weekday stand-up (Europe/Berlin, 09:30, from Monday 2024-01-08) with the 17 January instance moved to
    /// 11:00: January 2024 holds 18 weekday instances, 08:30Z in winter, the override at 10:00Z.
    @Test func googleStandUpInJanuary() throws {
        let calendar = try Self.corpus("google-calendar-export.ics")
        let zones = CalendarTimeZoneResolver(calendar: calendar, database: TimeZoneDatabase())
        let expander = RecurrenceExpander(resolver: zones, floating: zones.defaultZone)
        let standUp = calendar.components(.vevent).filter { $0.property(.uid)?.value == "7kukuqrfedlm2f9t0vdrtrgk8u@google.com" }
        let january = TimeRange(start: Self.utc(2024, 1, 1), end: Self.utc(2024, 2, 1))
        let expansion = try expander.instances(of: standUp, in: january)
        #expect(expansion.isComplete)
        #expect(expansion.instances.count == 18)
        let moved = try #require(expansion.instances.first { $0.isOverride })
        #expect(moved.recurrenceID == .zoned(LocalDateTime(year: 2024, month: 1, day: 17, hour: 9, minute: 30)!, tzid: "Europe/Berlin"))
        #expect(moved.startInstant == Self.utc(2024, 1, 17, 10))
        #expect(moved.component.property(.summary)?.text == "Stand-up (moved)")
        #expect(expansion.instances.filter { !$0.isOverride }.allSatisfy { $0.startInstant.utc.time == LocalTime(hour: 8, minute: 30, second: 0)! })
        // X-WR-TIMEZONE makes Europe/Berlin the zone for floating times.
        #expect(zones.defaultZone.identifier == "Europe/Berlin")
    }

    /// The EXDATEs around Easter remove 25 March, 1 and 2 April; the DST change on 31 March moves the UTC time.
    @Test func googleStandUpAcrossEasterAndDST() throws {
        let calendar = try Self.corpus("google-calendar-export.ics")
        let expander = RecurrenceExpander(resolver: CalendarTimeZoneResolver(calendar: calendar, database: TimeZoneDatabase()))
        let standUp = calendar.components(.vevent).filter { $0.property(.uid)?.value == "7kukuqrfedlm2f9t0vdrtrgk8u@google.com" }
        let instances = try expander.instances(of: standUp, in: TimeRange(start: Self.utc(2024, 3, 25), end: Self.utc(2024, 4, 6))).instances
        let days = instances.map { $0.startInstant.utc.date.day }
        #expect(days == [26, 27, 28, 29, 3, 4, 5])
        #expect(instances.first?.startInstant == Self.utc(2024, 3, 26, 8, 30))
        #expect(instances.last?.startInstant == Self.utc(2024, 4, 5, 7, 30))
    }

    /// Thunderbird's "last Thursday of the month" in Europe/London, from its RDATE-only VTIMEZONE's TZID.
    @Test func thunderbirdLastThursday() throws {
        let calendar = try Self.corpus("thunderbird-export.ics")
        let expander = RecurrenceExpander(resolver: CalendarTimeZoneResolver(calendar: calendar, database: TimeZoneDatabase()))
        let club = calendar.components(.vevent)
        let instances = try expander.instances(of: club, in: TimeRange(start: Self.utc(2024, 2, 1), end: Self.utc(2024, 7, 1))).instances
        #expect(instances.map { $0.startInstant } == [
            Self.utc(2024, 2, 29, 19), Self.utc(2024, 3, 28, 19), Self.utc(2024, 4, 25, 18), Self.utc(2024, 5, 30, 18),
            Self.utc(2024, 6, 27, 18),
        ])
    }
}
