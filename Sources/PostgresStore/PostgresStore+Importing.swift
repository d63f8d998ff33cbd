import CalendarStore

/// `almanac migrate`'s two ends on PostgreSQL: reading the change log and presentations (`StoreExporting`, used by
/// the verification) and taking another store's records as they are (`StoreImporting`).
extension PostgresStore: StoreImporting {
    public func changeLog(calendarID: Int64) async throws(StoreError) -> [ChangeLogEntry] {
        try await database.read { session in
            guard let home = try await self.homes.home(of: calendarID, session) else { return [] }
            return try await session.query("""
                SELECT name, revision, deleted FROM changes WHERE home_id = \(home) AND calendar_id = \(calendarID)
                ORDER BY revision, name
                """) { row in
                ChangeLogEntry(calendarID: calendarID, name: try row.text(0), revision: try row.int64(1),
                               deleted: try row.bool(2))
            }
        }
    }

    public func shareePresentations(userID: Int64) async throws(StoreError) -> [ShareePresentation] {
        try await database.read { session in
            try await session.query("""
                SELECT calendar_id, display_name, color FROM sharee_presentations WHERE user_id = \(userID)
                ORDER BY calendar_id
                """) { row in
                ShareePresentation(calendarID: try row.int64(0), userID: userID,
                                   displayName: try row.optionalText(1), color: try row.optionalText(2))
            }
        }
    }

    public func refreshTokens(grantID: Int64) async throws(StoreError) -> [RefreshToken] {
        try await database.read { session in
            try await session.query("SELECT " + Self.refreshTokenColumns + """
                 FROM refresh_tokens WHERE grant_id = \(grantID) ORDER BY id
                """, Self.decodeRefreshToken)
        }
    }

    public func isEmpty() async throws(StoreError) -> Bool {
        try await database.read { session in
            !(try await session.exists("SELECT 1 FROM principal_names LIMIT 1"))
        }
    }

    public func importRecords(_ records: ImportRecords) async throws(StoreError) {
        try await database.write { session in try await Self.insert(records, session) }
    }

    public func finishImport() async throws(StoreError) {
        // Identity columns given explicit values do not move their sequences; each continues after the largest id.
        try await database.write { session in
            for table in ["users", "app_passwords", "access_tokens", "calendars", "objects", "outgoing_messages",
                          "user_groups", "share_notices", "calendar_properties", "oauth_clients", "oauth_grants",
                          "refresh_tokens"] {
                let column = table == "calendar_properties" ? "position" : "id"
                try await session.run("""
                    SELECT setval(pg_get_serial_sequence('\(raw: table)', '\(raw: column)'),
                                  coalesce((SELECT max(\(raw: column)) FROM \(raw: table)), 0) + 1, false)
                    """)
            }
        }
    }

