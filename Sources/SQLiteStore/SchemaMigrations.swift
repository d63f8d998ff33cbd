/// The database schema as numbered migrations. Migration n (1-based) moves `PRAGMA user_version` from n-1 to n;
/// a migration is never edited once released, only followed by a new one.
enum SchemaMigrations {
    static let all: [String] = [version1, version2, version3, version4, version5, version6, version7, version8,
                                version9, version10, version11, version12]

    static var latestVersion: Int { all.count }

    /// Applies the migrations the database has not seen, each in its own transaction with its version bump.
    static func migrate(_ connection: SQLiteConnection) throws {
        let current = try connection.queryFirst("PRAGMA user_version") { $0.int(0) } ?? 0
        guard current <= latestVersion else {
            throw SQLiteError(code: 1, message: "database schema version \(current) is newer than this build "
                                 + "supports (\(latestVersion))")
        }
        for version in (current + 1)..<(latestVersion + 1) {
            try connection.transaction(.immediate) {
                try connection.execute(script: all[version - 1])
                // PRAGMA takes no parameters; `version` is an integer of this module, not input.
                try connection.execute(script: "PRAGMA user_version = \(version)")
            }
        }
    }

    /// Users, app passwords, calendars with dead properties, objects with their time-range index, the change log.
    ///
    /// Time ranges: `instances` is indexed on (calendar_id, start_time); a query reads starts in
    /// [window.start - calendars.max_instance_length, window.end), so it never walks instances that ended long
    /// before the window. Timeless objects and objects with unmaterialised instances have their own partial indexes.
    /// The change log keeps one row per name (its newest change), which is all a sync report needs.
    static let version1 = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            email TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            is_admin INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE app_passwords (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX app_passwords_by_user ON app_passwords(user_id);
        CREATE TABLE calendars (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            slug TEXT NOT NULL,
            display_name TEXT NOT NULL,
            description TEXT NOT NULL,
            color TEXT NOT NULL,
            sort_order INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            supported_components TEXT NOT NULL,
            revision INTEGER NOT NULL,
            max_instance_length INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            UNIQUE (owner_id, slug)
        );
        CREATE TABLE calendar_properties (
            id INTEGER PRIMARY KEY,
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            xml TEXT NOT NULL,
            UNIQUE (calendar_id, namespace, name)
        );
        CREATE TABLE objects (
            id INTEGER PRIMARY KEY,
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            uid TEXT NOT NULL,
            component_type TEXT NOT NULL,
            etag TEXT NOT NULL,
            data BLOB NOT NULL,
            size INTEGER NOT NULL,
            first_start INTEGER,
            last_end INTEGER,
            horizon INTEGER,
            instances BLOB NOT NULL,
            revision INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            modified_at INTEGER NOT NULL,
            UNIQUE (calendar_id, name),
            UNIQUE (calendar_id, uid)
        );
        CREATE INDEX objects_timeless ON objects(calendar_id) WHERE first_start IS NULL;
        CREATE INDEX objects_by_horizon ON objects(calendar_id, horizon) WHERE horizon IS NOT NULL;
        CREATE TABLE instances (
            object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
            calendar_id INTEGER NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER NOT NULL
        );
        CREATE INDEX instances_by_start ON instances(calendar_id, start_time, end_time, object_id);
        CREATE INDEX instances_by_object ON instances(object_id);
        CREATE TABLE changes (
            calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            revision INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            PRIMARY KEY (calendar_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX changes_by_revision ON changes(calendar_id, revision);
        """
}
