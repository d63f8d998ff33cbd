/// One year of a non-Gregorian calendar scale, laid out as the day numbers of its months, so a rule can pick days
/// with integer arithmetic once the year is known.
///
/// Spec: RFC 7529 §4.2 — months are numbered as in CLDR: a leap month carries the number of the month it follows
/// and `isLeap` (the Hebrew Adar I is `5L`, the Chinese leap ninth month `9L`), and a year lists them in order.
struct ScaleYear: Sendable {
    struct Month: Hashable, Sendable {
        let number: Int
        let isLeap: Bool
        /// Day number (days since 1970-01-01) of the month's first day.
        let firstDay: Int
        let length: Int

        /// The day number after the month's last day.
        var endDay: Int { firstDay + length }

        func isNamed(_ code: MonthCode) -> Bool { number == code.number && isLeap == code.isLeap }
    }

    /// A month as a rule names it: `5` or `5L`.
    struct MonthCode: Hashable, Sendable {
        let number: Int
        let isLeap: Bool
    }

    /// The linear index of the year (the year number, or `era × 60 + year` in cyclic calendars).
    let index: Int
    let months: [Month]

    var firstDay: Int { months[0].firstDay }
    /// The day number after the year's last day.
    var endDay: Int { months[months.count - 1].endDay }
    var dayCount: Int { endDay - firstDay }

    /// The position in `months` of the month a code names, if this year has it.
    func ordinal(of code: MonthCode) -> Int? { months.firstIndex { $0.isNamed(code) } }

    /// The month holding a day of this year.
    func month(containing day: Int) -> Month? {
        guard day >= firstDay, day < endDay else { return nil }
        return months.last { $0.firstDay <= day }
    }
}
