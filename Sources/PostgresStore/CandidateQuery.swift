import CalendarStore

/// The SQL of `CalendarStore.objects(calendarID:matching:after:limit:)`: one page of candidates in name order.
/// Spec: RFC 4791 §9.9 (time ranges) and §9.7.5 (text-match); the CalDAV layer re-checks candidates exactly.
///
/// Time: the ids of three indexed lookups, as in SQLite's store: instances starting in
/// [window.start - maxInstanceLength, window.end) on `instances_by_start` with the exact overlap test on the index
/// rows, timeless objects on `objects_timeless`, and objects whose unmaterialised instances may reach the window on
/// `objects_by_horizon`. Text: each condition is a case-insensitive substring test (ILIKE) that the `pg_trgm`
/// indexes answer for needles of three or more characters; shorter ones are tested on the candidates the other
/// conditions leave. The planner drives the query from the most selective of these, so the cost follows the
/// candidates, not the calendar.
enum CandidateQuery {
    static func sql(home: Int64, calendarID: Int64, query: ObjectQuery, after: String?, limit: Int?,
                    maxInstanceLength: Int64) -> SQL {
        var sql = ObjectRow.select + " WHERE home_id = \(home) AND calendar_id = \(calendarID)"
        if let window = query.window {
            let candidates = timeCandidates(home: home, calendarID: calendarID, window: window,
                                            maxInstanceLength: maxInstanceLength)
            sql += " AND id IN (\(fragment: candidates))"
        }
        for condition in query.text {
            sql += " AND \(raw: condition.field.rawValue) ILIKE \(likePattern(condition.needle))"
        }
        if let after { sql += " AND name > \(after)" }
        if let componentType = query.componentType { sql += " AND component_type = \(componentType)" }
        sql += " ORDER BY name"
        if let limit { sql += " LIMIT \(Int64(max(0, limit)))" }
        return sql
    }

    /// The ids of the objects that may overlap `window`.
    static func timeCandidates(home: Int64, calendarID: Int64, window: TimeWindow, maxInstanceLength: Int64) -> SQL {
        var instances: SQL = """
            SELECT object_id FROM instances WHERE home_id = \(home) AND calendar_id = \(calendarID)
            """
        if let end = window.end { instances += " AND start_time < \(end)" }
        if let start = window.start,
           let lookback = window.earliestOverlappingStart(maxInstanceLength: maxInstanceLength) {
            // A zero-length instance overlaps when it starts in the window, so `start_time >= start` also admits it.
            instances += " AND start_time >= \(lookback)"
            instances += " AND (end_time > \(start) OR start_time >= \(start))"
        }
        var beyondHorizon: SQL = """
            SELECT id FROM objects WHERE home_id = \(home) AND calendar_id = \(calendarID) AND horizon IS NOT NULL
            """
        if let end = window.end { beyondHorizon += " AND horizon < \(end) AND first_start < \(end)" }
        return """
            \(fragment: instances)
            UNION SELECT id FROM objects WHERE home_id = \(home) AND calendar_id = \(calendarID) AND first_start IS NULL
            UNION \(fragment: beyondHorizon)
            """
    }

    /// `%needle%` with LIKE's own characters escaped (backslash is the default escape).
    static func likePattern(_ needle: String) -> String {
        var pattern = "%"
        for character in needle {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
