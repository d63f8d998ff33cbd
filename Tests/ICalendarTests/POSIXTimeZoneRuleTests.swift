import Testing
@testable import ICalendar

/// POSIX TZ strings (POSIX.1-2017 §8.3, RFC 8536 §3.3.1), as found in TZif footers.
@Suite struct POSIXTimeZoneRuleTests {
    typealias T = TZTest
    typealias Rule = POSIXTimeZoneRule

    @Test func parsesTheUSRule() throws {
        let rule = try Rule(parsing: "EST5EDT,M3.2.0,M11.1.0")
        #expect(rule.standardAbbreviation == "EST")
        #expect(rule.standardOffset == T.offset(-5))
        #expect(rule.daylight?.abbreviation == "EDT")
        #expect(rule.daylight?.offset == T.offset(-4))
        #expect(rule.daylight?.start == .init(date: .monthWeekDay(month: 3, week: 2, weekday: .sunday), time: 7200))
        #expect(rule.daylight?.end == .init(date: .monthWeekDay(month: 11, week: 1, weekday: .sunday), time: 7200))
        let t = rule.transitions(years: 2024...2024)
        #expect(t.map(\.instant) == [T.utc(2024, 3, 10, 7), T.utc(2024, 11, 3, 6)])
        #expect(t.map(\.onset) == [T.local(2024, 3, 10, 2), T.local(2024, 11, 3, 2)])
    }

