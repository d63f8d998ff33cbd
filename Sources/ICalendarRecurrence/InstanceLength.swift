import ICalendar

/// How long each instance of a component lasts.
///
/// Spec: RFC 5545 §3.8.5.3 — DTEND (or a VTODO's DUE) gives every instance the same exact duration; DURATION gives
/// the same nominal duration, whose exact length depends on the instance (a day across a DST change). §3.6.1 and
/// RFC 4791 §9.9: without either, a DATE start lasts one day and a DATE-TIME start is an instant.
enum InstanceLength: Hashable, Sendable {
    case exact(seconds: Int64)
    case nominal(CalendarDuration)

    /// Reads DTSTART and DTEND/DUE/DURATION. A negative length (DTEND before DTSTART) is read as zero.
    static func read(_ component: Component, start: DateTime, frame: RecurrenceFrame) throws(RecurrenceError) -> InstanceLength {
        let endName: PropertyName = component.name == .vtodo ? .due : .dtend
        if component.property(.dtstart) != nil, let endProperty = component.property(endName) {
            let end: DateTime
            do { end = try endProperty.dateTime() } catch { throw RecurrenceError(error, property: endName) }
            if start.isDate && end.isDate {
                return .nominal(CalendarDuration(days: Swift.max(0, end.date.dayNumber - start.date.dayNumber)))
            }
            let seconds = frame.instant(of: end).secondsSinceEpoch - frame.instant(of: start).secondsSinceEpoch
            return .exact(seconds: Swift.max(0, seconds))
        }
        if let durationProperty = component.property(.duration) {
            let duration: CalendarDuration
            do { duration = try durationProperty.duration() } catch { throw RecurrenceError(error, property: .duration) }
            return duration.isNegative ? .exact(seconds: 0) : .nominal(duration)
        }
        return start.isDate ? .nominal(CalendarDuration(days: 1)) : .exact(seconds: 0)
    }

    /// The instant an instance starting at `start` (at `startInstant`) ends.
    func end(of start: DateTime, at startInstant: Instant, frame: RecurrenceFrame) -> Instant {
        switch self {
        case .exact(let seconds): startInstant.adding(seconds: seconds)
        case .nominal(let duration): Swift.max(startInstant, frame.end(of: start, after: duration))
        }
    }

    /// An upper bound of the length in seconds (a nominal day counted as 25 hours).
    var maximumSeconds: Int64 {
        switch self {
        case .exact(let seconds): seconds
        case .nominal(let duration): Int64(duration.nominalDays) * 90_000 + Swift.max(0, duration.exactSeconds)
        }
    }
}
