import CalendarStore
import ICalendar
import ICalendarRecurrence

extension CalendarFilter {
    /// Whether a stored object passes the filter: decided from its index when the filter is a pure time-range the
    /// index answers exactly (`indexTimeRange`, `ComponentTimeRange.decision(for:)`), else by parsing the bytes and
    /// running the full filter. Bytes that no longer parse match nothing.
    ///
    /// Spec: RFC 4791 §7.8, §9.9. `context` reads floating times (the query's or the calendar's zone); an exact
    /// index holds no floating time, so it does not depend on it.
    ///
    /// `classified`: the filter runs on what a sharee sees (`ClassifiedView`), so a search cannot find words in a
    /// private event's description; times stay, so the index's decisions hold for sharees too.
    public func matches(_ object: CalendarObjectRecord, context: TimeContext, classified: Bool = false) -> Bool {
        if let decided = indexTimeRange?.decision(for: object.index) { return decided }
        guard let parsed = try? ICalendarParser(options: .storedObject).parse(object.data).components.first else { return false }
        return matches(classified ? ClassifiedView.view(of: parsed) : parsed, context: context)
    }
}
