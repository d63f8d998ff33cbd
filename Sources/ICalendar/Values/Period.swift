/// A PERIOD value: a start and either an end or a duration.
///
/// Spec: RFC 5545 §3.3.9.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public enum End: Hashable, Sendable {
        case dateTime(DateTime)
        case duration(CalendarDuration)
    }

    public var start: DateTime
    public var end: End

    public init(start: DateTime, end: End) {
        self.start = start
        self.end = end
    }

    /// The end as a wall clock in the start's frame.
    public var endLocal: LocalDateTime {
        switch end {
        case .dateTime(let e): e.local
        case .duration(let d): d.added(to: start.local)
        }
    }

    public var icalValue: String {
        switch end {
        case .dateTime(let e): start.icalValue + "/" + e.icalValue
        case .duration(let d): start.icalValue + "/" + d.icalValue
        }
    }

    public var description: String { icalValue }

    public static func parse(_ text: some StringProtocol, tzid: String? = nil) throws(ICalendarParseError) -> Period {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ICalendarParseError(.invalidValue, message: "'\(text)' is not a PERIOD like 19970101T180000Z/PT5H30M")
        }
        let start = try DateTime.parse(parts[0], tzid: tzid, valueType: .dateTime)
        let endText = parts[1]
        if let first = endText.first, first == "P" || first == "p" || first == "+" || first == "-" {
            return Period(start: start, end: .duration(try CalendarDuration.parse(endText)))
        }
        return Period(start: start, end: .dateTime(try DateTime.parse(endText, tzid: tzid, valueType: .dateTime)))
    }
}
