import CalendarStore

/// The objects that may overlap a time window, chosen from the index: the time part of `CandidateQuery`.
/// Spec: RFC 4791 §9.9 (the overlap rule; the CalDAV layer re-checks candidates exactly).
///
/// Three indexed lookups, united by object id:
/// - instances whose start lies in [window.start - maxInstanceLength, window.end) on `instances_by_start`, then the
///   exact overlap test on the index rows; `maxInstanceLength` is the calendar's longest instance, kept up to date
///   on write, so no instance that could overlap is skipped and none that ended long before is read;
/// - timeless objects on the partial index `objects_timeless`;
/// - objects with unmaterialised instances whose horizon is before the window's end, on `objects_by_horizon`.
/// The cost grows with the candidates (plus instances of the lookback span), not with the calendar.
enum TimeRangeQuery {
    /// A query of the ids of the candidates.
    static func candidateIDs(calendarID: Int64, window: TimeWindow, maxInstanceLength: Int64) -> SQL {
        var instances: SQL = "SELECT object_id FROM instances WHERE calendar_id = \(calendarID)"
        if let end = window.end { instances += " AND start_time < \(end)" }
        if let start = window.start,
           let lookback = window.earliestOverlappingStart(maxInstanceLength: maxInstanceLength) {
            // A zero-length instance overlaps when it starts in the window, so `start_time >= start` also admits it.
            instances += " AND start_time >= \(lookback)"
            instances += " AND (end_time > \(start) OR start_time >= \(start))"
        }
        var beyondHorizon: SQL = """
            SELECT id FROM objects WHERE calendar_id = \(calendarID) AND horizon IS NOT NULL
            """
        if let end = window.end { beyondHorizon += " AND horizon < \(end) AND first_start < \(end)" }
        return """
            \(fragment: instances)
            UNION SELECT id FROM objects WHERE calendar_id = \(calendarID) AND first_start IS NULL
            UNION \(fragment: beyondHorizon)
            """
    }
}