    private static func insert(_ records: ImportRecords, _ session: PostgresSession) async throws {
        switch records {
        case .users(let users):
            for user in users {
                try await claimPrincipalName(user.name, session)
                try await session.run("""
                    INSERT INTO users (id, name, display_name, email, password_hash, is_admin, created_at, status,
                                       deletion_due_at)
                    VALUES (\(user.id), \(user.name), \(user.displayName), \(user.email), \(user.passwordHash),
                            \(user.isAdmin), \(user.createdAt), \(user.status.rawValue), \(user.deletionDueAt)::bigint)
                    """)
            }
        case .preferences(let userID, let document):
            // The settings row may come before or after the free-busy choice's: each fills its own column.
            try await session.run("""
                INSERT INTO user_settings (user_id, preferences) VALUES (\(userID), \(document))
                ON CONFLICT (user_id) DO UPDATE SET preferences = excluded.preferences
                """)
        case .oauthClients(let clients):
            for client in clients {
                try await session.run("""
                    INSERT INTO oauth_clients (id, client_id, name, redirect_uris, secret_hash, created_at)
                    VALUES (\(client.id), \(client.clientID), \(client.name),
                            \(encodeRedirectURIs(client.redirectURIs)), \(client.secretHash)::text, \(client.createdAt))
                    """)
            }
        case .oauthGrants(let grants):
            for grant in grants {
                try await session.run("""
                    INSERT INTO oauth_grants (id, user_id, client_id, scopes, created_at)
                    VALUES (\(grant.id), \(grant.userID), \(grant.clientID), \(encodeScopes(grant.scopes)),
                            \(grant.createdAt))
                    """)
            }
        case .refreshTokens(let tokens):
            for token in tokens {
                try await session.run("""
                    INSERT INTO refresh_tokens (id, grant_id, token_hash, created_at, expires_at, replaced_at)
                    VALUES (\(token.id), \(token.grantID), \(token.tokenHash), \(token.createdAt), \(token.expiresAt),
                            \(token.replacedAt)::bigint)
                    """)
            }
        case .appPasswords(let passwords):
            for password in passwords {
                try await session.run("""
                    INSERT INTO app_passwords (id, user_id, label, password_hash, created_at)
                    VALUES (\(password.id), \(password.userID), \(password.label), \(password.passwordHash),
                            \(password.createdAt))
                    """)
            }
        case .accessTokens(let tokens):
            for token in tokens {
                try await session.run("""
                    INSERT INTO access_tokens (id, user_id, label, token_hash, scopes, created_at, expires_at,
                                               last_used_at, grant_id)
                    VALUES (\(token.id), \(token.userID), \(token.label), \(token.tokenHash),
                            \(encodeScopes(token.scopes)), \(token.createdAt), \(token.expiresAt)::bigint,
                            \(token.lastUsedAt)::bigint, \(token.grantID)::bigint)
                    """)
            }
        case .groups(let groups):
            for group in groups {
                try await claimPrincipalName(group.name, session)
                try await session.run("""
                    INSERT INTO user_groups (id, name, display_name, email, created_at)
                    VALUES (\(group.id), \(group.name), \(group.displayName), \(group.email)::text, \(group.createdAt))
                    """)
            }
        case .memberships(let memberships):
            for membership in memberships {
                try await session.run("""
                    INSERT INTO group_members (group_id, user_id) VALUES (\(membership.groupID), \(membership.userID))
                    """)
            }
        case .calendars(let calendars):
            for calendar in calendars { try await insert(calendar, session) }
        case .objects(let objects):
            var homes: [Int64: Int64] = [:]
            for object in objects {
                if homes[object.calendarID] == nil {
                    homes[object.calendarID] = try await ownerID(of: object.calendarID, session)
                }
                guard let home = homes[object.calendarID] else { throw StoreError.notFound }
                try await insert(object, instanceBlob: InstanceBlob.encode(object.index.instances), home: home,
                                 session)
            }
        case .changeLog(let entries):
            for entry in entries {
                guard let home = try await ownerID(of: entry.calendarID, session) else { throw StoreError.notFound }
                try await log(session, home: home, calendarID: entry.calendarID, name: entry.name,
                              revision: entry.revision, exists: !entry.deleted)
            }
        case .grants(let grants):
            for grant in grants { try await insert(grant, session) }
        case .presentations(let presentations):
            for presentation in presentations {
                try await session.run("""
                    INSERT INTO sharee_presentations (user_id, calendar_id, display_name, color)
                    VALUES (\(presentation.userID), \(presentation.calendarID), \(presentation.displayName)::text,
                            \(presentation.color)::text)
                    """)
            }
        case .objectGrants(let grants):
            for grant in grants {
                guard let home = try await ownerID(of: grant.calendarID, session) else { throw StoreError.notFound }
                try await session.run("""
                    INSERT INTO object_grants (home_id, calendar_id, object_name, user_id, role, granted_by, created_at)
                    VALUES (\(home), \(grant.calendarID), \(grant.objectName), \(grant.userID), \(grant.role.rawValue),
                            \(grant.grantedBy)::bigint, \(grant.createdAt))
                    """)
            }
        case .freeBusyVisibility(let userID, let visibility):
            try await session.run("""
                INSERT INTO user_settings (user_id, freebusy_visibility) VALUES (\(userID), \(visibility.rawValue))
                ON CONFLICT (user_id) DO UPDATE SET freebusy_visibility = excluded.freebusy_visibility
                """)
        case .shareNotices(let notices):
            for notice in notices {
                try await session.run("""
                    INSERT INTO share_notices (id, user_id, uid, kind, status, calendar_id, owner_id, sharee_id, role,
                                               calendar_name, created_at)
                    VALUES (\(notice.id), \(notice.userID), \(notice.uid), \(notice.kind.rawValue),
                            \(notice.status.rawValue), \(notice.calendarID), \(notice.ownerID), \(notice.shareeID),
                            \(notice.role.rawValue), \(notice.calendarName), \(notice.createdAt))
                    """)
            }
        case .delegations(let delegations):
            for delegation in delegations {
                try await session.run("""
                    INSERT INTO delegations (owner_id, delegate_id, mode)
                    VALUES (\(delegation.ownerID), \(delegation.delegateID), \(delegation.mode.rawValue))
                    """)
            }
        case .outgoing(let messages, let attempts):
            for queued in messages { try await insert(queued, session) }
            for attempt in attempts { try await insert(attempt, session) }
        }
    }

