import ICalendar
import Testing
@testable import ICalendarRecurrence

/// Onsets past the precomputed horizon come from the open rules, computed around the time asked for; and UNTIL is
/// read as UTC.
@Suite struct VTimeZoneTailTests {
    typealias F = VTZFixture

    @Test func defaultHorizonIsSeamless() throws {
        let ny = try F.rules("rfc5545-3.6.5-new-york-rrule.ics")
        #expect(ny.horizon == utc("22000101T000000Z"))
        let iana = try F.zone("America/New_York")
        #expect(F.firstDifference(ny, iana, from: utc("21900101T000000Z"), to: utc("22150101T000000Z"), step: 86_400 + 5 * 3600 + 11) == nil)
        // Far beyond: the same rule, second Sunday in March to first Sunday in November.
        #expect(ny.offset(at: utc("25000314T065959Z")) == F.hours(-5))  // 2500-03-14 is the second Sunday
        #expect(ny.offset(at: utc("25000314T070000Z")) == F.hours(-4))
        #expect(ny.offset(at: utc("90000701T000000Z")) == F.hours(-4))
        #expect(ny.offset(at: utc("90001201T000000Z")) == F.hours(-5))
        #expect(ny.localTimeType(at: utc("90000701T000000Z")).abbreviation == "EDT")
        #expect(ny.instant(for: local("25000314T023000")) == utc("25000314T073000Z"))
    }

    @Test func lowHorizonMatchesTheDatabaseEverywhere() throws {
        // A horizon in 2030 puts seventy years of queries on the on-demand path.
        let berlin = try VTimeZoneRules(F.vtimezone("outlook-customized-time-zone.ics"), horizonYear: 2030)
        #expect(berlin.horizon == utc("20300101T000000Z"))
        let iana = try F.zone("Europe/Berlin")
        #expect(F.firstDifference(berlin, iana, from: utc("20250101T000000Z"), to: utc("21000101T000000Z"), step: 2 * 86_400 + 3 * 3600 + 7) == nil)
        for transition in iana.transitions(from: utc("20290101T000000Z"), to: utc("20400101T000000Z")) {
            #expect(berlin.offset(at: transition.instant.adding(seconds: -1)) == transition.before.offset)
            #expect(berlin.offset(at: transition.instant) == transition.after.offset)
            for minutes: Int64 in [-61, -30, 0, 30, 61] {
                let wall = transition.onset.adding(seconds: minutes * 60)
                #expect(berlin.instant(for: wall) == iana.instant(for: wall), "\(wall)")
            }
        }
        let across = berlin.transitions(from: utc("20290101T000000Z"), to: utc("20320101T000000Z"))
        #expect(across.map(\.instant) == iana.transitions(from: utc("20290101T000000Z"), to: utc("20320101T000000Z")).map(\.instant))
    }

    @Test func sparseOpenRulesLookFarBack() throws {
        // An onset every 50 years: past the horizon the state comes from the last one, decades before.
        let component = Component(name: .vtimezone, properties: [Property(name: .tzid, value: "Jubilee")], components: [
            Component(name: .standard, properties: [
                Property(name: .dtstart, value: "19000101T000000"),
                Property(name: .tzoffsetfrom, value: "+0000"), Property(name: .tzoffsetto, value: "+0000"),
            ]),
            Component(name: .daylight, properties: [
                Property(name: .dtstart, value: "19500101T000000"),
                Property(name: .rrule, value: "FREQ=YEARLY;INTERVAL=50"),
                Property(name: .tzoffsetfrom, value: "+0000"), Property(name: .tzoffsetto, value: "+0100"),
            ]),
            Component(name: .standard, properties: [
                Property(name: .dtstart, value: "19750101T000000"),
                Property(name: .rrule, value: "FREQ=YEARLY;INTERVAL=50"),
                Property(name: .tzoffsetfrom, value: "+0100"), Property(name: .tzoffsetto, value: "+0000"),
            ]),
        ])
        let zone = try VTimeZoneRules(component)
        #expect(zone.offset(at: utc("22100101T000000Z")) == F.hours(1))  // since 2200-01-01 (an onset at the horizon)
        #expect(zone.offset(at: utc("22260101T000000Z")) == .zero)       // since 2225
        #expect(zone.offset(at: utc("31000601T000000Z")) == F.hours(1))  // since 3100
        #expect(zone.offset(at: utc("31240601T000000Z")) == F.hours(1))
        #expect(zone.offset(at: utc("31260601T000000Z")) == .zero)
    }

    @Test func untilIsUTCAndIncludesAnOnsetAtExactlyThatInstant() throws {
        func zone(until: String) throws -> VTimeZoneRules {
            try VTimeZoneRules(Component(name: .vtimezone, properties: [Property(name: .tzid, value: "Until")], components: [
                Component(name: .daylight, properties: [
                    Property(name: .dtstart, value: "20050327T020000"),
                    Property(name: .rrule, value: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;UNTIL=\(until)"),
                    Property(name: .tzoffsetfrom, value: "+0100"), Property(name: .tzoffsetto, value: "+0200"),
                ]),
                Component(name: .standard, properties: [
                    Property(name: .dtstart, value: "20051030T030000"),
                    Property(name: .rrule, value: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
                    Property(name: .tzoffsetfrom, value: "+0200"), Property(name: .tzoffsetto, value: "+0100"),
                ]),
            ]))
        }
        // The 2010 onset is 02:00 at +01:00, 01:00Z. Read as a wall clock, 01:00 would wrongly exclude it.
        #expect(try zone(until: "20100328T010000Z").offset(at: utc("20100701T000000Z")) == F.hours(2))
        #expect(try zone(until: "20100328T005959Z").offset(at: utc("20100701T000000Z")) == F.hours(1))
        #expect(try zone(until: "20100328T005959Z").offset(at: utc("20090701T000000Z")) == F.hours(2))
    }
}
