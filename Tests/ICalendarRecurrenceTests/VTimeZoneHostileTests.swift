import ICalendar
import Testing
@testable import ICalendarRecurrence

/// VTIMEZONEs that are broken or built to cost a lot fail with a typed error, after bounded work.
@Suite struct VTimeZoneHostileTests {
    typealias F = VTZFixture

    static func observance(_ name: ComponentName = .standard, dtstart: String = "19700101T000000",
                           from: String? = "+0100", to: String? = "+0200", extra: [Property] = []) -> Component {
        var properties = [Property(name: .dtstart, value: dtstart)]
        if let from { properties.append(Property(name: .tzoffsetfrom, value: from)) }
        if let to { properties.append(Property(name: .tzoffsetto, value: to)) }
        return Component(name: name, properties: properties + extra)
    }

    static func vtimezone(tzid: String? = "Hostile", _ observances: Component...) -> Component {
        Component(name: .vtimezone, properties: tzid.map { [Property(name: .tzid, value: $0)] } ?? [], components: observances)
    }

    static func code(of component: Component, limits: ExpansionLimits = VTimeZoneRules.defaultLimits) -> VTimeZoneError.Code? {
        do {
            _ = try VTimeZoneRules(component, limits: limits)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func structuralErrors() {
        #expect(Self.code(of: Self.vtimezone(tzid: nil, Self.observance())) == .missingTZID)
        #expect(Self.code(of: Self.vtimezone(tzid: "", Self.observance())) == .missingTZID)
        #expect(Self.code(of: Self.vtimezone()) == .noObservances)
        #expect(Self.code(of: Component(name: .vevent)) == .notATimeZone)
        // An X- sub-component is not an observance.
        #expect(Self.code(of: Self.vtimezone(Component(name: "X-OBSERVANCE"))) == .noObservances)
    }

    @Test func missingOrUnreadableOffsets() throws {
        #expect(Self.code(of: Self.vtimezone(Self.observance(from: nil))) == .missingProperty)
        #expect(Self.code(of: Self.vtimezone(Self.observance(to: nil))) == .missingProperty)
        #expect(Self.code(of: Self.vtimezone(Component(name: .daylight, properties: [
            Property(name: .tzoffsetfrom, value: "+0100"), Property(name: .tzoffsetto, value: "+0200"),
        ]))) == .missingProperty)
        for bad in ["EST", "-05:00", "+0560", "", "+1"] {
            #expect(Self.code(of: Self.vtimezone(Self.observance(to: bad))) == .invalidValue, "\(bad)")
        }
        #expect(Self.code(of: Self.vtimezone(Self.observance(dtstart: "1970-01-01"))) == .invalidValue)
        #expect(Self.code(of: Self.vtimezone(Self.observance(extra: [Property(name: .rrule, value: "FREQ=SOMETIMES")]))) == .invalidValue)
        #expect(Self.code(of: Self.vtimezone(Self.observance(extra: [Property(name: .rdate, value: "tomorrow")]))) == .invalidValue)
        do {
            _ = try VTimeZoneRules(Self.vtimezone(Self.observance(), Self.observance(.daylight, to: "EDT")))
            Issue.record("expected an error")
        } catch {
            #expect(error.tzid == "Hostile")
            #expect(error.property == "TZOFFSETTO")
            #expect(error.message.contains("observance #2"))
        }
    }

    @Test func hugeCountsAndDenseRulesHitTheBudget() {
        let dense = [
            "FREQ=DAILY;COUNT=1000000000",
            "FREQ=SECONDLY",
            "FREQ=MINUTELY;INTERVAL=1",
            "FREQ=HOURLY;COUNT=2000000000",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        ]
        // The work is bounded by the instance budget, and `.limitExceeded` is only ever its verdict; a small budget
        // must stop the same rules just as well. Wall time is not measured: it says more about the machine's load.
        for rule in dense {
            let component = Self.vtimezone(Self.observance(extra: [Property(name: .rrule, value: rule)]))
            #expect(Self.code(of: component) == .limitExceeded, "\(rule)")
            #expect(Self.code(of: component, limits: ExpansionLimits(maxInstances: 10)) == .limitExceeded, "\(rule)")
        }
        // The budget is shared: two modest rules together exceed a small limit.
        let twoRules = Self.vtimezone(
            Self.observance(extra: [Property(name: .rrule, value: "FREQ=MONTHLY;COUNT=60")]),
            Self.observance(.daylight, extra: [Property(name: .rrule, value: "FREQ=MONTHLY;COUNT=60")]))
        #expect(Self.code(of: twoRules, limits: ExpansionLimits(maxInstances: 100)) == .limitExceeded)
        #expect(Self.code(of: twoRules, limits: ExpansionLimits(maxInstances: 200)) == nil)
        // RDATE lists count too.
        let rdates = (1971...2100).map { "\($0)0101T000000" }.joined(separator: ",")
        #expect(Self.code(of: Self.vtimezone(Self.observance(extra: [Property(name: .rdate, value: rdates)])),
                          limits: ExpansionLimits(maxInstances: 100)) == .limitExceeded)
    }

    @Test func rulesThatNeverMatchEndQuietlyOrHitTheSearchLimit() throws {
        // February 30th never comes: the yearly search ends at the horizon; only DTSTART is an onset.
        let never = try VTimeZoneRules(Self.vtimezone(Self.observance(extra: [Property(name: .rrule, value: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")])))
        #expect(never.offset(at: utc("20240101T000000Z")) == F.hours(2))
        #expect(never.offset(at: utc("25000101T000000Z")) == F.hours(2))
        // Minute by minute, ten thousand empty periods come quickly: a typed error, not a silent truncation.
        let minutely = Self.vtimezone(Self.observance(extra: [Property(name: .rrule, value: "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30")]))
        #expect(Self.code(of: minutely) == .limitExceeded)
    }

    @Test func finiteHugeCountStopsAtTheEndOfTheCalendar() throws {
        // COUNT=10^9 yearly runs out at year 9999, well inside the budget: bounded, and correct.
        let zone = try VTimeZoneRules(Self.vtimezone(
            Self.observance(dtstart: "19701025T030000", from: "+0200", to: "+0100",
                            extra: [Property(name: .rrule, value: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;COUNT=1000000000")]),
            Self.observance(.daylight, dtstart: "19700329T020000", from: "+0100", to: "+0200",
                            extra: [Property(name: .rrule, value: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;COUNT=1000000000")])),
            limits: ExpansionLimits(maxInstances: 20_000))
        #expect(zone.offset(at: utc("90000701T000000Z")) == F.hours(2))
        #expect(zone.offset(at: utc("90001201T000000Z")) == F.hours(1))
    }

    @Test func resolverReportsHostileDefinitionsInsteadOfFailing() throws {
        let calendar = Component(name: .vcalendar, components: [
            Self.vtimezone(tzid: "Dense", Self.observance(extra: [Property(name: .rrule, value: "FREQ=SECONDLY")])),
            Self.vtimezone(tzid: "No Offsets", Self.observance(from: nil, to: nil)),
        ])
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        #expect(resolver.rules(for: "Dense") == nil)
        #expect(resolver.rules(for: "No Offsets") == nil)
        #expect(resolver.warnings.map(\.code) == [.invalidTimeZone, .invalidTimeZone])
        #expect(resolver.warnings.first?.property == "RRULE")
    }
}
