import Foundation

/// The years of a non-Gregorian calendar scale, laid out by Foundation's `Calendar` on demand and kept for reuse,
/// so a rule iterates with integer day numbers and asks Foundation only once per year.
///
/// Spec: RFC 7529 §3.1 — the RSCALE decides how years, months and days are counted; DTSTART and every instance stay
/// Gregorian dates (day numbers here). Months are renumbered the CLDR way of RFC 7529 §4.2: Foundation numbers the
/// Hebrew Adar I as month 6 of 13, the RFC as `5L` between 5 (Shevat) and 6 (Adar).
struct ScaleYears: Sendable {
    let scale: RecurrenceCalendarScale
    private let calendar: Calendar
    /// The era of non-cyclic years (every date a rule can reach is in the scale's current era).
    private let era: Int
    private var cache: [Int: ScaleYear] = [:]
    /// The year `year(containing:)` last answered.
    private var recent: ScaleYear?

    init(scale: RecurrenceCalendarScale, referenceDay: Int) {
        self.scale = scale
        var calendar = Calendar(identifier: scale.identifier)
        // Day numbers are UTC midnights; the calendar must read them in UTC to give each its own date.
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        self.calendar = calendar
        era = calendar.component(.era, from: Self.date(ofDay: referenceDay))
    }

    static func date(ofDay day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

    static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The index of the year that holds a day.
    func yearIndex(ofDay day: Int) -> Int {
        let components = calendar.dateComponents([.era, .year], from: Self.date(ofDay: day))
        return index(era: components.era ?? era, year: components.year ?? 0)
    }

    private func index(era: Int, year: Int) -> Int { scale.isCyclic ? era * 60 + year : year }

    /// The year with a linear index, or nil where Foundation cannot place it.
    mutating func year(_ index: Int) -> ScaleYear? {
        if let year = cache[index] { return year }
        guard let year = layOut(index) else { return nil }
        // Iteration moves forward a year or a month at a time; a small cache holds everything it revisits.
        if cache.count >= 64 { cache.removeAll(keepingCapacity: true) }
        cache[index] = year
        return year
    }

    /// The year holding a day; a day of a year already laid out needs no Foundation call (DAILY rules ask per day).
    mutating func year(containing day: Int) -> ScaleYear? {
        if let recent, day >= recent.firstDay, day < recent.endDay { return recent }
        let found = cache.values.first { day >= $0.firstDay && day < $0.endDay } ?? year(yearIndex(ofDay: day))
        recent = found
        return found
    }

    private func layOut(_ index: Int) -> ScaleYear? {
        var components = DateComponents()
        if scale.isCyclic {
            components.era = Int((Double(index - 1) / 60).rounded(.down))
            components.year = index - 1 - components.era! * 60 + 1
        } else {
            components.era = era
            components.year = index
        }
        components.month = 1
        components.day = 1
        guard let start = calendar.date(from: components) else { return nil }
        var day = Self.day(of: start)
        var months: [ScaleYear.Month] = []
        // 13 months at most in any supported calendar; the bound guards against a Foundation surprise.
        while months.count < 14 {
            let date = Self.date(ofDay: day)
            let found = calendar.dateComponents([.era, .year, .month, .day, .isLeapMonth], from: date)
            guard let year = found.year, let month = found.month, let dayOfMonth = found.day,
                self.index(era: found.era ?? era, year: year) == index
            else { break }
            guard dayOfMonth == 1, let length = monthLength(startingOn: day) else { return nil }
            let code = Self.rfcMonth(month, isLeap: found.isLeapMonth ?? false, in: scale)
            months.append(ScaleYear.Month(number: code.number, isLeap: code.isLeap, firstDay: day, length: length))
            day += length
        }
        return months.isEmpty ? nil : ScaleYear(index: index, months: months)
    }

    /// The number of days of the month that begins on `day`.
    private func monthLength(startingOn day: Int) -> Int? {
        if let length = calendar.range(of: .day, in: .month, for: Self.date(ofDay: day))?.count, length > 0 { return length }
        // Foundation answers an empty range for some Chinese months (the eighth month of 2057): find the next 1st.
        for length in 1...40 where calendar.component(.day, from: Self.date(ofDay: day + length)) == 1 { return length }
        return nil
    }

    /// Foundation's month number as RFC 7529 names it.
    static func rfcMonth(_ month: Int, isLeap: Bool, in scale: RecurrenceCalendarScale) -> ScaleYear.MonthCode {
        if scale.identifier == .hebrew {
            // Foundation: 1 Tishri ... 5 Shevat, 6 Adar I (leap years only), 7 Adar (Adar II) ... 13 Elul.
            if month == 6 { return ScaleYear.MonthCode(number: 5, isLeap: true) }
            return ScaleYear.MonthCode(number: month > 6 ? month - 1 : month, isLeap: false)
        }
        return ScaleYear.MonthCode(number: month, isLeap: isLeap)
    }
}
