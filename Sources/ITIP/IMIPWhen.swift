import ICalendar

/// The "When" line of an iMIP summary in English, independent of the host's locale: the wall-clock time as the
/// organizer wrote it with its time zone name, so every reader sees the same text whatever their client.
/// Spec: RFC 5545 §3.3.4, §3.3.5 (the DATE and DATE-TIME forms), §3.6.1 (DTEND exclusive for all-day events).
enum IMIPWhen {
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    /// `Monday, 14 July 1997, 13:30 – 14:30 (Europe/Berlin)`; `Monday, 14 July 1997` for a whole day; nil
    /// without a start.
    static func describe(_ component: Component) -> String? {
        guard let startProperty = component.property(.dtstart), let start = try? startProperty.dateTime() else {
            return nil
        }
        guard let end = end(of: component, start: start), end != start else { return single(start) }
        if start.isDate {
            // DTEND of an all-day event is the day after the last day.
            let last = end.date.adding(days: -1)
            return last <= start.date ? day(start.date) : day(start.date) + " – " + day(last)
        }
        let zone = zoneSuffix(start)
        if end.date == start.date && end.tzid == start.tzid {
            return day(start.date) + ", " + clock(start.local.time) + " – " + clock(end.local.time) + zone
        }
        let endZone = end.tzid == start.tzid ? "" : zoneSuffix(end)
        return day(start.date) + ", " + clock(start.local.time) + zone + " – " + day(end.date) + ", "
            + clock(end.local.time) + (endZone.isEmpty ? zone : endZone)
    }

    /// The start alone (a RECURRENCE-ID, a task without end).
    static func single(_ value: DateTime) -> String {
        value.isDate ? day(value.date) : day(value.date) + ", " + clock(value.local.time) + zoneSuffix(value)
    }

    /// DTEND, DUE, or DTSTART plus DURATION on the wall clock (what the reader sees; DST shifts are irrelevant for
    /// a summary line).
    private static func end(of component: Component, start: DateTime) -> DateTime? {
        if let end = try? component.property(.dtend)?.dateTime() { return end }
        if let due = try? component.property(.due)?.dateTime() { return due }
        guard let duration = try? component.property(.duration)?.duration(), !duration.isNegative else { return nil }
        let days = duration.weeks * 7 + duration.days
        let seconds = Int64(duration.hours * 3600 + duration.minutes * 60 + duration.seconds)
        let local = LocalDateTime(date: start.local.date.adding(days: days), time: start.local.time).adding(seconds: seconds)
        return start.with(local: local)
    }

    private static func day(_ date: CalendarDate) -> String {
        weekdays[date.weekday.rawValue] + ", " + String(date.day) + " " + months[date.month - 1] + " " + String(date.year)
    }

    private static func clock(_ time: LocalTime) -> String {
        IMIPEncoding.twoDigits(time.hour) + ":" + IMIPEncoding.twoDigits(time.minute)
    }

    private static func zoneSuffix(_ value: DateTime) -> String {
        switch value {
        case .zoned(_, let tzid): " (" + tzid + ")"
        case .utc: " (UTC)"
        case .date, .floating: ""
        }
    }
}
