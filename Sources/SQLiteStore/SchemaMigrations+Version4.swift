extension SchemaMigrations {
    /// Listings read no object row.
    ///
    /// - `objects_listing`: a covering index of what `CalendarObjectSummary` holds, in name order per calendar. A
    ///   PROPFIND of a calendar and a sync-collection page read ETags and sizes only, and those columns sit behind the
    ///   object's bytes in the row: for any object larger than about a quarter of a page, reading them from the row
    ///   walks its overflow pages. From this index the listing reads a few dozen bytes per object instead (measured:
    ///   see Benchmarks/RESULTS.md, issue 11.7).
    static let version4 = """
        CREATE INDEX objects_listing ON objects(calendar_id, name, etag, size, component_type, modified_at, created_at,
                                                schedule_tag, revision);
        """
}
