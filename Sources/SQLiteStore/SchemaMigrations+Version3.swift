extension SchemaMigrations {
    /// Scheduling (RFC 6638) and the iMIP outgoing queue (RFC 6047).
    ///
    /// - `objects.schedule_tag`: `ObjectIndex.scheduleTag`, NULL for objects that are not scheduling object
    ///   resources (every row written before this migration).
    /// - `users_by_email`: `user(email:)` compares with `COLLATE NOCASE` (ASCII letters folded), which this index
    ///   answers; ties between users sharing an address resolve to the smallest id, the index's own order.
    /// - `outgoing_messages`: the durable queue. `outgoing_due` on (state, next_attempt_at, id) hands the delivery
    ///   service the due pending messages in queue order without a sort; `outgoing_by_sender` serves the per-user
    ///   listing newest first. The state is the raw value of `OutgoingMessageState`, checked by a constraint.
    /// - `delivery_attempts`: one row per attempt, numbered from 1 per message; `outcome` is `sent`, `retry` (with
    ///   `next_attempt_at`) or `failed`.
    /// - Deleting a user deletes their queued messages and attempts (ON DELETE CASCADE), as it deletes the rest of
    ///   their data: a pending message of a deleted user is not sent, and the message content (which carries their
    ///   calendar data) is not kept. The delivery service treats `notFound` from `recordDeliveryAttempt` as
    ///   "dropped meanwhile".
    static let version3 = """
        ALTER TABLE objects ADD COLUMN schedule_tag TEXT;
        CREATE INDEX users_by_email ON users(email COLLATE NOCASE);
        CREATE TABLE outgoing_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sender_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            envelope_from TEXT NOT NULL,
            envelope_to TEXT NOT NULL,
            message_id TEXT NOT NULL,
            method TEXT NOT NULL,
            uid TEXT NOT NULL,
            content BLOB NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT NOT NULL
        );
        CREATE INDEX outgoing_due ON outgoing_messages(state, next_attempt_at, id);
        CREATE INDEX outgoing_by_sender ON outgoing_messages(sender_user_id, id);
        CREATE TABLE delivery_attempts (
            outgoing_id INTEGER NOT NULL REFERENCES outgoing_messages(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            at INTEGER NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed')),
            next_attempt_at INTEGER,
            detail TEXT NOT NULL,
            PRIMARY KEY (outgoing_id, number)
        ) WITHOUT ROWID;
        """
}