    private static func ownerID(of calendarID: Int64, _ session: PostgresSession) async throws -> Int64? {
        try await session.queryFirst("SELECT owner_id FROM calendars WHERE id = \(calendarID)") { try $0.int64(0) }
    }

    private static func insert(_ calendar: CalendarRecord, _ session: PostgresSession) async throws {
        try await session.run("""
            INSERT INTO calendars (id, owner_id, slug, display_name, description, color, sort_order, time_zone,
                                   supported_components, revision, created_at)
            VALUES (\(calendar.id), \(calendar.ownerID), \(calendar.slug), \(calendar.displayName),
                    \(calendar.description), \(calendar.color), \(Int64(calendar.order)), \(calendar.timeZone),
                    \(ComponentList.encode(calendar.supportedComponents)), \(calendar.revision), \(calendar.createdAt))
            """)
        for property in calendar.deadProperties {
            try await session.run("""
                INSERT INTO calendar_properties (home_id, calendar_id, namespace, name, xml)
                VALUES (\(calendar.ownerID), \(calendar.id), \(property.namespace), \(property.name), \(property.xml))
                """)
        }
    }

    private static func insert(_ grant: CalendarGrant, _ session: PostgresSession) async throws {
        guard let home = try await ownerID(of: grant.calendarID, session) else { throw StoreError.notFound }
        let (table, column, granteeID): (String, String, Int64) = switch grant.grantee {
        case .user(let id): ("calendar_user_grants", "user_id", id)
        case .group(let id): ("calendar_group_grants", "group_id", id)
        }
        try await session.run("""
            INSERT INTO \(raw: table) (home_id, calendar_id, \(raw: column), role, state, granted_by, created_at,
                                       updated_at)
            VALUES (\(home), \(grant.calendarID), \(granteeID), \(grant.role.rawValue), \(grant.state.rawValue),
                    \(grant.grantedBy)::bigint, \(grant.createdAt), \(grant.updatedAt))
            """)
    }

    private static func insert(_ queued: OutgoingMessage, _ session: PostgresSession) async throws {
        let message = queued.message
        try await session.run("""
            INSERT INTO outgoing_messages (id, sender_user_id, envelope_from, envelope_to, message_id, method, uid,
                                           content, state, attempts, created_at, next_attempt_at, last_error)
            VALUES (\(queued.id), \(message.senderUserID), \(message.envelopeFrom), \(message.envelopeTo),
                    \(message.messageID), \(message.method), \(message.uid), \(message.content.bytea),
                    \(queued.state.rawValue), \(Int64(queued.attempts)), \(queued.createdAt), \(queued.nextAttemptAt),
                    \(queued.lastError))
            """)
    }

    private static func insert(_ attempt: DeliveryAttempt, _ session: PostgresSession) async throws {
        let (kind, retryAt) = encode(attempt.outcome)
        try await session.run("""
            INSERT INTO delivery_attempts (outgoing_id, number, at, outcome, next_attempt_at, detail)
            VALUES (\(attempt.outgoingID), \(Int64(attempt.number)), \(attempt.at), \(kind), \(retryAt)::bigint,
                    \(attempt.detail))
            """)
    }
}
