import ICalendar
import Testing
@testable import ICalendarRecurrence

/// The round trip deferred from `VTimeZoneGeneratorTests`: a VTIMEZONE generated from an IANA zone, interpreted as an
/// embedded definition, gives the zone's own offsets and wall-clock readings over the generated range.
@Suite struct VTimeZoneRoundTripTests {
    typealias F = VTZFixture

    static let zones = [
        "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia",
        "Australia/Sydney", "America/Santiago", "Africa/Casablanca", "Asia/Gaza", "Asia/Jerusalem", "America/Nuuk",
    ]

    /// Checks every transition of the zone in `[start, end)` (one second before, at, one second after, and the wall
    /// clocks around its onset, which exercise the gap and overlap rule) and a grid over the whole range.
    static func check(_ id: String, from start: Instant, to end: Instant) throws {
        let zone = try F.zone(id)
        let component = VTimeZoneGenerator().component(for: zone, from: start, to: end)
        let rules = try VTimeZoneRules(component)
        #expect(rules.identifier == id)
        for transition in zone.transitions(from: start, to: end) {
            for delta: Int64 in [-1, 0, 1] {
                let instant = transition.instant.adding(seconds: delta)
                #expect(rules.offset(at: instant) == zone.offset(at: instant), "\(id) offset at \(instant)")
            }
            #expect(rules.localTimeType(at: transition.instant).offset == transition.after.offset, "\(id) \(transition)")
            for minutes: Int64 in [-90, -61, -60, -31, -30, -1, 0, 1, 29, 30, 31, 59, 60, 61, 90] {
                let wall = transition.onset.adding(seconds: minutes * 60)
                #expect(rules.instant(for: wall) == zone.instant(for: wall), "\(id) instant for \(wall)")
            }
        }
        let difference = F.firstDifference(rules, zone, from: start, to: end, step: 11 * 3600 + 17 * 60 + 3)
        #expect(difference == nil, "\(id): \(difference ?? "")")
    }

    @Test(arguments: zones)
    func historyFrom1970(_ id: String) throws {
        try Self.check(id, from: utc("19700101T000000Z"), to: utc("20400101T000000Z"))
    }

    @Test(arguments: zones)
    func currentRulesOnly(_ id: String) throws {
        // The range a server typically emits: the years around now, the rest carried by RRULEs.
        try Self.check(id, from: utc("20240101T000000Z"), to: utc("20300101T000000Z"))
    }

    @Test(arguments: ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "America/Nuuk"])
    func rrulesCarryTheZoneBeyondTheGeneratedRange(_ id: String) throws {
        let zone = try F.zone(id)
        let rules = try VTimeZoneRules(VTimeZoneGenerator().component(for: zone, from: utc("20240101T000000Z"), to: utc("20250101T000000Z")))
        #expect(F.firstDifference(rules, zone, from: utc("20250101T000000Z"), to: utc("21000101T000000Z"), step: 13 * 3600 + 7) == nil)
    }
}
