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
    static func decode(_ row: SQLiteRow) -> (id: Int64, record: CalendarObjectRecord) {
        let text = IndexedText(summary: row.text(16), description: row.text(17), location: row.text(18),
                               attendees: row.text(19))
        let index = ObjectIndex(uid: row.text(3), componentType: row.text(4), firstStart: row.optionalInt64(7),
                                lastEnd: row.optionalInt64(8), instances: InstanceBlob.decode(row.blob(10)),
                                horizon: row.optionalInt64(9), expandedUntil: row.optionalInt64(14),
                                isExact: row.bool(15), text: text, scheduleTag: row.optionalText(20))
        let record = CalendarObjectRecord(calendarID: row.int64(1), name: row.text(2), etag: ETag(value: row.text(5)),
                                          data: row.blob(6), index: index, revision: row.int64(11),
                                          modifiedAt: row.int64(12), createdAt: row.int64(13))
        return (row.int64(0), record)
    }

    static func decodeRecord(_ row: SQLiteRow) -> CalendarObjectRecord { decode(row).record }
}

/// How an object row maps to `CalendarObjectSummary`: what listings read, without the bytes or the index.
enum SummaryRow {
    static let select: SQL = """
        SELECT name, etag, size, component_type, modified_at, created_at, schedule_tag, revision FROM objects
        """

    static func decode(_ row: SQLiteRow) -> CalendarObjectSummary {
        CalendarObjectSummary(name: row.text(0), etag: ETag(value: row.text(1)), size: row.int(2),
                              componentType: row.text(3), modifiedAt: row.int64(4), createdAt: row.int64(5),
                              scheduleTag: row.optionalText(6), revision: row.int64(7))
    }
}
