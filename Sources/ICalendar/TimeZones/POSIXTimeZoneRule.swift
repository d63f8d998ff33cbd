/// A POSIX TZ string such as `EST5EDT,M3.2.0,M11.1.0`: the rule a TZif footer gives for all instants after the
/// file's last transition.
///
/// Spec: POSIX.1-2017 §8.3 (TZ, the `std offset dst [offset],start[/time],end[/time]` form) with the RFC 8536
/// §3.3.1 extensions: quoted `<+1030>` names, rule times from -167 to 167 hours, and permanent DST written as
/// `EST5EDT,0/0,J365/25`. POSIX offsets count hours west of Greenwich; this type stores them the iCalendar way
/// (east positive).
public struct POSIXTimeZoneRule: Hashable, Sendable, CustomStringConvertible {
    /// The day a change happens.
    public enum DateRule: Hashable, Sendable {
        /// `Jn`: day 1...365 where February 29 is never counted, so `J60` is always March 1.
        case julianDay(Int)
        /// `n`: day 0...365 counting February 29 in leap years.
        case dayOfYear(Int)
        /// `Mm.w.d`: the `week`th (1...5, 5 meaning last) `weekday` of `month`.
        case monthWeekDay(month: Int, week: Int, weekday: Weekday)

        /// Days since 1970-01-01 of the (local) date this rule names in `year`.
        public func dayNumber(year: Int) -> Int {
            let jan1 = CalendarDate(unchecked: year, 1, 1).dayNumber
            switch self {
            case .julianDay(let n):
                return jan1 + n - 1 + (CalendarDate.isLeapYear(year) && n >= 60 ? 1 : 0)
            case .dayOfYear(let n):
                return jan1 + n
            case .monthWeekDay(let month, let week, let weekday):
                let first = CalendarDate(unchecked: year, month, 1)
                var day = 1 + weekday.daysAfter(first.weekday) + 7 * (week - 1)
                let length = CalendarDate.daysInMonth(year: year, month: month)
                while day > length { day -= 7 }
                return first.dayNumber + day - 1
            }
        }
    }

    /// A date rule plus the local wall-clock time of the change, in seconds (may be negative or past 24 h, which
    /// moves the change to an earlier or later day).
    public struct ChangeRule: Hashable, Sendable {
        public var date: DateRule
        public var time: Int

        public init(date: DateRule, time: Int = 7200) {
            self.date = date
            self.time = time
        }
    }

    public struct Daylight: Hashable, Sendable {
        public var abbreviation: String
        public var offset: UTCOffset
        /// When daylight saving time starts, in standard local time.
        public var start: ChangeRule
        /// When it ends, in daylight local time.
        public var end: ChangeRule
    }

    /// The string as parsed.
    public var text: String
    public var standardAbbreviation: String
    public var standardOffset: UTCOffset
    public var daylight: Daylight?

    public var standardType: LocalTimeType {
        LocalTimeType(offset: standardOffset, isDaylightSaving: false, abbreviation: standardAbbreviation)
    }

    public var daylightType: LocalTimeType? {
        daylight.map { LocalTimeType(offset: $0.offset, isDaylightSaving: true, abbreviation: $0.abbreviation) }
    }

    public var description: String { text }

    public init(parsing text: String) throws(TimeZoneError) {
        var parser = POSIXTimeZoneRuleParser(text: text)
        self = try parser.parse()
    }

    init(text: String, standardAbbreviation: String, standardOffset: UTCOffset, daylight: Daylight?) {
        self.text = text
        self.standardAbbreviation = standardAbbreviation
        self.standardOffset = standardOffset
        self.daylight = daylight
    }

    // MARK: Transitions

    /// One computed change: the instant and whether daylight time starts (true) or ends (false) there.
    struct Change: Hashable {
        var at: Int64
        var toDaylight: Bool
    }

    /// The changes in `years`, in time order, with those that change nothing removed: with permanent DST
    /// (`0/0,J365/25`) one year's end and the next year's start fall on the same instant and cancel out. A year
    /// either side is computed too, so that cancelling works at the edges of the window.
    func changes(years: ClosedRange<Int>) -> [Change] {
        guard let daylight else { return [] }
        var raw: [(change: Change, year: Int)] = []
        raw.reserveCapacity(years.count * 2 + 4)
        for year in years.lowerBound - 1...years.upperBound + 1 {
            let start = Int64(daylight.start.date.dayNumber(year: year)) * 86_400 + Int64(daylight.start.time)
                - Int64(standardOffset.seconds)
            let end = Int64(daylight.end.date.dayNumber(year: year)) * 86_400 + Int64(daylight.end.time)
                - Int64(daylight.offset.seconds)
            raw.append((Change(at: start, toDaylight: true), year))
            raw.append((Change(at: end, toDaylight: false), year))
        }
        raw.sort { $0.change.at != $1.change.at ? $0.change.at < $1.change.at : $0.year < $1.year }
        var kept: [(change: Change, year: Int)] = []
        for entry in raw {
            // At one instant the later year's change wins.
            if let last = kept.last, last.change.at == entry.change.at { kept.removeLast() }
            let stateBefore = kept.last?.change.toDaylight ?? !raw[0].change.toDaylight
            if stateBefore != entry.change.toDaylight { kept.append(entry) }
        }
        return kept.filter { years.contains($0.year) }.map(\.change)
    }

    /// The transitions of this rule whose instants fall in the given calendar years (extended by the offsets at
    /// the ends), in time order.
    public func transitions(years: ClosedRange<Int>) -> [TimeZoneTransition] {
        guard let dst = daylightType else { return [] }
        let std = standardType
        return changes(years: years).map {
            $0.toDaylight
                ? TimeZoneTransition(instant: Instant(secondsSinceEpoch: $0.at), before: std, after: dst)
                : TimeZoneTransition(instant: Instant(secondsSinceEpoch: $0.at), before: dst, after: std)
        }
    }

    /// True when the rule never changes offset: no DST part, or DST all year round.
    public var isFixed: Bool { daylight == nil || changes(years: 2000...2002).isEmpty }

    /// The local time type in force at an instant.
    public func localTimeType(at instant: Instant) -> LocalTimeType {
        guard let dst = daylightType else { return standardType }
        let year = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(standardOffset.seconds)).date.year
        let changes = changes(years: year - 1...year + 1)
        guard let first = changes.first else {
            // Permanent daylight time: every start cancels the previous end.
            return dst
        }
        var isDaylight = !first.toDaylight
        for change in changes {
            guard change.at <= instant.secondsSinceEpoch else { break }
            isDaylight = change.toDaylight
        }
        return isDaylight ? dst : standardType
    }
}
