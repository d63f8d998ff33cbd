import ICalendar

extension ParseOptions {
    /// For bytes the server stored itself: lenient (objects stored by earlier versions may carry quirks), and
    /// without re-checking every typed value, which `CalendarObjectValidator` did before they were stored. A
    /// calendar-query with expansion reads every candidate this way, and checking values was a seventh of its cost.
    package static let storedObject = ParseOptions(mode: .lenient, validatesValues: false)
}
