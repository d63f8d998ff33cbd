import Foundation
import ICalendar
import Testing
@testable import ICalendarRecurrence

/// Loads `Fixtures/timezones` and builds the values the VTIMEZONE and resolver tests share.
enum VTZFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/timezones")

    static let database = TimeZoneDatabase()

    static func calendar(_ name: String) throws -> Component {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return try Component(parsing: text)
    }

    /// The fixture's first VTIMEZONE, renamed to `tzid` when given (so a resolver cannot take the IANA path).
    static func vtimezone(_ name: String, renamedTo tzid: String? = nil) throws -> Component {
        var component = try #require(try calendar(name).components(.vtimezone).first)
        if let tzid { component.setProperty(.tzid, Property(name: .tzid, text: tzid)) }
        return component
    }

    static func rules(_ name: String) throws -> VTimeZoneRules {
        try VTimeZoneRules(vtimezone(name))
    }

    static func zone(_ identifier: String) throws -> IANATimeZone {
        try database.zone(identifier: identifier)
    }

    static func hours(_ h: Int, _ m: Int = 0) -> UTCOffset {
        UTCOffset(seconds: h * 3600 + (h < 0 ? -m : m) * 60)
    }

    /// Offsets of both zones agree every `step` seconds in `[start, end)`, and so do their readings of the same
    /// wall clocks. Returns the first disagreement, if any.
    static func firstDifference(_ a: any TimeZoneRules, _ b: any TimeZoneRules, from start: Instant, to end: Instant,
                                step: Int64 = 7 * 3600 + 13 * 60 + 17) -> String? {
        var t = start.secondsSinceEpoch
        while t < end.secondsSinceEpoch {
            let instant = Instant(secondsSinceEpoch: t)
            if a.offset(at: instant) != b.offset(at: instant) {
                return "offset at \(instant): \(a.offset(at: instant)) vs \(b.offset(at: instant))"
            }
            let wall = LocalDateTime(secondsSinceEpoch: t)
            if a.instant(for: wall) != b.instant(for: wall) {
                return "instant for \(wall): \(a.instant(for: wall)) vs \(b.instant(for: wall))"
            }
            t += step
        }
        return nil
    }
}

/// RFC 5545 §3.6.5's VTIMEZONE examples, transcribed from the RFC into `Fixtures/timezones/rfc5545-3.6.5-*.ics`
/// and interpreted as embedded definitions (`VTimeZoneRules` never consults the tz database).
@Suite struct VTimeZoneRulesTests {
    typealias F = VTZFixture

    @Test func newYorkHistoryFollowsEveryObservance() throws {
        let ny = try F.rules("rfc5545-3.6.5-new-york-history.ics")
        #expect(ny.identifier == "America/New_York")
        // (instant of the onset, offset after); one second before, the other offset holds.
        let changes: [(String, Int)] = [
            ("19670430T070000Z", -4), ("19671029T060000Z", -5),
            ("19730429T070000Z", -4), ("19731028T060000Z", -5),  // last run of the first DAYLIGHT rule (UNTIL is inclusive)
            ("19740106T070000Z", -4), ("19741027T060000Z", -5),  // the energy-crisis DTSTART
            ("19750223T070000Z", -4), ("19751026T060000Z", -5),  // its RDATE
            ("19760425T070000Z", -4), ("19861026T060000Z", -5), ("19860427T070000Z", -4),
            ("19870405T070000Z", -4), ("20060402T070000Z", -4),
            ("20061029T060000Z", -5),  // UNTIL=20061029T060000Z is this very onset
            ("20070311T070000Z", -4), ("20071104T060000Z", -5),
            ("20240310T070000Z", -4), ("20241103T060000Z", -5),
        ]
        for (text, after) in changes {
            let at = utc(text)
            #expect(ny.offset(at: at) == F.hours(after), "\(text)")
            #expect(ny.offset(at: at.adding(seconds: -1)) == F.hours(after == -4 ? -5 : -4), "\(text) - 1 s")
        }
        // Before the first onset, the earliest observance's TZOFFSETFROM.
        #expect(ny.offset(at: utc("19600101T000000Z")) == F.hours(-5))
        #expect(ny.initialLocalTimeType.offset == F.hours(-5))
        // No April change in 1974 or 1975: DST had begun in January/February.
        #expect(ny.offset(at: utc("19741201T000000Z")) == F.hours(-5))
        #expect(ny.localTimeType(at: utc("19750301T000000Z")) == LocalTimeType(offset: F.hours(-4), isDaylightSaving: true, abbreviation: "EDT"))
    }

