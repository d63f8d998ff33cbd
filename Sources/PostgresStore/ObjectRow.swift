import CalendarStore

/// How an object row maps to `CalendarObjectRecord`: the column list every object query selects, and its decoder.
enum ObjectRow {
    /// Prefix every object query with this; `decode` reads the columns in this order.
    static let select: SQL = """
        SELECT id, calendar_id, name, uid, component_type, etag, data, first_start, last_end, horizon, instances,
               revision, modified_at, created_at, expanded_until, is_exact, summary, description, location, attendees,
               schedule_tag
        FROM objects
        """

    /// The row id and the record.
    static func decode(_ row: ResultRow) throws -> (id: Int64, record: CalendarObjectRecord) {
        let text = IndexedText(summary: try row.text(16), description: try row.text(17), location: try row.text(18),
                               attendees: try row.text(19))
        let index = ObjectIndex(uid: try row.text(3), componentType: try row.text(4),
                                firstStart: try row.optionalInt64(7), lastEnd: try row.optionalInt64(8),
                                instances: InstanceBlob.decode(try row.bytes(10)), horizon: try row.optionalInt64(9),
                                expandedUntil: try row.optionalInt64(14), isExact: try row.bool(15), text: text,
                                scheduleTag: try row.optionalText(20))
        let record = CalendarObjectRecord(calendarID: try row.int64(1), name: try row.text(2),
                                          etag: ETag(value: try row.text(5)), data: try row.bytes(6), index: index,
                                          revision: try row.int64(11), modifiedAt: try row.int64(12),
                                          createdAt: try row.int64(13))
        return (try row.int64(0), record)
    }

    static func decodeRecord(_ row: ResultRow) throws -> CalendarObjectRecord { try decode(row).record }
}

/// How an object row maps to `CalendarObjectSummary`: what listings read, without the bytes or the index.
enum SummaryRow {
    static let select: SQL = """
        SELECT name, etag, size, component_type, modified_at, created_at, schedule_tag, revision FROM objects
        """

    static func decode(_ row: ResultRow) throws -> CalendarObjectSummary {
        CalendarObjectSummary(name: try row.text(0), etag: ETag(value: try row.text(1)), size: try row.int(2),
                              componentType: try row.text(3), modifiedAt: try row.int64(4),
                              createdAt: try row.int64(5), scheduleTag: try row.optionalText(6),
                              revision: try row.int64(7))
    }
}
