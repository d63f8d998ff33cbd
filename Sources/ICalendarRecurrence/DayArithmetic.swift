import ICalendar

/// Integer helpers over day numbers (days since 1970-01-01) that the iterators use instead of Foundation `Calendar`:
/// flooring division so dates before 1970 step the same way as later ones, and weekdays without building a date.
enum DayArithmetic {
    /// Division rounding toward negative infinity.
    @inline(__always)
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The remainder that goes with `floorDiv`, always in `0..<b` for positive `b`.
    @inline(__always)
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    /// Weekday raw value (Sunday = 0) of a day number; 1970-01-01 was a Thursday.
    @inline(__always)
    static func weekdayRaw(ofDay dayNumber: Int) -> Int {
        floorMod(dayNumber + 4, 7)
    }

    /// Day number of the first day of a month.
    @inline(__always)
    static func firstDay(year: Int, month: Int) -> Int {
        CalendarDate(year: year, month: month, day: 1)!.dayNumber
    }

    /// Latest day number that still has a four-digit year (9999-12-31): RFC 5545 cannot write later dates.
    static let lastRepresentableDay = CalendarDate(year: 9999, month: 12, day: 31)!.dayNumber
}
