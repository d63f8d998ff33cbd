/// A date in the proleptic Gregorian calendar, with the integer arithmetic recurrence needs.
///
/// Spec: RFC 5545 §3.3.4 (DATE).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil for impossible ones (February 30th, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before it).
    public init(dayNumber: Int) {
        // Civil-from-days (proleptic Gregorian), exact for all Int ranges we use.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday {
        let r = (dayNumber + 4) % 7  // 1970-01-01 was a Thursday
        return Weekday(rawValue: r < 0 ? r + 7 : r)!
    }

    /// 1-based day of the year.
    public var dayOfYear: Int {
        dayNumber - CalendarDate(unchecked: year, 1, 1).dayNumber + 1
    }

    public func adding(days: Int) -> CalendarDate {
        days == 0 ? self : CalendarDate(dayNumber: dayNumber + days)
    }

    /// Adds calendar months, keeping the day; nil when the day does not exist in the target month.
    public func adding(months: Int) -> CalendarDate? {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        return CalendarDate(year: y, month: total - y * 12 + 1, day: day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func daysInYear(_ year: Int) -> Int { isLeapYear(year) ? 366 : 365 }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYYMMDD`, the RFC 5545 form.
    public var description: String { icalValue }

    public var icalValue: String {
        String(unsafeUninitializedCapacity: 32) { write(into: $0, at: 0) }
    }

    /// Writes `YYYYMMDD` at `start`; returns the index after it.
    func write(into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let index = Digits.write(year, 4, into: buffer, at: start)
        return Digits.write(day, 2, into: buffer, at: Digits.write(month, 2, into: buffer, at: index))
    }
}