    @Test func newYorkHistoryMatchesTheTzDatabase() throws {
        // The RFC says the example holds "since April 30, 1967 at 03:00:00 EDT".
        let ny = try F.rules("rfc5545-3.6.5-new-york-history.ics")
        let iana = try F.zone("America/New_York")
        #expect(F.firstDifference(ny, iana, from: utc("19670430T070000Z"), to: utc("20400101T000000Z")) == nil)
    }

    @Test func gapAndOverlapFollowSection335() throws {
        let ny = try F.rules("rfc5545-3.6.5-new-york-history.ics")
        // 02:30 on 2024-03-10 does not exist: read with EST, so 07:30Z (03:30 EDT).
        #expect(ny.instant(for: local("20240310T023000")) == utc("20240310T073000Z"))
        #expect(ny.local(at: utc("20240310T073000Z")) == local("20240310T033000"))
        #expect(ny.instant(for: local("20240310T015959")) == utc("20240310T065959Z"))
        #expect(ny.instant(for: local("20240310T030000")) == utc("20240310T070000Z"))
        // 01:30 on 2024-11-03 happens twice: the first (EDT) is meant.
        #expect(ny.instant(for: local("20241103T013000")) == utc("20241103T053000Z"))
        #expect(ny.instant(for: local("20241103T020000")) == utc("20241103T070000Z"))
        // The same in 1974, whose DST began on January 6th.
        #expect(ny.instant(for: local("19740106T023000")) == utc("19740106T073000Z"))
    }

    @Test func dtstartOnlyFormHoldsOnlyBetweenItsOnsets() throws {
        let ny = try F.rules("rfc5545-3.6.5-new-york-dtstart-only.ics")
        #expect(ny.offset(at: utc("20070311T065959Z")) == F.hours(-5))
        #expect(ny.offset(at: utc("20070311T070000Z")) == F.hours(-4))
        #expect(ny.offset(at: utc("20071104T055959Z")) == F.hours(-4))
        #expect(ny.offset(at: utc("20071104T060000Z")) == F.hours(-5))
        // Nothing repeats: the RFC notes the definition is only valid until March 2008.
        #expect(ny.offset(at: utc("20080701T000000Z")) == F.hours(-5))
        #expect(ny.transitions(from: utc("20000101T000000Z"), to: utc("21000101T000000Z")).count == 2)
    }

    @Test func rruleFormMatchesTheTzDatabaseFrom2007() throws {
        let ny = try F.rules("rfc5545-3.6.5-new-york-rrule.ics")
        let iana = try F.zone("America/New_York")
        #expect(F.firstDifference(ny, iana, from: utc("20070311T070000Z"), to: utc("20600101T000000Z")) == nil)
        // Before the first onset: the earliest observance (DAYLIGHT, 2007-03-11) says -05:00 held.
        #expect(ny.offset(at: utc("20000701T000000Z")) == F.hours(-5))
    }

    @Test func fictitiousZoneStopsObservingDaylightTime() throws {
        let zone = try F.rules("rfc5545-3.6.5-fictitious-daylight-ends.ics")
        // Before the first onset (STANDARD, 1967-10-29) its TZOFFSETFROM, -04:00, which the DAYLIGHT observance names.
        #expect(zone.offset(at: utc("19670701T000000Z")) == F.hours(-4))
        #expect(zone.initialLocalTimeType.abbreviation == "EDT")
        #expect(zone.offset(at: utc("19671029T055959Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("19671029T060000Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("19800701T000000Z")) == F.hours(-5))  // no DAYLIGHT before 1987
        #expect(zone.offset(at: utc("19870405T065959Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("19870405T070000Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("19971026T060000Z")) == F.hours(-5))
        // UNTIL=19980404T070000Z is a day before the first Sunday of April 1998: 1997 was the last DST.
        #expect(zone.offset(at: utc("19970701T000000Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("19980701T000000Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("20240701T000000Z")) == F.hours(-5))
        // The yearly STANDARD onsets that change nothing are not reported as transitions.
        #expect(zone.transitions(from: utc("19980101T000000Z"), to: utc("20300101T000000Z")).isEmpty)
    }

