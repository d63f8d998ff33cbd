extension SchemaMigrations {
    /// The persisted index fields of issue #4 and the text index.
    ///
    /// - `expanded_until` and `is_exact` (`ObjectIndex.expandedUntil`, `.isExact`); `objects_by_expansion` serves
    ///   `objectsToReindex`, smallest first, and holds only rows that have a value.
    /// - The searchable text in four columns of `objects` and an FTS5 index over them, `object_text`, with the
    ///   trigram tokenizer folding case, so a quoted needle of three or more characters is a case-insensitive
    ///   substring test answered from the index. The FTS table is external-content (the text is stored once, in
    ///   `objects`) and triggers keep it in step with every insert, update and delete of `objects`, including the
    ///   deletes that foreign keys cascade from calendars and users, inside the same transaction. Only rows with
    ///   `text_indexed = 1` are in the FTS index (an external-content FTS5 table must never be told to delete a row
    ///   it does not hold), so migrating a large database does not rebuild the index.
    /// - Rows written before this migration have no text: `text_indexed` is 0 for them, so text queries return
    ///   them as candidates (`objects_text_pending` finds them per calendar), and `expanded_until` is set to 0 so
    ///   index maintenance re-indexes them, which stores their text and sets the flag.
    static let version2 = """
        ALTER TABLE objects ADD COLUMN expanded_until INTEGER;
        ALTER TABLE objects ADD COLUMN is_exact INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE objects ADD COLUMN text_indexed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE objects ADD COLUMN summary TEXT NOT NULL DEFAULT '';
        ALTER TABLE objects ADD COLUMN description TEXT NOT NULL DEFAULT '';
        ALTER TABLE objects ADD COLUMN location TEXT NOT NULL DEFAULT '';
        ALTER TABLE objects ADD COLUMN attendees TEXT NOT NULL DEFAULT '';
        UPDATE objects SET expanded_until = 0;
        CREATE INDEX objects_by_expansion ON objects(expanded_until, calendar_id, name)
            WHERE expanded_until IS NOT NULL;
        CREATE INDEX objects_text_pending ON objects(calendar_id) WHERE text_indexed = 0;
        CREATE VIRTUAL TABLE object_text USING fts5(
            summary, description, location, attendees,
            content = 'objects', content_rowid = 'id', tokenize = 'trigram case_sensitive 0'
        );
        CREATE TRIGGER object_text_insert AFTER INSERT ON objects WHEN new.text_indexed BEGIN
            INSERT INTO object_text (rowid, summary, description, location, attendees)
            VALUES (new.id, new.summary, new.description, new.location, new.attendees);
        END;
        CREATE TRIGGER object_text_delete AFTER DELETE ON objects WHEN old.text_indexed BEGIN
            INSERT INTO object_text (object_text, rowid, summary, description, location, attendees)
            VALUES ('delete', old.id, old.summary, old.description, old.location, old.attendees);
        END;
        CREATE TRIGGER object_text_update AFTER UPDATE OF summary, description, location, attendees, text_indexed
        ON objects
        WHEN old.summary IS NOT new.summary OR old.description IS NOT new.description
            OR old.location IS NOT new.location OR old.attendees IS NOT new.attendees
            OR old.text_indexed IS NOT new.text_indexed
        BEGIN
            INSERT INTO object_text (object_text, rowid, summary, description, location, attendees)
            SELECT 'delete', old.id, old.summary, old.description, old.location, old.attendees WHERE old.text_indexed;
            INSERT INTO object_text (rowid, summary, description, location, attendees)
            SELECT new.id, new.summary, new.description, new.location, new.attendees WHERE new.text_indexed;
        END;
        """
}