    @Test func parsesQuotedHalfHourNames() throws {
        let rule = try Rule(parsing: "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
        #expect(rule.standardAbbreviation == "+1030")
        #expect(rule.standardOffset == T.offset(10, 30))
        #expect(rule.daylight?.abbreviation == "+11")
        #expect(rule.daylight?.offset == T.offset(11))
        // Southern hemisphere: the year starts in daylight time.
        let t = rule.transitions(years: 2024...2024)
        #expect(t.map(\.after.isDaylightSaving) == [false, true])
        #expect(t.map(\.onset) == [T.local(2024, 4, 7, 2), T.local(2024, 10, 6, 2)])
        #expect(rule.localTimeType(at: T.utc(2024, 1, 15)).offset == T.offset(11))
    }

    @Test func ruleTimesPastMidnightMoveTheDay() throws {
        // Israel: Friday 02:00 after the fourth Thursday of March is written as Thursday 26:00.
        let israel = try Rule(parsing: "IST-2IDT,M3.4.4/26,M10.5.0")
        #expect(israel.daylight?.start.time == 26 * 3600)
        #expect(israel.transitions(years: 2024...2024).map(\.onset) == [T.local(2024, 3, 29, 2), T.local(2024, 10, 27, 2)])
        // Greenland: 23:00 on the Saturday before the last Sunday of March, written as Sunday -1:00.
        let nuuk = try Rule(parsing: "<-02>2<-01>,M3.5.0/-1,M10.5.0/0")
        #expect(nuuk.daylight?.start.time == -3600)
        #expect(nuuk.transitions(years: 2024...2024).map(\.instant) == [T.utc(2024, 3, 31, 1), T.utc(2024, 10, 27, 1)])
        #expect(nuuk.transitions(years: 2024...2024).map(\.onset) == [T.local(2024, 3, 30, 23), T.local(2024, 10, 27, 0)])
        // RFC 8536 allows hours up to 167 either way.
        let extreme = try Rule(parsing: "AAA3BBB,M3.2.0/167,M11.1.0/-167:59:59")
        #expect(extreme.daylight?.start.time == 167 * 3600)
        #expect(extreme.daylight?.end.time == -(167 * 3600 + 59 * 60 + 59))
    }

    @Test func julianAndZeroBasedDays() throws {
        let julian = Rule.DateRule.julianDay(60)  // always March 1: February 29 is not counted
        #expect(CalendarDate(dayNumber: julian.dayNumber(year: 2024)) == CalendarDate(year: 2024, month: 3, day: 1))
        #expect(CalendarDate(dayNumber: julian.dayNumber(year: 2023)) == CalendarDate(year: 2023, month: 3, day: 1))
        #expect(CalendarDate(dayNumber: Rule.DateRule.julianDay(365).dayNumber(year: 2024)) == CalendarDate(year: 2024, month: 12, day: 31))
        let zeroBased = Rule.DateRule.dayOfYear(59)  // counts February 29
        #expect(CalendarDate(dayNumber: zeroBased.dayNumber(year: 2024)) == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(dayNumber: zeroBased.dayNumber(year: 2023)) == CalendarDate(year: 2023, month: 3, day: 1))
        let rule = try Rule(parsing: "AAA3BBB,J60/2,300")
        #expect(rule.daylight?.start.date == .julianDay(60))
        #expect(rule.daylight?.end.date == .dayOfYear(300))
        #expect(rule.daylight?.end.time == 7200)
    }

    @Test func fifthWeekMeansLast() {
        // February 2026 has four Sundays (1, 8, 15, 22): "5" is the 22nd.
        let last = Rule.DateRule.monthWeekDay(month: 2, week: 5, weekday: .sunday)
        #expect(CalendarDate(dayNumber: last.dayNumber(year: 2026)) == CalendarDate(year: 2026, month: 2, day: 22))
        // March 2024 has five Sundays; the fifth is the 31st.
        let march = Rule.DateRule.monthWeekDay(month: 3, week: 5, weekday: .sunday)
        #expect(CalendarDate(dayNumber: march.dayNumber(year: 2024)) == CalendarDate(year: 2024, month: 3, day: 31))
    }

    @Test func standardOnlyAndDefaults() throws {
        let japan = try Rule(parsing: "JST-9")
        #expect(japan.daylight == nil && japan.isFixed)
        #expect(japan.localTimeType(at: T.utc(2024, 7, 1)) == LocalTimeType(offset: T.offset(9), isDaylightSaving: false, abbreviation: "JST"))
        // A DST name without rules gets the US rules, one hour ahead by default.
        let bare = try Rule(parsing: "EST5EDT")
        #expect(bare.daylight?.offset == T.offset(-4))
        #expect(bare.daylight?.start.date == .monthWeekDay(month: 3, week: 2, weekday: .sunday))
        let seconds = try Rule(parsing: "<-0016>0:16:08")
        #expect(seconds.standardOffset == UTCOffset(seconds: -(16 * 60 + 8)))
        let explicit = try Rule(parsing: "<+0330>-3:30<+0430>-4:30,J79/24,J263/24")
        #expect(explicit.daylight?.offset == T.offset(4, 30))
    }

    @Test func permanentDaylightTimeNeverChanges() throws {
        let rule = try Rule(parsing: "EST5EDT,0/0,J365/25")
        #expect(rule.isFixed)
        #expect(rule.transitions(years: 2020...2030).isEmpty)
        #expect(rule.localTimeType(at: T.utc(2024, 1, 1, 3)).abbreviation == "EDT")
        #expect(rule.localTimeType(at: T.utc(2024, 12, 31, 23)).abbreviation == "EDT")
    }

    @Test(arguments: [
        "", "E5", "EST", "ES5", "EST+", "EST25", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
        "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,366,0", "<EST5", "<E>5", "<E:T>5",
        "EST5EDT,M3.2.0/168,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,", "EST5 EDT", "EST5EDT4,M3.2.0,M11.1.0x",
        "EST5:60", "EST5EDT,M3.2.0/2:60,M11.1.0", "EST5EDT,M3.2.0,M11.1.0/", "EST5EDT,X3,M11.1.0",
    ])
    func rejectsMalformedStrings(_ text: String) {
        #expect(throws: TimeZoneError.self) { try Rule(parsing: text) }
        do {
            _ = try Rule(parsing: text)
        } catch {
            #expect(error.code == .invalidPOSIXRule)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func everySystemFooterParses() throws {
        var footers = Set<String>()
        for id in try T.database.identifiers() {
            if let footer = try T.zone(id).footer { footers.insert(footer.text) }
        }
        #expect(footers.count > 50)
        #expect(footers.contains("EST5EDT,M3.2.0,M11.1.0"))
    }
}
