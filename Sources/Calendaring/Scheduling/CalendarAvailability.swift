import ICalendar
import ICalendarRecurrence

/// The CALDAV:calendar-availability property of a scheduling inbox: a VCALENDAR whose VAVAILABILITY components say
/// when the owner is available; time they cover outside every AVAILABLE period is busy (BUSY-UNAVAILABLE unless
/// BUSYTYPE says otherwise) in free/busy answers.
///
/// Spec: RFC 7953 §7.2.4 (the property: on the inbox, iCalendar text holding VAVAILABILITY components),
/// §3.1 (VAVAILABILITY and AVAILABLE: DTSTART required in AVAILABLE), §4 (busy time, PRIORITY).
package struct CalendarAvailability: Sendable {
    /// The VCALENDAR the property holds (its VTIMEZONEs resolve the TZIDs of the availability).
    let calendar: Component

    var components: [Component] { calendar.components(.vavailability) }

    /// Reads and checks the property text a client sets: one VCALENDAR with at least one VAVAILABILITY whose times,
    /// priorities and AVAILABLE recurrences can all be read. Anything else is refused as valid-calendar-data.
    package init(text: String) throws(CalendaringError) {
        let calendar: Component
        do {
            calendar = try ICalendarParser(options: .lenient).parseCalendar(text)
        } catch {
            throw Self.invalid("calendar-availability is not iCalendar data: \(error)")
        }
        guard calendar.name == .vcalendar, !calendar.components(.vavailability).isEmpty else {
            throw Self.invalid("calendar-availability must be a VCALENDAR with at least one VAVAILABILITY.")
        }
        for vavailability in calendar.components(.vavailability) {
            for available in vavailability.components(.available) where available.property(.dtstart) == nil {
                throw Self.invalid("Each AVAILABLE needs a DTSTART (RFC 7953 §3.1).")
            }
        }
        self.calendar = calendar
        try check()
    }

    /// The availability a stored property value holds (its iCalendar text); nil when it holds none. What is stored
    /// was checked when it was set, so a value that cannot be read now (stored by an older version) is ignored rather
    /// than failing every lookup.
    package init?(storedText text: String) {
        guard let calendar = try? ICalendarParser(options: .lenient).parseCalendar(text),
              !calendar.components(.vavailability).isEmpty else { return nil }
        self.calendar = calendar
    }

    /// Evaluates every component over two weeks from its earliest start, so values the calculator cannot read
    /// (a bad DTEND, an unreadable RRULE, a runaway rule) are refused when they are set, not at lookup time.
    private func check() throws(CalendaringError) {
        let context = TimeContext(resolver: NoZones()).resolving(embeddedZonesOf: calendar)
        var starts: [Instant] = []
        for component in components {
            for candidate in [component] + component.components(.available) {
                if let start = try? candidate.property(.dtstart)?.dateTime() { starts.append(context.instant(start)) }
            }
        }
        let from = starts.min() ?? Instant(secondsSinceEpoch: 0)
        let calculator = AvailabilityCalculator(context: context, expander: RecurringAvailableExpander())
        do {
            _ = try calculator.busyPeriods(components, from: from, to: from.adding(seconds: 14 * 86_400))
        } catch {
            throw Self.invalid("calendar-availability cannot be read: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: FreeBusyError) -> String {
        switch error {
        case .invalidData(let parse): parse.message
        case .recurrenceNotExpanded(let uid), .expansionLimitReached(let uid):
            "the recurrence of AVAILABLE \(uid ?? "(no UID)") produces too many periods"
        }
    }

    private static func invalid(_ message: String) -> CalendaringError {
        .refused(.validCalendarData, reason: message)
    }
}

/// Knows no zone: the check above reads TZIDs only through the property's own VTIMEZONEs (unknown ones are read as
/// floating, which is enough to validate the syntax).
private struct NoZones: TimeZoneResolving {
    func rules(for tzid: String) -> (any TimeZoneRules)? { nil }
}