    @Test func fictitiousZoneWithASecondDaylightRule() throws {
        let zone = try F.rules("rfc5545-3.6.5-fictitious-two-daylight-rules.ics")
        #expect(zone.offset(at: utc("19980701T000000Z")) == F.hours(-5))
        // The second rule's DTSTART (Saturday 1999-04-24) is an onset although the rule itself (last Sunday of
        // April) would give the 25th.
        #expect(zone.offset(at: utc("19990424T065959Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("19990424T070000Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("19991031T060000Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("20050424T065959Z")) == F.hours(-5))
        #expect(zone.offset(at: utc("20050424T070000Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("20241027T055959Z")) == F.hours(-4))
        #expect(zone.offset(at: utc("20241027T060000Z")) == F.hours(-5))
        // Gap of 2024-04-28 and overlap of 2024-10-27.
        #expect(zone.instant(for: local("20240428T023000")) == utc("20240428T073000Z"))
        #expect(zone.instant(for: local("20241027T013000")) == utc("20241027T053000Z"))
        let transitions = zone.transitions(from: utc("20240101T000000Z"), to: utc("20250101T000000Z"))
        #expect(transitions.map(\.onset) == [local("20240428T020000"), local("20241027T020000")])
        #expect(transitions.map(\.after.abbreviation) == ["EDT", "EST"])
    }

    @Test func outlookVTimeZoneMatchesCurrentUSRules() throws {
        // Outlook starts both observances on 1601-01-01; from 2007 on they give the US rules.
        let outlook = try F.rules("outlook-eastern-standard-time.ics")
        #expect(outlook.identifier == "Eastern Standard Time")
        #expect(F.firstDifference(outlook, try F.zone("America/New_York"),
                                  from: utc("20070311T070000Z"), to: utc("21000101T000000Z")) == nil)
    }

    @Test func customizedTimeZoneMatchesEURules() throws {
        let custom = try F.rules("outlook-customized-time-zone.ics")
        #expect(F.firstDifference(custom, try F.zone("Europe/Berlin"),
                                  from: utc("19961027T010000Z"), to: utc("21000101T000000Z")) == nil)
        #expect(custom.instant(for: local("20240331T010000")) == utc("20240331T000000Z"))
        #expect(custom.instant(for: local("20240331T023000")) == utc("20240331T013000Z"))  // in the gap
        #expect(custom.instant(for: local("20240331T040000")) == utc("20240331T020000Z"))
    }

    @Test func thunderbirdRDateOnlyDefinition() throws {
        // Iran's DST 2008–2022, every onset an RDATE, as libical-based clients write zones without a current rule.
        let tehran = try F.rules("thunderbird-rdate-only.ics")
        #expect(F.firstDifference(tehran, try F.zone("Asia/Tehran"),
                                  from: utc("20070101T000000Z"), to: utc("20300101T000000Z"), step: 3 * 3600 + 7 * 60) == nil)
        #expect(tehran.offset(at: utc("20210321T202959Z")) == F.hours(3, 30))
        #expect(tehran.offset(at: utc("20210321T203000Z")) == F.hours(4, 30))
        #expect(tehran.transitions(from: utc("20080101T000000Z"), to: utc("20300101T000000Z")).count == 30)
    }

    @Test func utcAndDateValuesAreReadLeniently() throws {
        // A UTC DTSTART is moved into TZOFFSETFROM; a DATE RDATE means midnight; a PERIOD RDATE its start.
        let component = Component(name: .vtimezone, properties: [Property(name: .tzid, value: "Lenient")], components: [
            Component(name: .daylight, properties: [
                Property(name: .dtstart, value: "20240301T010000Z"),
                Property(name: .rdate, parameters: [Parameter(.value, "DATE")], value: "20250301"),
                Property(name: .rdate, parameters: [Parameter(.value, "PERIOD")], value: "20260301T000000/PT1H"),
                Property(name: .tzoffsetfrom, value: "+0100"), Property(name: .tzoffsetto, value: "+0200"),
            ]),
            Component(name: .standard, properties: [
                Property(name: .dtstart, value: "20241001T000000"),
                Property(name: .rrule, value: "FREQ=YEARLY;UNTIL=20251231"),
                Property(name: .tzoffsetfrom, value: "+0200"), Property(name: .tzoffsetto, value: "+0100"),
            ]),
        ])
        let zone = try VTimeZoneRules(component)
        #expect(zone.transitions(from: utc("20200101T000000Z"), to: utc("20300101T000000Z")).map(\.instant) == [
            utc("20240301T010000Z"), utc("20240930T220000Z"), utc("20250228T230000Z"), utc("20250930T220000Z"),
            utc("20260228T230000Z"),
        ])
    }
}
