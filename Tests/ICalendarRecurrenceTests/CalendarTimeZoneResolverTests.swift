import ICalendar
import Testing
@testable import ICalendarRecurrence

/// Which definition a TZID gets in one calendar, and what the resolver reports about it.
@Suite struct CalendarTimeZoneResolverTests {
    typealias F = VTZFixture

    static func resolver(_ fixture: String, defaultZone: any TimeZoneRules = FixedOffsetZone.utc) throws -> CalendarTimeZoneResolver {
        CalendarTimeZoneResolver(calendar: try F.calendar(fixture), database: F.database, defaultZone: defaultZone)
    }

    @Test func outlookWindowsNameResolvesToTheIANAZone() throws {
        let calendar = try F.calendar("outlook-eastern-standard-time.ics")
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        let resolution = try #require(resolver.resolution(for: "Eastern Standard Time"))
        #expect(resolution.source == .database(identifier: "America/New_York"))
        #expect(resolution.rules is IANATimeZone)
        #expect(resolver.warnings.map(\.code) == [.windowsTimeZoneName])
        #expect(resolver.warnings[0].message.contains("America/New_York"))
        let event = try #require(calendar.components(.vevent).first)
        let start = try #require(try event.property(.dtstart)?.dateTime())
        // 2024-03-12 is two days after the change to EDT.
        #expect(resolver.timeContext.instant(start) == utc("20240312T130000Z"))
    }

    @Test func customizedTimeZoneOnlyTheEmbeddedDefinitionExplains() throws {
        let calendar = try F.calendar("outlook-customized-time-zone.ics")
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        let resolution = try #require(resolver.resolution(for: "Customized Time Zone"))
        #expect(resolution.source == .embedded)
        #expect(resolution.rules is VTimeZoneRules)
        #expect(resolver.warnings.map(\.code) == [.embeddedTimeZone])
        let event = try #require(calendar.components(.vevent).first)
        let context = resolver.timeContext
        // 01:00 is before the change (+01:00); 04:00 after it (+02:00).
        #expect(context.instant(try event.property(.dtstart)!.dateTime()) == utc("20240331T000000Z"))
        #expect(context.instant(try event.property(.dtend)!.dateTime()) == utc("20240331T020000Z"))
        // The same definition is interpreted once and then served from the cache, with no new warnings.
        let again = try #require(resolver.rules(for: "Customized Time Zone"))
        #expect(again.offset(at: utc("20240701T000000Z")) == F.hours(2))
        #expect(resolver.warnings.count == 1)
        // A TZID parameter that differs only in case still finds it.
        #expect(resolver.resolution(for: "customized time zone")?.source == .embedded)
    }

    @Test func rfcExamplesUnderCustomTZIDsUseTheEmbeddedDefinition() throws {
        let history = try F.vtimezone("rfc5545-3.6.5-new-york-history.ics", renamedTo: "Example New York 1967")
        let fictitious = try F.vtimezone("rfc5545-3.6.5-fictitious-two-daylight-rules.ics")
        let calendar = Component(name: .vcalendar, components: [history, fictitious])
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        #expect(resolver.resolution(for: "Example New York 1967")?.source == .embedded)
        #expect(resolver.rules(for: "Example New York 1967")?.offset(at: utc("19750301T000000Z")) == F.hours(-4))
        #expect(resolver.resolution(for: "Fictitious")?.source == .embedded)
        #expect(resolver.rules(for: "Fictitious")?.offset(at: utc("19990424T070000Z")) == F.hours(-4))
    }

    @Test func systemDatabaseWinsOverAnEmbeddedDefinitionOfAnIANAName() throws {
        // A VTIMEZONE claiming America/New_York is +03:00 all year: the system database is used instead.
        let bogus = Component(name: .vtimezone, properties: [Property(name: .tzid, value: "America/New_York")], components: [
            Component(name: .standard, properties: [
                Property(name: .dtstart, value: "19700101T000000"),
                Property(name: .tzoffsetfrom, value: "+0300"), Property(name: .tzoffsetto, value: "+0300"),
            ]),
        ])
        let resolver = CalendarTimeZoneResolver(calendar: Component(name: .vcalendar, components: [bogus]), database: F.database)
        let resolution = try #require(resolver.resolution(for: "America/New_York"))
        #expect(resolution.source == .database(identifier: "America/New_York"))
        #expect(resolution.rules.offset(at: utc("20240115T000000Z")) == F.hours(-5))
        // An exact IANA name is the normal case: nothing to report.
        #expect(resolver.warnings.isEmpty)
        // Vendor-prefixed and differently cased names are reported as aliases.
        #expect(resolver.resolution(for: "/mozilla.org/20050126_1/America/New_York")?.source == .database(identifier: "America/New_York"))
        #expect(resolver.resolution(for: "america/new_york")?.source == .database(identifier: "America/New_York"))
        #expect(resolver.warnings.map(\.code) == [.timeZoneAlias, .timeZoneAlias])
    }

