import ICalendar

/// Which instance a RECURRENCE-ID or EXDATE value names, comparable across the forms clients write it in: a DATE
/// by its day, a UTC or zoned DATE-TIME by its instant (when the zone is known), a floating one by its wall clock.
/// Spec: RFC 5545 §3.8.4.4 (RECURRENCE-ID), §3.8.5.1 (EXDATE).
struct RecurrenceKey: Hashable, Sendable {
    private enum Normalized: Hashable, Sendable {
        case day(Int)
        case instant(Int64)
        case wallClock(Int64)
    }

    private let normalized: Normalized
    /// The value as written, for writing it back (RECURRENCE-ID of a CANCEL, EXDATE in a copy).
    let value: DateTime

    init(_ value: DateTime, zones: EmbeddedTimeZones) {
        self.value = value
        switch value {
        case .date(let day): normalized = .day(day.dayNumber)
        case .utc(let local): normalized = .instant(local.secondsSinceEpoch)
        case .floating(let local): normalized = .wallClock(local.secondsSinceEpoch)
        case .zoned(let local, let tzid):
            if let rules = zones.rules(for: tzid) {
                normalized = .instant(rules.instant(for: local).secondsSinceEpoch)
            } else {
                normalized = .wallClock(local.secondsSinceEpoch)
            }
        }
    }

    static func == (lhs: RecurrenceKey, rhs: RecurrenceKey) -> Bool { lhs.normalized == rhs.normalized }
    func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    /// A RECURRENCE-ID property naming this instance.
    var recurrenceIDProperty: Property { Property(name: .recurrenceID, dateTime: value) }
}

/// A component of a calendar object: the master (no RECURRENCE-ID) or one overridden instance.
enum ComponentKey: Hashable, Sendable {
    case master
    case instance(RecurrenceKey)

    var recurrenceKey: RecurrenceKey? {
        if case .instance(let key) = self { return key }
        return nil
    }
}
