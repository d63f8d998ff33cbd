import CalendarStore

/// The SQL of `CalendarStore.objects(calendarID:matching:after:limit:)`: one page of candidates in name order.
///
/// With a window or a usable text condition, the id sets of `TimeRangeQuery` and `TextSearchQuery` drive the query
/// (rowid lookups of the candidates, then a sort of those), so the cost follows the candidates, not the calendar.
/// The page is chosen by sorting only the candidates' ids and names; the page's rows are then read by id, unsorted:
/// sorting whole rows would copy every candidate's bytes into SQLite's sorter. The caller puts the page in name
/// order (`inNameOrder`).
/// The unary plus on `calendar_id` and `name` keeps the planner from walking the calendar's (calendar_id, name)
/// index instead, which would read the whole calendar when few objects match. Without either, the query walks
/// that index from `after`, and stops at `limit`.
enum CandidateQuery {
    static func sql(calendarID: Int64, query: ObjectQuery, after: String?, limit: Int?, maxInstanceLength: Int64)
        -> SQL {
        var candidateSets: [SQL] = []
        if let window = query.window {
            candidateSets.append(TimeRangeQuery.candidateIDs(calendarID: calendarID, window: window,
                                                             maxInstanceLength: maxInstanceLength))
        }
        if let match = TextSearchQuery.matchExpression(query.text) {
            candidateSets.append(TextSearchQuery.candidateIDs(calendarID: calendarID, match: match))
        }
        if candidateSets.isEmpty {
            var sql = ObjectRow.select + " WHERE calendar_id = \(calendarID)"
            if let after { sql += " AND name > \(after)" }
            if let componentType = query.componentType { sql += " AND component_type = \(componentType)" }
            sql += " ORDER BY name"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return sql
        }
        var page: SQL = "SELECT id FROM objects WHERE +calendar_id = \(calendarID)"
        for candidates in candidateSets { page += " AND id IN (\(fragment: candidates))" }
        if let after { page += " AND +name > \(after)" }
        if let componentType = query.componentType { page += " AND component_type = \(componentType)" }
        page += " ORDER BY name"
        if let limit { page += " LIMIT \(max(0, limit))" }
        return ObjectRow.select + " WHERE id IN (\(fragment: page))"
    }

    /// The page in name order as SQLite's BINARY collation orders names (by their UTF-8 bytes).
    static func inNameOrder(_ records: [CalendarObjectRecord]) -> [CalendarObjectRecord] {
        records.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
