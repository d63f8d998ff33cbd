import ICalendar

/// Week numbers of a calendar year for a given week start, the way BYWEEKNO counts them.
///
/// Spec: RFC 5545 §3.3.10 (BYWEEKNO, WKST) — ISO 8601 weeks with a configurable first day: week 1 is the first week
/// with at least four days in the year, which is the week that contains January 4th. Days before week 1 belong to
/// the last week of the previous year; days from week 1 of the next year belong to that year.
struct WeekNumbering: Sendable {
    let year: Int
    let weekStart: Weekday
    /// Day numbers where week 1 starts in `year - 1`, `year`, `year + 1` and `year + 2`.
    private let previousStart: Int
    private let start: Int
    private let nextStart: Int
    private let afterNextStart: Int

    init(year: Int, weekStart: Weekday) {
        self.year = year
        self.weekStart = weekStart
        previousStart = WeekNumbering.week1Start(year: year - 1, weekStart: weekStart)
        start = WeekNumbering.week1Start(year: year, weekStart: weekStart)
        nextStart = WeekNumbering.week1Start(year: year + 1, weekStart: weekStart)
        afterNextStart = WeekNumbering.week1Start(year: year + 2, weekStart: weekStart)
    }

    /// The day number on which week 1 of `year` begins (between December 29th and January 4th).
    static func week1Start(year: Int, weekStart: Weekday) -> Int {
        let jan4 = CalendarDate(year: year, month: 1, day: 4)!.dayNumber
        let weekday = DayArithmetic.weekdayRaw(ofDay: jan4)
        return jan4 - DayArithmetic.floorMod(weekday - weekStart.rawValue, 7)
    }

    /// Number of weeks (52 or 53) in `year` for this week start.
    var weeksInYear: Int { (nextStart - start) / 7 }

    /// The week number of a day of this calendar year, and how many weeks its week-year has (for negative BYWEEKNO).
    func week(ofDay day: Int) -> (number: Int, weeksInWeekYear: Int) {
        if day < start {
            return ((day - previousStart) / 7 + 1, (start - previousStart) / 7)
        }
        if day >= nextStart {
            return ((day - nextStart) / 7 + 1, (afterNextStart - nextStart) / 7)
        }
        return ((day - start) / 7 + 1, (nextStart - start) / 7)
    }
}
