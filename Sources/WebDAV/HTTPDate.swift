/// Date formats of DAV live properties, computed without Foundation formatters (no locale, no shared state).
/// Spec: RFC 9110 §5.6.7 IMF-fixdate (DAV:getlastmodified, RFC 4918 §15.7); RFC 3339 §5.6 date-time
/// (DAV:creationdate, RFC 4918 §15.1).
public enum HTTPDate {
    /// `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func rfc1123(secondsSince1970: Int64) -> String {
        let parts = CivilTime(secondsSince1970: secondsSince1970)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday.
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(((parts.days % 7) + 7) % 7)]
        return "\(weekday), \(pad(parts.day, 2)) \(months[parts.month - 1]) \(pad(parts.year, 4)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)) GMT"
    }

    /// `1994-11-06T08:49:37Z`.
    public static func rfc3339(secondsSince1970: Int64) -> String {
        let parts = CivilTime(secondsSince1970: secondsSince1970)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
            + "T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// UTC calendar fields of a Unix time (proleptic Gregorian; days-from-civil inverse after H. Hinnant).
private struct CivilTime {
    let days: Int64
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(secondsSince1970 seconds: Int64) {
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        self.days = days
        hour = Int(secondOfDay / 3_600)
        minute = Int(secondOfDay % 3_600 / 60)
        second = Int(secondOfDay % 60)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }
}