    @Test func thunderbirdDefinitionOfAnIANAZoneDefersToTheDatabase() throws {
        let resolver = try Self.resolver("thunderbird-rdate-only.ics")
        #expect(resolver.resolution(for: "Asia/Tehran")?.source == .database(identifier: "Asia/Tehran"))
        // Both agree anyway over the years the RDATEs cover.
        let embedded = try F.rules("thunderbird-rdate-only.ics")
        #expect(F.firstDifference(embedded, try #require(resolver.rules(for: "Asia/Tehran")),
                                  from: utc("20080101T000000Z"), to: utc("20230101T000000Z"), step: 86_400 + 3607) == nil)
    }

    @Test func fixedOffsetNamesUnknownAndInvalidZones() throws {
        let broken = Component(name: .vtimezone, properties: [Property(name: .tzid, value: "Broken")], components: [
            Component(name: .daylight, properties: [Property(name: .dtstart, value: "19700101T000000")]),
        ])
        let resolver = CalendarTimeZoneResolver(calendar: Component(name: .vcalendar, components: [broken]), database: F.database)
        let fixed = try #require(resolver.resolution(for: "UTC+05:30"))
        #expect(fixed.source == .fixedOffset)
        #expect(fixed.rules.offset(at: utc("20240101T000000Z")) == F.hours(5, 30))
        #expect(resolver.rules(for: "Mars/Olympus_Mons") == nil)
        #expect(resolver.rules(for: "Broken") == nil)
        #expect(resolver.warnings.map(\.code) == [.timeZoneAlias, .unknownTimeZone, .invalidTimeZone])
        #expect(resolver.warnings[2].property == "TZOFFSETFROM")
        // An unknown TZID is read as floating, in the default zone.
        let value = DateTime.zoned(local("20240101T120000"), tzid: "Mars/Olympus_Mons")
        #expect(resolver.timeContext.instant(value) == utc("20240101T120000Z"))
    }

    @Test func duplicateAndNamelessDefinitionsAreReported() {
        func vtimezone(_ tzid: String?, offset: String) -> Component {
            Component(name: .vtimezone, properties: tzid.map { [Property(name: .tzid, value: $0)] } ?? [], components: [
                Component(name: .standard, properties: [
                    Property(name: .dtstart, value: "19700101T000000"),
                    Property(name: .tzoffsetfrom, value: offset), Property(name: .tzoffsetto, value: offset),
                ]),
            ])
        }
        let calendar = Component(name: .vcalendar, components: [
            vtimezone("Office", offset: "+0100"), vtimezone("Office", offset: "+0900"), vtimezone(nil, offset: "+0200"),
        ])
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        #expect(resolver.warnings.map(\.code) == [.duplicateTimeZone, .invalidTimeZone])
        #expect(resolver.rules(for: "Office")?.offset(at: utc("20240101T000000Z")) == F.hours(1))
    }

    @Test func xWRTimezoneSetsTheFloatingZone() throws {
        let calendar = try F.calendar("google-x-wr-timezone.ics")
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database, defaultZone: FixedOffsetZone(identifier: "Test/+01", offset: F.hours(1)))
        #expect(resolver.defaultZone.identifier == "America/Los_Angeles")
        #expect(resolver.warnings.map(\.code) == [.calendarTimeZoneFromXWR])
        let event = try #require(calendar.components(.vevent).first)
        // 19:00 floating on July 4th, read in PDT (-07:00).
        #expect(resolver.timeContext.instant(try event.property(.dtstart)!.dateTime()) == utc("20240705T020000Z"))
        #expect(resolver.timeContext.instant(.date(CalendarDate(year: 2024, month: 12, day: 25)!)) == utc("20241225T080000Z"))
    }

    @Test func unusableOrMissingXWRTimezoneKeepsTheCallersZone() {
        let callers = FixedOffsetZone(identifier: "Test/+01", offset: F.hours(1))
        let unknown = Component(name: .vcalendar, properties: [Property(name: .xWRTimezone, value: "Mars/Olympus_Mons")])
        let resolver = CalendarTimeZoneResolver(calendar: unknown, database: F.database, defaultZone: callers)
        #expect(resolver.defaultZone.identifier == "Test/+01")
        #expect(resolver.warnings.map(\.code) == [.unknownTimeZone, .unknownTimeZone])
        #expect(resolver.warnings.last?.property == "X-WR-TIMEZONE")
        let plain = CalendarTimeZoneResolver(calendar: Component(name: .vcalendar), database: F.database)
        #expect(plain.defaultZone.identifier == "UTC")
        #expect(plain.warnings.isEmpty)
    }

    @Test func xWRTimezoneMayNameAnEmbeddedZone() throws {
        var calendar = try F.calendar("outlook-customized-time-zone.ics")
        calendar.properties.append(Property(name: .xWRTimezone, text: "Customized Time Zone"))
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        #expect(resolver.defaultZone is VTimeZoneRules)
        #expect(resolver.warnings.map(\.code) == [.embeddedTimeZone, .calendarTimeZoneFromXWR])
        // Already resolved while reading X-WR-TIMEZONE: no second interpretation, no second warning.
        _ = resolver.rules(for: "Customized Time Zone")
        #expect(resolver.warnings.count == 2)
    }

    @Test func resolvingEveryReferenceUpFront() throws {
        var calendar = try F.calendar("outlook-customized-time-zone.ics")
        calendar.components.append(Component(name: .vevent, properties: [
            Property(name: .uid, value: "second"),
            Property(name: .dtstart, parameters: [Parameter(.tzid, "Atlantis/Capital")], value: "20240101T100000"),
        ]))
        let resolver = CalendarTimeZoneResolver(calendar: calendar, database: F.database)
        resolver.resolveReferencedTimeZones(in: calendar)
        #expect(Set(resolver.warnings.map(\.code)) == [.embeddedTimeZone, .unknownTimeZone])
        #expect(resolver.warnings.count == 2)
    }

    @Test func concurrentLookupsShareOneResult() async throws {
        let resolver = try Self.resolver("outlook-customized-time-zone.ics")
        let offsets = await withTaskGroup(of: UTCOffset?.self) { group in
            for _ in 0..<16 {
                group.addTask { resolver.rules(for: "Customized Time Zone")?.offset(at: utc("20240701T000000Z")) }
            }
            var result: [UTCOffset?] = []
            for await offset in group { result.append(offset) }
            return result
        }
        #expect(offsets == Array(repeating: F.hours(2), count: 16))
        #expect(resolver.warnings.map(\.code) == [.embeddedTimeZone])
    }
}
